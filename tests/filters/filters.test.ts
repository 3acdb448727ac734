/** The shared filters' URL form: round trips, rejects junk, stays short and canonical. */
import { describe, expect, it } from 'vitest';
import { DIMENSION_VALUES, filtersToParams, NO_FILTERS, parseFilters, parsePeriod, describeFilters, type Filters } from '../../src/lib/filters/filters.js';
import { addMonths, describePeriod, financialYearOfMonth, latestCompleteFinancialYear, periodMonths } from '../../src/lib/filters/period.js';

/** A small deterministic generator so the round trip covers many combinations. */
function* randomFilters(n: number): Generator<Filters> {
	let seed = 7;
	const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	const some = <T>(xs: readonly T[]) => xs.filter(() => rnd() < 0.3);
	for (let i = 0; i < n; i++) {
		const start = 2021 + Math.floor(rnd() * 5);
		const year = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
		const kind = Math.floor(rnd() * 4);
		const from = `${start}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`;
		yield {
			period: kind === 0 ? null : kind === 1 ? { kind: 'year', year } : kind === 2 ? { kind: 'quarter', year, quarter: (1 + Math.floor(rnd() * 4)) as 1 | 2 | 3 | 4 } : { kind: 'months', from, to: addMonths(from, Math.floor(rnd() * 20)) },
			icb: rnd() < 0.3 ? 'QZZ' : null,
			pcn: rnd() < 0.3 ? 'U90001' : null,
			prac: rnd() < 0.3 ? 'Z00012' : null,
			age: some(DIMENSION_VALUES.age),
			sex: some(DIMENSION_VALUES.sex),
			eth: some(DIMENSION_VALUES.eth),
			imd: some(DIMENSION_VALUES.imd),
			need: some(DIMENSION_VALUES.need),
			src: some(DIMENSION_VALUES.src)
		};
	}
}

describe('filters in the URL', () => {
	it('round-trips every combination through URL search parameters', () => {
		for (const filters of randomFilters(500)) {
			const params = filtersToParams(filters);
			const text = params.toString();
			expect(parseFilters(new URLSearchParams(text))).toEqual(filters);
		}
	});

	it('writes nothing for no filters, and short parameter names otherwise', () => {
		expect(filtersToParams(NO_FILTERS).toString()).toBe('');
		const params = filtersToParams({ ...NO_FILTERS, period: { kind: 'quarter', year: '2024/25', quarter: 3 }, pcn: 'U90001', age: ['75-84', '65-74'], imd: [2, 1] });
		// Lists follow the enumeration's order whatever order they were chosen in: equal views, equal URLs.
		expect(decodeURIComponent(params.toString())).toBe('p=2024-25q3&pcn=U90001&age=65-74,75-84&imd=1,2');
	});

	it('drops values that are not in the contract, and malformed periods and codes', () => {
		const f = parseFilters(new URLSearchParams('p=2024-26&pcn=<script>&age=65-74,200&sex=femme,male&imd=0,3,9&need=housing,,x'));
		expect(f.period).toBeNull();
		expect(f.pcn).toBeNull();
		expect(f.age).toEqual(['65-74']);
		expect(f.sex).toEqual(['male']);
		expect(f.imd).toEqual([3]);
		expect(f.need).toEqual(['housing']);
		expect(parsePeriod('2025-03_2024-04')).toBeNull(); // a range must not run backwards
		expect(parsePeriod('2024-13_2025-01')).toBeNull();
		expect(parsePeriod('2024-04_2025-03')).toEqual({ kind: 'months', from: '2024-04', to: '2025-03' });
	});

	it('describes the view for summaries and export stamps', () => {
		const f = parseFilters(new URLSearchParams('pcn=U90001&sex=female&imd=1'));
		const lines = describeFilters(f, { kind: 'year', year: '2024/25' }, (kind, code) => (kind === 'pcn' && code === 'U90001' ? 'SEDGETON DEMO PCN' : undefined));
		expect(lines).toEqual(['Period: financial year 2024/25 (latest complete)', 'PCN: SEDGETON DEMO PCN (U90001)', 'Sex: female', 'IMD quintile: 1 (most deprived)']);
	});
});

describe('periods', () => {
	it('maps financial years and quarters to their months', () => {
		expect(periodMonths({ kind: 'year', year: '2024/25' })).toEqual({ from: '2024-04', to: '2025-03' });
		expect(periodMonths({ kind: 'quarter', year: '2024/25', quarter: 4 })).toEqual({ from: '2025-01', to: '2025-03' });
		expect(financialYearOfMonth('2025-03')).toBe('2024/25');
		expect(financialYearOfMonth('2025-04')).toBe('2025/26');
		expect(describePeriod({ kind: 'quarter', year: '2024/25', quarter: 2 })).toBe('Q2 2024/25 (Jul 2024 to Sep 2024)');
	});

	it('defaults to the latest financial year the data covers completely', () => {
		expect(latestCompleteFinancialYear('2026-03', '2023-04')).toBe('2025/26');
		expect(latestCompleteFinancialYear('2026-02', '2023-04')).toBe('2024/25');
		expect(latestCompleteFinancialYear('2025-09', '2025-01')).toBeNull(); // starts mid-year, no complete year
		expect(latestCompleteFinancialYear('2026-03', '2025-04')).toBe('2025/26');
	});
});
