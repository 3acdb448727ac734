import { describe, expect, it } from 'vitest';
import { improvementChange } from '../../src/lib/metrics/direction.js';
import { ons4Band, ons4BandMovement } from '../../src/lib/metrics/ons4-bands.js';
import { SWEMWBS_METRIC_BY_RAW, swemwbsMetric } from '../../src/lib/metrics/swemwbs.js';
import { DEFAULT_CHANGE_THRESHOLDS } from '../../src/lib/metrics/thresholds.js';
import { summariseWellbeing, type WellbeingRecord } from '../../src/lib/metrics/wellbeing-summary.js';
import { oraclesMissing, readOracle, req } from './oracle-files.js';

describe.skipIf(oraclesMissing)('SWEMWBS conversion oracle', () => {
	it("matches Warwick's table in every row", () => {
		const rows = readOracle('swemwbs_raw_to_metric.csv');
		expect(rows).toHaveLength(29);
		for (const r of rows) expect(swemwbsMetric(req(r.raw_score))).toBe(req(r.metric_score));
	});
});

describe('SWEMWBS conversion', () => {
	it('anchors and rejects raw totals outside 7-35 or fractional', () => {
		expect(swemwbsMetric(7)).toBe(7);
		expect(swemwbsMetric(29)).toBe(26.02);
		expect(swemwbsMetric(35)).toBe(35);
		expect(() => swemwbsMetric(6)).toThrow(/7 to 35/);
		expect(() => swemwbsMetric(20.5)).toThrow(/whole number/);
	});

	it('is strictly increasing', () => {
		for (let i = 1; i < SWEMWBS_METRIC_BY_RAW.length; i++) expect(SWEMWBS_METRIC_BY_RAW[i]!).toBeGreaterThan(SWEMWBS_METRIC_BY_RAW[i - 1]!);
	});
});

describe('ONS4 bands', () => {
	it.each([
		['life_satisfaction', 4, 'low'],
		['life_satisfaction', 5, 'medium'],
		['happiness', 8, 'high'],
		['worthwhile', 9, 'very_high'],
		['anxiety', 1, 'very_low'],
		['anxiety', 3, 'low'],
		['anxiety', 5, 'medium'],
		['anxiety', 6, 'high']
	] as const)('%s %s is %s', (measure, score, band) => {
		expect(ons4Band(measure, score)).toBe(band);
	});

	it('rejects scores outside 0-10', () => {
		expect(() => ons4Band('happiness', 11)).toThrow(/0-10/);
	});

	it('counts movement out of low wellbeing and out of high anxiety', () => {
		const life = ons4BandMovement('life_satisfaction', [
			{ baseline: 3, follow_up: 6 },
			{ baseline: 4, follow_up: 4 },
			{ baseline: 7, follow_up: 2 },
			{ baseline: 8, follow_up: 9 }
		]);
		expect(life).toEqual({ pairs: 4, poor_at_baseline: 2, moved_out: 1, moved_in: 1 });
		const anxiety = ons4BandMovement('anxiety', [
			{ baseline: 8, follow_up: 3 },
			{ baseline: 6, follow_up: 7 }
		]);
		expect(anxiety).toEqual({ pairs: 2, poor_at_baseline: 2, moved_out: 1, moved_in: 0 });
	});
});

describe('improvementChange', () => {
	it('is follow-up minus baseline where higher is better, reversed where lower is better', () => {
		expect(improvementChange('wemwbs', 'total', 40, 45)).toBe(5);
		expect(improvementChange('ons4', 'anxiety', 7, 4)).toBe(3);
		expect(improvementChange('ucla3', 'total', 8, 9)).toBe(-1);
		expect(improvementChange('ons4', 'happiness', null, 4)).toBeNull();
		expect(() => improvementChange('ons4', 'total', 1, 2)).toThrow(/unknown/);
	});
});

const rec = (b: number | null, f: number | null, change: number | null): WellbeingRecord => ({ baseline_value: b, follow_up_value: f, change });

describe('summariseWellbeing', () => {
	it('hand-worked WEMWBS example', () => {
		// Pairs 40->45 (+5), 50->52 (+2), 30->26 (-4), 44->47 (+3); one baseline only, one follow-up only.
		const rows = [rec(40, 45, 5), rec(50, 52, 2), rec(30, 26, -4), rec(44, 47, 3), rec(35, null, null), rec(null, 60, null)];
		const s = summariseWellbeing(rows, { instrument: 'wemwbs', measure: 'total' });
		expect([s.n_baseline, s.n_follow_up, s.n_paired]).toEqual([5, 5, 4]);
		expect(s.threshold).toBe(DEFAULT_CHANGE_THRESHOLDS.wemwbs.points);
		expect(s.baseline.mean).toBe(41);
		expect(s.follow_up.mean).toBe(42.5);
		expect(s.change.mean).toBe(1.5);
		// sd of 5, 2, -4, 3: deviations 3.5, 0.5, -5.5, 1.5 -> ss 45, var 15.
		expect(s.change.sd).toBeCloseTo(Math.sqrt(15), 12);
		const half = (3.182446305283708 * Math.sqrt(15)) / 2;
		expect(s.change.interval!.lower).toBeCloseTo(1.5 - half, 10);
		expect(s.change.interval!.upper).toBeCloseTo(1.5 + half, 10);
		expect(s.srm).toBeCloseTo(1.5 / Math.sqrt(15), 12);
		expect(s.improved.count).toBe(2); // +5 and +3 (3 counts: at least the threshold)
		expect(s.worse.count).toBe(1); // -4
		expect(s.improved.interval!.estimate).toBe(0.5);
	});

	it('counts SWEMWBS metric differences that are 1 up to floating-point noise as improved', () => {
		// 16.36 -> 17.43 is 1.07; 23.21 -> 24.21 is 1 but 24.21 - 23.21 = 0.9999999999999964 in doubles.
		const rows = [rec(16.36, 17.43, 17.43 - 16.36), rec(23.21, 24.21, 24.21 - 23.21)];
		const s = summariseWellbeing(rows, { instrument: 'swemwbs', measure: 'total' });
		expect(s.improved.count).toBe(2);
	});

	it('all improved, none improved, and a threshold setting', () => {
		const all = summariseWellbeing([rec(1, 5, 4), rec(2, 6, 4), rec(3, 7, 4)], { instrument: 'ons4', measure: 'happiness' });
		expect(all.improved.count).toBe(3);
		expect(all.improved.interval!.upper).toBe(1);
		expect(all.srm).toBeNull(); // zero variance
		expect(all.change.interval!.lower).toBe(4);
		const none = summariseWellbeing([rec(5, 5, 0), rec(6, 6, 0)], { instrument: 'ons4', measure: 'happiness' });
		expect(none.improved.count).toBe(0);
		expect(none.improved.interval!.lower).toBe(0);
		const strict = summariseWellbeing([rec(1, 5, 4), rec(2, 6, 4)], { instrument: 'ons4', measure: 'happiness', threshold: 5 });
		expect(strict.improved.count).toBe(0);
	});

	it('n = 0, 1 and 2 pairs', () => {
		const zero = summariseWellbeing([rec(30, null, null)], { instrument: 'wemwbs', measure: 'total' });
		expect(zero.n_paired).toBe(0);
		expect(zero.change.mean).toBeNull();
		expect(zero.improved.interval).toBeNull();
		const one = summariseWellbeing([rec(30, 40, 10)], { instrument: 'wemwbs', measure: 'total' });
		expect(one.change.mean).toBe(10);
		expect(one.change.interval).toBeNull();
		expect(one.srm).toBeNull();
		const two = summariseWellbeing([rec(30, 40, 10), rec(30, 32, 2)], { instrument: 'wemwbs', measure: 'total' });
		// t(1) = 12.7062, sd = sqrt(32), se = 4.
		expect(two.change.interval!.lower).toBeCloseTo(6 - 12.706204736174694 * 4, 10);
	});

	it('anxiety: lower is better is carried in the summary', () => {
		const s = summariseWellbeing([rec(8, 4, 4)], { instrument: 'ons4', measure: 'anxiety' });
		expect(s.higher_is_better).toBe(false);
		expect(s.improved.count).toBe(1);
	});

	it('rejects unknown measures and non-positive thresholds', () => {
		expect(() => summariseWellbeing([], { instrument: 'wemwbs', measure: 'anxiety' })).toThrow(/unknown/);
		expect(() => summariseWellbeing([], { instrument: 'wemwbs', measure: 'total', threshold: 0 })).toThrow(/threshold/);
	});
});
