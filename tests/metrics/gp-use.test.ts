import { describe, expect, it } from 'vitest';
import { differenceInDifferences, REGRESSION_TO_THE_MEAN_CAVEAT, summariseGpUse, type GpUseRecord } from '../../src/lib/metrics/gp-use.js';
import { welchDifference } from '../../src/lib/metrics/welch.js';
import { relDiff } from './oracle-files.js';

const p = (before: number | null, after: number | null, covered = true): GpUseRecord => ({ appts_before: before, appts_after: after, covered });

describe('summariseGpUse', () => {
	it('hand-worked: totals, per person, hours, cost, split and caveat', () => {
		const rows = [p(10, 6), p(9, 7), p(2, 2), p(4, 1), p(3, 5, false), p(null, null, false)];
		const s = summariseGpUse(rows);
		expect(s.people).toBe(6);
		expect(s.eligible).toBe(4);
		expect([s.appts_before, s.appts_after, s.avoided_total]).toEqual([25, 16, 9]);
		expect(s.avoided_per_person.mean).toBe(2.25);
		expect(s.gp_hours_freed).toBe(1.5); // 9 x 10 minutes
		expect(s.cost_gbp).toBe(360); // 9 x GBP 40
		expect(s.price_year).toBe('2024/25');
		expect(s.frequent_attender_from).toBe(8);
		expect(s.frequent.eligible).toBe(2);
		expect(s.frequent.avoided_total).toBe(6);
		expect(s.other.avoided_total).toBe(3);
		expect(s.caveat).toBe(REGRESSION_TO_THE_MEAN_CAVEAT);
		expect(s.caveat).toMatch(/regression to the mean/);
		// Changes 4, 2, 0, 3: mean 2.25, sd sqrt(2.9167); t(3) = 3.182446.
		const sd = Math.sqrt((1.75 ** 2 + 0.25 ** 2 + 2.25 ** 2 + 0.75 ** 2) / 3);
		expect(s.avoided_per_person.interval!.upper).toBeCloseTo(2.25 + (3.182446305283708 * sd) / 2, 10);
		expect(s.gp_hours_interval!.upper).toBeCloseTo(((2.25 + (3.182446305283708 * sd) / 2) * 4 * 10) / 60, 10);
	});

	it('settings: minutes, unit cost, price year and a 12-month window', () => {
		const s = summariseGpUse([p(20, 10), p(16, 16)], { minutesPerAppointment: 9.22, unitCostGbp: 42, priceYear: '2022/23', windowMonths: 12 });
		expect(s.gp_hours_freed).toBeCloseTo((10 * 9.22) / 60, 12);
		expect(s.cost_gbp).toBe(420);
		expect(s.price_year).toBe('2022/23');
		expect(s.frequent_attender_from).toBe(16);
		expect(s.frequent.eligible).toBe(2);
	});

	it('n = 0 and 1', () => {
		const none = summariseGpUse([]);
		expect(none.eligible).toBe(0);
		expect(none.avoided_per_person.mean).toBeNull();
		expect(none.gp_hours_interval).toBeNull();
		const one = summariseGpUse([p(3, 1)]);
		expect(one.avoided_per_person.interval).toBeNull();
	});

	it('rejects negative or fractional counts', () => {
		expect(() => summariseGpUse([p(-1, 2)])).toThrow(/whole numbers >= 0/);
		expect(() => summariseGpUse([p(1.5, 2)])).toThrow(/whole numbers >= 0/);
		expect(() => summariseGpUse([p(1, 2)], { minutesPerAppointment: 0 })).toThrow(/minutes/);
	});
});

describe('differenceInDifferences', () => {
	it('hand-worked Welch interval', () => {
		// Referred avoided: 4, 2, 0, 3 (mean 2.25); comparison avoided: -1, 0, 1, -2, 0 (mean -0.4).
		const referred = [p(10, 6), p(9, 7), p(2, 2), p(4, 1)];
		const comparison = [p(3, 4), p(2, 2), p(5, 4), p(1, 3), p(4, 4)];
		const d = differenceInDifferences(referred, comparison);
		expect(d.mean_avoided_referred).toBe(2.25);
		expect(d.mean_avoided_comparison).toBeCloseTo(-0.4, 14);
		expect(d.interval!.estimate).toBeCloseTo(2.65, 14);
		const va = 2.9166666666666665 / 4;
		const vb = 1.3 / 5;
		const df = (va + vb) ** 2 / (va ** 2 / 3 + vb ** 2 / 4);
		expect(d.df!).toBeCloseTo(df, 10);
		expect(relDiff(d.se!, Math.sqrt(va + vb))).toBeLessThan(1e-14);
		expect(d.interval!.lower).toBeLessThan(2.65);
		expect(d.interval!.upper - 2.65).toBeCloseTo(2.65 - d.interval!.lower, 12);
	});

	it('no interval with fewer than 2 in a cohort; exact when there is no spread', () => {
		expect(differenceInDifferences([p(3, 1)], [p(1, 1), p(2, 2)]).interval).toBeNull();
		const flat = welchDifference([2, 2, 2], [1, 1]);
		expect(flat.interval).toEqual({ estimate: 1, lower: 1, upper: 1, level: 0.95 });
	});

	it('Welch matches scipy for unequal groups', () => {
		// scipy 1.17: ttest_ind([1,2,3,4,10], [2,2,3], equal_var=False): CI (-2.682255845694327, 6.0155891790276605), df 4.34628627643876
		const w = welchDifference([1, 2, 3, 4, 10], [2, 2, 3]);
		expect(w.interval!.estimate).toBeCloseTo(4 - 7 / 3, 14);
		expect(relDiff(w.df!, 4.34628627643876)).toBeLessThan(1e-12);
		expect(relDiff(w.interval!.lower, -2.682255845694327)).toBeLessThan(1e-10);
		expect(relDiff(w.interval!.upper, 6.0155891790276605)).toBeLessThan(1e-10);
	});
});
