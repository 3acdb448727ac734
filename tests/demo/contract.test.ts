import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES } from '../../src/lib/schema/index.js';
import { PRACTICE_MAP_COLUMNS } from '../../data-pipeline/src/demo/geography.js';
import { checkDelivery } from './contract-check.js';
import { generated, parseCsv, planted, readTable, rowObjects } from './helpers.js';

const options = { referrals: 5000, seed: 11, dirty: false };

describe('clean demo delivery against the export contract', () => {
	it('writes every file of the contract with its exact header, UTF-8 without BOM, LF line ends', async () => {
		const dir = await generated(options);
		for (const spec of FILES) {
			const bytes = readFileSync(join(dir, spec.file));
			const table = readTable(join(dir, spec.file));
			expect(table.header, spec.file).toEqual(spec.columns.map((c) => c.name));
			expect(table.encoding, spec.file).toBe('utf-8');
			expect(table.crlf, spec.file).toBe(false);
			expect(bytes.at(-1), `${spec.file} ends with a line end`).toBe(0x0a);
			expect(table.rows.length, `${spec.file} has rows`).toBeGreaterThan(0);
			expect(table.rows.every((r) => r.length === spec.columns.length), `${spec.file} rows are rectangular`).toBe(true);
		}
	});

	it('has no row the pipeline should reject', async () => {
		const dir = await generated(options);
		const { rejects, loaded } = checkDelivery(dir);
		expect(rejects.slice(0, 5)).toEqual([]);
		const truth = planted(dir);
		for (const spec of FILES) expect(loaded[spec.name], spec.file).toBe(truth.rows_written[spec.name]);
		expect(loaded.referrals).toBe(options.referrals);
	});

	it('keeps every date inside the demo period and the extract', async () => {
		const dir = await generated(options);
		const referrals = rowObjects(readTable(join(dir, 'referrals.csv')));
		const dates = referrals.map((r) => r.referral_date!).sort();
		expect(dates[0]! >= '2023-04-01').toBe(true);
		expect(dates.at(-1)! <= '2026-03-31').toBe(true);
		// All three financial years are present.
		for (const year of ['2023', '2024', '2025']) expect(dates.some((d) => d >= `${year}-04-01` && d < `${+year + 1}-04-01`)).toBe(true);
		const later = referrals.flatMap((r) => [r.first_contact_date!, r.discharge_date!]).filter((d) => d > '2026-09-30');
		expect(later).toEqual([]);
		const months = rowObjects(readTable(join(dir, 'gp_appointments.csv'))).map((r) => r.month!);
		expect(months.reduce((a, b) => (a > b ? a : b))).toBe('2026-09');
	});

	it('writes the practice reference in NHS Digital layout with fictional but well-formed codes', async () => {
		const dir = await generated(options);
		const map = parseCsv(readFileSync(join(dir, 'reference', 'gp-reg-pat-prac-map.csv'), 'utf8')).records;
		expect(map[0]).toEqual([...PRACTICE_MAP_COLUMNS]);
		const rows = map.slice(1).map((r) => Object.fromEntries(PRACTICE_MAP_COLUMNS.map((c, i) => [c, r[i]!])));
		expect(rows.length).toBe(planted(dir).geography.practices);
		for (const row of rows) {
			expect(row.PRACTICE_CODE).toMatch(/^Z\d{5}$/);
			expect(row.PCN_CODE).toMatch(/^U9\d{4}$/);
			expect(row.ICB_CODE).toBe('QZZ');
			expect(row.COMM_REGION_CODE).toBe('Y60');
			expect(row.SUB_ICB_LOCATION_CODE).toMatch(/^[0-9A-Z]{3}$/);
			expect(row.PCN_NAME).toContain('DEMO');
		}
		const sizes = parseCsv(readFileSync(join(dir, 'reference', 'list-sizes.csv'), 'utf8')).records;
		expect(sizes[0]).toEqual(['practice_code', 'list_size']);
		expect(sizes.slice(1).map((r) => r[0])).toEqual(rows.map((r) => r.PRACTICE_CODE));
		for (const [, size] of sizes.slice(1)) {
			expect(Number(size)).toBeGreaterThanOrEqual(2000);
			expect(Number(size)).toBeLessThanOrEqual(20000);
		}
	});

	it('sizes the default fictional ICB at about 35 practices in about 6 PCNs', async () => {
		const dir = await generated({ referrals: 20_000, seed: 11, dirty: false });
		const truth = planted(dir);
		expect(truth.geography.practices).toBeGreaterThanOrEqual(30);
		expect(truth.geography.practices).toBeLessThanOrEqual(42);
		expect(truth.geography.pcns).toBeGreaterThanOrEqual(5);
		expect(truth.geography.pcns).toBeLessThanOrEqual(8);
	});
});
