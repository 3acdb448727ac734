import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDelivery } from './contract-check.js';
import { generated, parseCsv, planted, readTable, rowObjects } from './helpers.js';

const SHARED = process.env.SIGNPOST_SHARED ?? '/work/shared';
const MAP = join(SHARED, 'reference', 'gp-reg-pat-prac-map_2025-10.csv');
const available = existsSync(MAP);
if (!available) console.warn(`tests/demo/reference.test.ts: skipped, ${MAP} not found (set SIGNPOST_SHARED to the shared folder)`);

/** The source map's records of one ICB, keyed by practice code, with their raw lines. */
function sourceRows(icb: string): { header: string; lines: string[]; rows: Record<string, string>[] } {
	const text = readFileSync(MAP, 'utf8');
	const { records } = parseCsv(text);
	const names = records[0]!;
	const rows = records.slice(1).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]!])));
	const lines = text.split('\n');
	return { header: lines[0]!, lines, rows: rows.filter((r) => r.ICB_CODE === icb) };
}

describe.skipIf(!available)('--reference with NHS Digital practice map', () => {
	it('QNC: only QNC practices, copied byte for byte, and a valid delivery', async () => {
		const dir = await generated({ referrals: 5000, seed: 2, dirty: false, reference: { file: MAP, icb: 'QNC' } });
		const source = sourceRows('QNC');
		const codes = new Set(source.rows.map((r) => r.PRACTICE_CODE));
		expect(codes.size).toBe(141);
		const referrals = rowObjects(readTable(join(dir, 'referrals.csv')));
		expect(referrals.every((r) => codes.has(r.practice_code!))).toBe(true);
		expect(new Set(referrals.map((r) => r.practice_code)).size).toBeGreaterThan(130);
		expect(rowObjects(readTable(join(dir, 'comparison.csv'))).every((r) => codes.has(r.practice_code!))).toBe(true);

		const out = readFileSync(join(dir, 'reference', 'gp-reg-pat-prac-map.csv'), 'utf8').trimEnd().split('\n');
		expect(out[0]).toBe(source.header);
		const sourceLines = new Set(source.lines);
		expect(out.slice(1).every((line) => sourceLines.has(line))).toBe(true);
		expect(out.length - 1).toBe(141);

		const pcns = new Set(source.rows.map((r) => r.PCN_CODE));
		const workforcePcns = new Set(rowObjects(readTable(join(dir, 'workforce.csv'))).map((r) => r.pcn_code));
		expect(workforcePcns).toEqual(pcns);
		expect(checkDelivery(dir).rejects).toEqual([]);
		expect(planted(dir).geography).toMatchObject({ source: 'reference', icb_code: 'QNC', practices: 141 });
	});

	it('QYG: unallocated practices (PCN U) get referrals but no workforce row', async () => {
		const dir = await generated({ referrals: 3000, seed: 2, dirty: false, reference: { file: MAP, icb: 'QYG' } });
		const unallocated = new Set(sourceRows('QYG').rows.filter((r) => r.PCN_CODE === 'U').map((r) => r.PRACTICE_CODE));
		expect(unallocated.size).toBeGreaterThan(0);
		const referred = new Set(rowObjects(readTable(join(dir, 'referrals.csv'))).map((r) => r.practice_code));
		expect([...unallocated].some((code) => referred.has(code))).toBe(true);
		const workforce = rowObjects(readTable(join(dir, 'workforce.csv')));
		expect(workforce.some((r) => r.pcn_code === 'U')).toBe(false);
		expect(checkDelivery(dir).rejects).toEqual([]);
	});

	it("QJK: a PCN spanning two ICBs keeps only this ICB's practices", async () => {
		const dir = await generated({ referrals: 3000, seed: 2, dirty: false, reference: { file: MAP, icb: 'QJK' } });
		const map = parseCsv(readFileSync(join(dir, 'reference', 'gp-reg-pat-prac-map.csv'), 'utf8')).records;
		const col = (name: string): number => map[0]!.indexOf(name);
		const split = map.slice(1).filter((r) => r[col('PCN_CODE')] === 'U41591');
		expect(split.map((r) => r[col('PRACTICE_CODE')]).sort()).toEqual(['L83012', 'L83069']);
		expect(map.slice(1).every((r) => r[col('ICB_CODE')] === 'QJK')).toBe(true);
		const sourceNames = sourceRows('QJK').rows.map((r) => r.PRACTICE_NAME);
		expect(map.slice(1).map((r) => r[col('PRACTICE_NAME')])).toEqual(sourceNames);
	});

	it('QRV: practice names with commas are read and written back intact', async () => {
		const dir = await generated({ referrals: 3000, seed: 2, dirty: false, reference: { file: MAP, icb: 'QRV' } });
		const source = sourceRows('QRV').rows;
		expect(source.filter((r) => r.PRACTICE_NAME!.includes(',')).length).toBe(7);
		const map = parseCsv(readFileSync(join(dir, 'reference', 'gp-reg-pat-prac-map.csv'), 'utf8')).records;
		const col = map[0]!.indexOf('PRACTICE_NAME');
		expect(map.slice(1).map((r) => r[col])).toEqual(source.map((r) => r.PRACTICE_NAME));
		expect(planted(dir).geography.practices).toBe(source.length);
		expect(checkDelivery(dir).rejects).toEqual([]);
	});

	it('refuses an ICB code that is not in the file', async () => {
		await expect(generated({ referrals: 100, seed: 1, dirty: false, reference: { file: MAP, icb: 'QQQ' } })).rejects.toThrow(/no practices with ICB_CODE QQQ/);
	});
});
