import { describe, expect, it } from 'vitest';
import { rateTable, type RateRow } from '../../src/lib/charts/rate-table.js';
import { textCell } from '../../src/lib/charts/table.js';

describe('rateTable', () => {
	it('puts the area columns first, then referrals, patients, rate and interval, with suppression and gaps marked', () => {
		const rows: (RateRow & { name: string })[] = [
			{ name: 'ALDER PCN', referrals: { value: 120, suppressed: null }, patients: 12_000, rate: { value: 10, suppressed: null }, interval: { lower: 8.29, upper: 11.96 } },
			{ name: 'BIRCH PCN', referrals: { value: null, suppressed: 'small_count' }, patients: null, rate: { value: null, suppressed: 'small_count' }, interval: null }
		];
		const table = rateTable('Referrals per 1,000 by PCN', [{ label: 'PCN', cell: (r) => textCell(r.name) }], rows);
		expect(table.caption).toBe('Referrals per 1,000 by PCN');
		expect(table.columns.map((c) => c.label)).toEqual(['PCN', 'Referrals', 'Registered patients', 'Rate per 1,000', '95% lower', '95% upper']);
		expect(table.columns.map((c) => c.numeric ?? false)).toEqual([false, true, true, true, true, true]);
		expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
			['ALDER PCN', '120', '12,000', '10.0', '8.3', '12.0'],
			['BIRCH PCN', '*', '–', '*', '–', '–']
		]);
		// The CSV gets plain numbers.
		expect(table.rows[0]!.map((c) => c.raw)).toEqual(['ALDER PCN', 120, 12000, 10, 8.3, 12]);
	});
});
