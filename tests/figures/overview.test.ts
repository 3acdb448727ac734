/** The Overview's figures: disclosure first, then percentages and intervals from what may be shown. */
import { describe, expect, it } from 'vitest';
import { gpHeadlines, overviewHeadlines, pcnRates, ambitionProgress, monthlySeries } from '../../src/lib/figures/overview.js';
import { moments } from '../../src/lib/metrics/descriptive.js';
import { welchDifference, welchDifferenceFromSummaries } from '../../src/lib/metrics/welch.js';
import { wilsonInterval } from '../../src/lib/metrics/proportion.js';

const headline = (key: string, ...args: Parameters<typeof overviewHeadlines>) => overviewHeadlines(...args).find((h) => h.key === key)!;

describe('Overview headline figures', () => {
	it('rounds counts to 5 and suppresses 1-7', () => {
		const row = { referrals: 1233, people: 6, accepted: 800, with_status: 1200, contacts: 0 };
		const hs = overviewHeadlines(row, [], []);
		expect(hs.find((h) => h.key === 'referrals')!.value).toEqual({ value: 1235, suppressed: null });
		expect(hs.find((h) => h.key === 'people')!.value).toEqual({ value: null, suppressed: 'small_count' });
		expect(hs.find((h) => h.key === 'contacts')!.value).toEqual({ value: 0, suppressed: null });
	});

	it('computes percentages and their Wilson intervals from the rounded numerator and denominator', () => {
		const accepted = headline('accepted', { referrals: 103, people: 103, accepted: 77, with_status: 103, contacts: null }, [], []);
		// 77 -> 75, 103 -> 105: 75/105, not 77/103.
		expect(accepted.value.value).toBeCloseTo((100 * 75) / 105, 12);
		const w = wilsonInterval(75, 105);
		expect(accepted.interval).toEqual({ lower: 100 * w.lower, upper: 100 * w.upper });
		expect(headline('contacts', { referrals: 103, people: 103, accepted: 77, with_status: 103, contacts: null }, [], []).missing).toMatch(/No contacts file/);
	});

	it('says a file was never delivered rather than that the filters found none', () => {
		const row = { referrals: 50, people: 50, accepted: 40, with_status: 50, contacts: 10 };
		const all = ['comparison', 'contacts', 'gp_appointments', 'referrals', 'wellbeing'];
		expect(headline('wellbeing_change', row, [], [], all).missing).toBe('No paired scores for the current filters.');
		expect(headline('improved', row, [], [], ['referrals']).missing).toBe('No wellbeing file was delivered.');
		expect(headline('wellbeing_change', row, [], [], ['referrals']).missing).toBe('No wellbeing file was delivered.');
		expect(headline('appointments_avoided', row, [], [], ['referrals', 'wellbeing']).missing).toBe('No GP appointments file was delivered.');
		expect(headline('gp_hours', row, [], [], all).missing).toMatch(/No referred people with GP records/);
	});

	it('suppresses the mean change and the improved share when 1-7 people have pairs', () => {
		const wb = [{ instrument: 'ons4', measure: 'life_satisfaction', n_paired: 6, mean_change: 1.2, sd_change: 1, improved: 4 }];
		const row = { referrals: 50, people: 50, accepted: 40, with_status: 50, contacts: 10 };
		expect(headline('wellbeing_change', row, wb, []).value).toEqual({ value: null, suppressed: 'small_base' });
		expect(headline('improved', row, wb, []).value.value).toBeNull();
	});

	it('uses difference-in-differences when a comparison cohort exists, and the raw fall otherwise', () => {
		const referred = [3, 5, 2, 6, 4, 7, 1, 5, 6, 4].map((b, i) => ({ before: b + 3, after: b - (i % 3) }));
		const comparison = [2, 4, 3, 5, 1, 2, 3, 4, 2, 3].map((b, i) => ({ before: b, after: b + (i % 2) }));
		const fall = (xs: typeof referred) => xs.map((x) => x.before - x.after);
		const row = (cohort: string, xs: typeof referred) => {
			const m = moments(fall(xs));
			return { cohort, eligible: xs.length, mean_avoided: m.mean, sd_avoided: m.sd };
		};
		const [perPerson, hours] = gpHeadlines([row('referred', referred), row('comparison', comparison)], 10);
		const did = welchDifference(fall(referred), fall(comparison));
		expect(perPerson!.value.value).toBeCloseTo(did.interval!.estimate, 12);
		expect(perPerson!.interval!.lower).toBeCloseTo(did.interval!.lower, 12);
		expect(hours!.value.value).toBeCloseTo((did.interval!.estimate * 10 * 10) / 60, 9);
		const [raw] = gpHeadlines([row('referred', referred)], 10);
		expect(raw!.value.value).toBeCloseTo(moments(fall(referred)).mean!, 12);
		expect(raw!.detail).toMatch(/regression to the mean/);
	});

	it('Welch from summaries equals Welch from the values', () => {
		const a = [1, 4, 2, 8, 5, 7];
		const b = [3, 3, 2, 6, 1];
		expect(welchDifferenceFromSummaries(moments(a), moments(b))).toEqual(welchDifference(a, b));
		expect(welchDifferenceFromSummaries(moments([1]), moments(b)).interval).toBeNull();
	});
});

describe('Overview series and rates', () => {
	it('fills months with no referrals with 0 and discloses each month', () => {
		const s = monthlySeries([{ month: '2024-05', referrals: 12, accepted: 3 }], ['2024-04', '2024-05']);
		expect(s.referrals).toEqual([{ value: 0, suppressed: null }, { value: 10, suppressed: null }]);
		expect(s.accepted[1]).toEqual({ value: null, suppressed: 'small_count' });
	});

	it('annualises PCN rates for periods shorter than a year, from the rounded count', () => {
		const [year] = pcnRates([{ pcn_code: 'U1', pcn_name: 'A', patients: 10_000, referrals: 123 }], 12);
		const [quarter] = pcnRates([{ pcn_code: 'U1', pcn_name: 'A', patients: 10_000, referrals: 123 }], 3);
		expect(year!.rate.value).toBeCloseTo((125 / 10_000) * 1000, 12);
		expect(quarter!.rate.value).toBeCloseTo(4 * (125 / 10_000) * 1000, 12);
		const [none] = pcnRates([{ pcn_code: 'U1', pcn_name: 'A', patients: null, referrals: 123 }], 12);
		expect(none!.rate.value).toBeNull();
	});

	it('pro-rates the Long Term Plan ambition by patients and months', () => {
		const p = ambitionProgress({ referrals: 700 }, 636_000, 6)!;
		expect(p.ambition).toBeCloseTo((900_000 * 0.01 * 6) / 12, 9);
		expect(p.percent).toBeCloseTo((100 * 700) / 4500, 9);
		expect(ambitionProgress({ referrals: 700 }, null, 12)).toBeNull();
	});
});
