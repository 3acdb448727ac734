/**
 * The GP time freed page's queries and figures on a demo publication made by the pipeline:
 * node DuckDB runs the app's query builders; every figure is recomputed independently from the
 * record-level gp_use and gp_monthly rows in TypeScript (filters by hand, the statistics layer's
 * record-level differenceInDifferences and summariseGpUse as oracles) and compared after
 * disclosure control. Also the page's assumptions: parsing, validation and the URL form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assumptionParam, DEFAULT_ASSUMPTIONS, parseAssumptions } from '../../src/lib/figures/gp-assumptions.js';
import { avoided, avoidedByAttendance, avoidedByPcn, frequentAttenderFrom, gpKeyFigures, monthlyRates, overallAvoided, RELATIVE_MONTHS } from '../../src/lib/figures/gp-time.js';
import { gpHeadlines } from '../../src/lib/figures/overview.js';
import { NO_FILTERS, type Filters } from '../../src/lib/filters/filters.js';
import { financialYearOfMonth, periodMonths, type MonthRange } from '../../src/lib/filters/period.js';
import { differenceInDifferences, summariseGpUse, type DisclosedValue, type GpUseRecord } from '../../src/lib/metrics/index.js';
import { gpMonthlyByCohort, gpMonthlyNotApplied, gpUseByAttendance, gpUseByCohort, gpUseByPcn, gpUseNotApplied } from '../../src/lib/queries/index.js';
import { inRange, publication, type Publication } from './helpers.js';

interface GpUseRec extends GpUseRecord {
	pcn_code: string;
	cohort: 'referred' | 'comparison';
	referral_id: string | null;
	index_month: string;
	window_months: number;
	age_band: string | null;
	sex: string | null;
	imd_quintile: number | null;
}
interface MonthlyRec {
	pcn_code: string;
	cohort: string;
	financial_year: string;
	relative_month: number;
	people: number;
	appointments: number;
}

let pub: Publication;
let gpUse: GpUseRec[];
let monthly: MonthlyRec[];
let needsOf: Map<string, string[]>;

beforeAll(async () => {
	pub = await publication(2_500);
	gpUse = await pub.records<GpUseRec>('gp_use');
	monthly = await pub.records<MonthlyRec>('gp_monthly');
	const referrals = await pub.records<{ referral_id: string; needs: string | null }>('referrals');
	needsOf = new Map(referrals.map((r) => [r.referral_id, (r.needs ?? '').split(';')]));
});
afterAll(async () => pub?.close());

const rule = (n: number): number | null => (n >= 1 && n <= 7 ? null : Math.round(n / 5) * 5);

/** gp_use rows matching the filters, by hand: need selects referred people only. */
function matching(filters: Filters, range: MonthRange): GpUseRec[] {
	return gpUse.filter(
		(r) =>
			inRange(r.index_month, range) &&
			(!filters.pcn || r.pcn_code === filters.pcn) &&
			(filters.age.length === 0 || filters.age.includes(r.age_band ?? '')) &&
			(filters.sex.length === 0 || filters.sex.includes(r.sex ?? '')) &&
			(filters.need.length === 0 || r.cohort === 'comparison' || (needsOf.get(r.referral_id!) ?? []).some((n) => filters.need.includes(n)))
	);
}

const views = () => {
	const range = periodMonths({ kind: 'year', year: pub.firstView.default_year! });
	const pcn = String(pub.firstView.areas[0]!.pcn_code);
	return [
		{ filters: NO_FILTERS, range },
		{ filters: { ...NO_FILTERS, pcn, age: ['45-54', '55-64', '65-74'] }, range },
		{ filters: { ...NO_FILTERS, sex: ['female'], need: ['mental_wellbeing'] }, range: { from: range.from, to: `${range.from.slice(0, 4)}-09` } }
	];
};

function expectMean(shown: DisclosedValue, value: number | null, n: number) {
	if (n >= 1 && n <= 7) expect(shown).toEqual({ value: null, suppressed: 'small_base' });
	else if (n === 0 || value === null) expect(shown.value).toBeNull();
	else expect(shown.value).toBeCloseTo(value, 9);
}

describe('GP time freed figures against record-level recomputation', () => {
	it('the demo has both cohorts and one window length', () => {
		expect(new Set(gpUse.map((r) => r.cohort))).toEqual(new Set(['referred', 'comparison']));
		expect(new Set(gpUse.map((r) => r.window_months))).toEqual(new Set([6]));
	});

	for (const index of [0, 1, 2]) {
		it(`overall difference-in-differences and key figures (view ${index})`, async () => {
			const { filters, range } = views()[index]!;
			const recs = matching(filters, range);
			const referred = recs.filter((r) => r.cohort === 'referred');
			const comparison = recs.filter((r) => r.cohort === 'comparison');
			const oracle = differenceInDifferences(referred, comparison);
			const raw = summariseGpUse(referred, { windowMonths: 6 });

			const rows = await pub.rows(gpUseByCohort(filters, range));
			const all = overallAvoided(rows);
			expect(all.method).toBe('did');
			expect(all.referredEligible).toBe(oracle.n_a);
			expect(all.comparisonEligible).toBe(oracle.n_b);
			expectMean(all.perPerson, oracle.interval?.estimate ?? null, Math.min(oracle.n_a, oracle.n_b));
			if (all.perPerson.value !== null) {
				expect(all.interval!.lower).toBeCloseTo(oracle.interval!.lower, 9);
				expect(all.interval!.upper).toBeCloseTo(oracle.interval!.upper, 9);
			}
			expectMean(all.rawPerPerson, raw.avoided_per_person.mean, raw.eligible);
			expectMean(all.referredBefore, raw.appts_before / raw.eligible, raw.eligible);
			expectMean(all.referredAfter, raw.appts_after / raw.eligible, raw.eligible);
			expect(all.referredPeople.value).toBe(rule(raw.eligible));

			// Hours and cost under other assumptions, from the per-person estimate and the eligible referred.
			const assumptions = { minutes: 9.22, unitCost: 42, priceYear: '2022/23' };
			const figures = Object.fromEntries(gpKeyFigures(all, assumptions, 6).map((f) => [f.key, f]));
			if (all.perPerson.value !== null) {
				const total = oracle.interval!.estimate * oracle.n_a;
				expect(figures.appointments!.value.value).toBeCloseTo(total, 6);
				expect(figures.hours!.value.value).toBeCloseTo((total * 9.22) / 60, 6);
				expect(figures.cost!.value.value).toBeCloseTo(total * 42, 4);
				expect(figures.cost!.interval!.lower).toBeCloseTo(oracle.interval!.lower * oracle.n_a * 42, 4);
				expect(figures.cost!.label).toContain('2022/23');
				// At the defaults, the same GP hours as the Overview's headline.
				const defaults = Object.fromEntries(gpKeyFigures(all, DEFAULT_ASSUMPTIONS, 6).map((f) => [f.key, f]));
				const overview = gpHeadlines(rows).find((h) => h.key === 'gp_hours')!;
				expect(defaults.hours!.value.value).toBeCloseTo(overview.value.value!, 9);
			} else {
				expect(figures.hours!.value.value).toBeNull();
			}
		});
	}

	for (const index of [0, 1, 2]) {
		it(`appointments avoided by PCN (view ${index})`, async () => {
			const { filters, range } = views()[index]!;
			const recs = matching(filters, range);
			const groups = avoidedByPcn(await pub.rows(gpUseByPcn(filters, range)), null, () => undefined);
			const pcns = [...new Set(recs.map((r) => r.pcn_code))].sort();
			expect(groups.map((g) => g.key).sort()).toEqual(pcns);
			for (const g of groups) {
				const mine = recs.filter((r) => r.pcn_code === g.key);
				const referred = mine.filter((r) => r.cohort === 'referred');
				const comparison = mine.filter((r) => r.cohort === 'comparison');
				const oracle = differenceInDifferences(referred, comparison);
				if (oracle.n_b > 0) {
					expect(g.method).toBe('did');
					expectMean(g.perPerson, oracle.interval?.estimate ?? null, Math.min(oracle.n_a, oracle.n_b));
				} else {
					expect(g.method).toBe('raw');
					expectMean(g.perPerson, oracle.mean_avoided_referred, oracle.n_a);
				}
				if (g.perPerson.value !== null && g.method === 'did') expect(g.interval!.upper).toBeCloseTo(oracle.interval!.upper, 9);
				expect(g.benchmark).toBe('not_compared');
			}
		});
	}

	for (const index of [0, 1]) {
		it(`frequent and other attenders (view ${index}) split as summariseGpUse does`, async () => {
			const { filters, range } = views()[index]!;
			const recs = matching(filters, range);
			const from = frequentAttenderFrom(6);
			const summary = summariseGpUse(
				recs.filter((r) => r.cohort === 'referred'),
				{ windowMonths: 6 }
			);
			expect(summary.frequent_attender_from).toBe(from);
			expect(frequentAttenderFrom(12)).toBe(summariseGpUse([], { windowMonths: 12 }).frequent_attender_from);

			const rows = await pub.rows(gpUseByAttendance(filters, range));
			const [frequent, other] = avoidedByAttendance(rows, from, 0);
			expect(frequent!.referredEligible).toBe(summary.frequent.eligible);
			expect(other!.referredEligible).toBe(summary.other.eligible);
			expectMean(frequent!.rawPerPerson, summary.frequent.avoided_per_person.mean, summary.frequent.eligible);
			expectMean(other!.rawPerPerson, summary.other.avoided_per_person.mean, summary.other.eligible);
			const isFrequent = (r: GpUseRec) => r.covered && r.appts_before !== null && r.appts_before >= from;
			for (const [group, pick] of [
				[frequent!, isFrequent],
				[other!, (r: GpUseRec) => !isFrequent(r)]
			] as const) {
				const oracle = differenceInDifferences(
					recs.filter((r) => r.cohort === 'referred' && pick(r)),
					recs.filter((r) => r.cohort === 'comparison' && pick(r))
				);
				expect(group.comparisonEligible).toBe(oracle.n_b);
				expectMean(group.perPerson, oracle.interval?.estimate ?? null, Math.min(oracle.n_a, oracle.n_b));
				if (group.perPerson.value !== null) expect(group.interval!.lower).toBeCloseTo(oracle.interval!.lower, 9);
				expect(group.benchmark).toBe(group.interval === null ? 'not_compared' : group.interval.lower > 0 ? 'higher' : group.interval.upper < 0 ? 'lower' : 'similar');
			}
		});
	}

	for (const index of [0, 1, 2]) {
		it(`appointments per person by month around referral (view ${index})`, async () => {
			const { filters, range } = views()[index]!;
			const years = [financialYearOfMonth(range.from), financialYearOfMonth(range.to)];
			const recs = monthly.filter((r) => r.financial_year >= years[0]! && r.financial_year <= years[1]! && (!filters.pcn || r.pcn_code === filters.pcn));
			const rates = monthlyRates(await pub.rows(gpMonthlyByCohort(filters, range)));
			expect(rates.months).toEqual(RELATIVE_MONTHS);
			expect(rates.comparison).not.toBeNull();
			for (const cohort of ['referred', 'comparison'] as const) {
				RELATIVE_MONTHS.forEach((m, i) => {
					const mine = recs.filter((r) => r.cohort === cohort && r.relative_month === m);
					const people = mine.reduce((s, r) => s + r.people, 0);
					const appointments = mine.reduce((s, r) => s + r.appointments, 0);
					const shown = rates[cohort]!;
					expect(shown.people[i]!.value).toBe(rule(people));
					expect(shown.appointments[i]!.value).toBe(rule(appointments));
					expectMean(shown.rate[i]!, people > 0 ? appointments / people : null, people);
				});
			}
			// gp_monthly has no demographics: the page says so.
			const notes = gpMonthlyNotApplied(filters, range);
			expect(notes.length > 0).toBe(filters.age.length + filters.sex.length + filters.need.length > 0);
			expect(gpUseNotApplied(filters, range).length > 0).toBe(filters.need.length > 0);
		});
	}
});

describe('GP figures without a comparison cohort', () => {
	const row = (cohort: string, eligible: number, mean: number, sd: number) => ({ cohort, eligible, mean_avoided: mean, sd_avoided: sd, appts_before: eligible * 3, appts_after: eligible * (3 - mean) });

	it('fall back to the raw before/after fall, labelled raw, with a t-interval', () => {
		const a = avoided(row('referred', 40, 1.5, 2), undefined);
		expect(a.method).toBe('raw');
		expect(a.perPerson.value).toBe(1.5);
		expect(a.interval!.lower).toBeLessThan(1.5);
		const [per] = gpKeyFigures(a, DEFAULT_ASSUMPTIONS, 6);
		expect(per!.detail).toContain('regression to the mean');
		expect(gpKeyFigures(a, DEFAULT_ASSUMPTIONS, 6).every((f) => f.label.endsWith('(raw)'))).toBe(true);
	});

	it('use difference-in-differences whenever the comparison cohort has anyone, hidden when it has 1-7', () => {
		expect(avoided(row('referred', 40, 1.5, 2), row('comparison', 30, 0.5, 2)).perPerson.value).toBeCloseTo(1, 12);
		const small = avoided(row('referred', 40, 1.5, 2), row('comparison', 5, 0.5, 2));
		expect(small.method).toBe('did');
		expect(small.perPerson).toEqual({ value: null, suppressed: 'small_base' });
	});
});

describe('GP assumptions in the URL', () => {
	it('defaults when absent; values when valid; problems and defaults when not', () => {
		expect(parseAssumptions(new URLSearchParams())).toEqual({ assumptions: DEFAULT_ASSUMPTIONS, problems: [] });
		expect(parseAssumptions(new URLSearchParams('min=9.22&gbp=42&py=2022-23')).assumptions).toEqual({ minutes: 9.22, unitCost: 42, priceYear: '2022/23' });
		const bad = parseAssumptions(new URLSearchParams('min=0&gbp=abc&py=2022-24'));
		expect(bad.assumptions).toEqual(DEFAULT_ASSUMPTIONS);
		expect(bad.problems.map((p) => p.field)).toEqual(['minutes', 'unitCost', 'priceYear']);
		expect(bad.problems[0]!.message).toMatch(/Minutes per appointment must be a number from 1 to 60/);
		for (const text of ['-5', '61', '1e2', '10.123', '']) expect(parseAssumptions(new URLSearchParams({ min: text })).problems).toHaveLength(1);
	});

	it('leave defaults out of the URL and write price years with a hyphen', () => {
		expect(assumptionParam('minutes', DEFAULT_ASSUMPTIONS.minutes)).toBeNull();
		expect(assumptionParam('minutes', 12.5)).toBe('12.5');
		expect(assumptionParam('priceYear', '2022/23')).toBe('2022-23');
		const params = new URLSearchParams({ min: assumptionParam('minutes', 12.5)!, py: assumptionParam('priceYear', '2022/23')! });
		expect(parseAssumptions(params).assumptions).toEqual({ ...DEFAULT_ASSUMPTIONS, minutes: 12.5, priceYear: '2022/23' });
	});
});
