import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILES } from '../../src/lib/schema/index.js';
import { FAULT_KINDS } from '../../data-pipeline/src/demo/dirty.js';
import { checkDelivery, type DeliveryCheck } from './contract-check.js';
import { generated, planted, readTable, rowObjects } from './helpers.js';
import { gpWindows, pairedChange } from './recompute.js';

let dir: string;
let truth: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let check: DeliveryCheck;

beforeAll(async () => {
	dir = await generated({ referrals: 20_000, seed: 3, dirty: true });
	truth = planted(dir);
	check = checkDelivery(dir);
});

describe('--dirty plants faults the pipeline must reject, and counts them exactly', () => {
	it('rejects per file equal the planted counts; comparison and workforce stay clean', () => {
		const rejected = (file: string): number => check.rejects.filter((r) => r.file === file).length;
		for (const spec of FILES) {
			expect(rejected(spec.file), spec.file).toBe(truth.faults.rejected_rows[spec.name] ?? 0);
		}
		expect(truth.faults.rejected_rows.referrals).toBeGreaterThan(60);
		expect(check.loaded.referrals).toBe(truth.referrals.loaded);
	});

	it('plants every kind of fault at about 0.5% of rows', () => {
		for (const [file, kinds] of Object.entries(FAULT_KINDS)) {
			for (const kind of kinds) expect(truth.faults.by_kind[file][kind], `${file} ${kind}`).toBeGreaterThan(0);
			const rows = truth.rows_written[file];
			expect(truth.faults.rejected_rows[file] / rows, file).toBeGreaterThan(0.001);
			expect(truth.faults.rejected_rows[file] / rows, file).toBeLessThan(0.012);
		}
		const reasons = new Set(check.rejects.filter((r) => r.file === 'referrals.csv').map((r) => r.reason));
		for (const reason of ['unknown practice', 'duplicate', 'first contact before referral', 'referral date out of range']) expect(reasons).toContain(reason);
	});

	it('faulty rows never take a loaded row with them: the truth still matches the loaded rows exactly', () => {
		const rejectedLines = new Set(check.rejects.filter((r) => r.file === 'referrals.csv').map((r) => r.line));
		const w6 = truth.gp_appointments.did.find((d: { window_months: number }) => d.window_months === 6);
		const recomputed = gpWindows(dir, 6, rejectedLines);
		for (const group of ['accepted', 'not_accepted', 'comparison'] as const) {
			expect(recomputed[group], group).toEqual({ n: w6.groups[group].n, before: w6.groups[group].sum_before, after: w6.groups[group].sum_after });
		}
		const pairs = pairedChange(dir);
		for (const m of truth.wellbeing.measures) expect(pairs[`${m.instrument}.${m.measure}`]).toEqual({ n: m.n_pairs, sum: m.realised_sum_change });
	});
});

describe('--dirty also writes awkward input that must load', () => {
	it('referrals.csv is Windows-1252 with CRLF, a team_name column and quoted commas and line breaks', () => {
		const bytes = readFileSync(join(dir, 'referrals.csv'));
		expect(bytes.includes(0x92), 'a Windows-1252 curly apostrophe').toBe(true);
		const table = readTable(join(dir, 'referrals.csv'));
		expect(table.encoding).toBe('windows-1252');
		expect(table.crlf).toBe(true);
		expect(table.header).toContain('team_name');
		expect(table.header.map((h) => h.trim().toLowerCase())).toContain('status');
		const teams = rowObjects(table).map((r) => r.team_name!);
		expect(teams).toContain('Zoë’s team');
		expect(teams.some((t) => t.includes('\n'))).toBe(true);
		expect(teams.some((t) => t.includes(','))).toBe(true);
		expect(teams.some((t) => t.includes('"'))).toBe(true);
	});

	it('some dates are DD/MM/YYYY, some enumerations mixed case with spaces, wellbeing.csv has a BOM', () => {
		const referrals = rowObjects(readTable(join(dir, 'referrals.csv')));
		expect(referrals.filter((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r.referral_date!)).length).toBeGreaterThan(100);
		expect(referrals.filter((r) => r.status !== r.status!.trim().toLowerCase()).length).toBeGreaterThan(50);
		expect(readTable(join(dir, 'wellbeing.csv')).encoding).toBe('utf-8-bom');
		const contacts = rowObjects(readTable(join(dir, 'contacts.csv')));
		expect(contacts.filter((c) => /^\d{2}\/\d{2}\/\d{4}$/.test(c.contact_date!)).length).toBeGreaterThan(100);
		expect(truth.faults.awkward_rows.referrals.uk_dates).toBeGreaterThan(100);
	});
});
