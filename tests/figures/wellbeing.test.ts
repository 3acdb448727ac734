/**
 * The Wellbeing page's queries and figures on a demo publication made by the pipeline: node
 * DuckDB runs the app's query builders, and every figure is recomputed independently from the
 * record-level rows in TypeScript (filters applied by hand, the statistics layer's record-level
 * functions as the oracle), then compared after disclosure control.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeByGroup, distribution, distributionBins, measureFromKey, measureKey, measureSummaries, type Distribution } from '../../src/lib/figures/wellbeing.js';
import { bandMovement } from '../../src/lib/figures/wellbeing-bands.js';
import { completeness } from '../../src/lib/figures/wellbeing-completeness.js';
import { NO_FILTERS, type Filters } from '../../src/lib/filters/filters.js';
import { periodMonths, type MonthRange } from '../../src/lib/filters/period.js';
import { meanInterval, ons4Band, ons4BandMovement, summariseWellbeing, type DisclosedValue, type Ons4Measure } from '../../src/lib/metrics/index.js';
import { ons4BandPairs, wellbeingByMeasure, wellbeingChangeBy, wellbeingCompleteness, wellbeingCompletenessRows, wellbeingDistribution, CHANGE_DIMENSIONS } from '../../src/lib/queries/index.js';
import { INSTRUMENTS, MEASURES } from '../../src/lib/schema/instruments.js';
import { groupBy, inRange, publication, type Publication } from './helpers.js';

interface WellbeingRec {
	pcn_code: string;
	referral_id: string;
	instrument: string;
	measure: string;
	baseline_value: number | null;
	follow_up_value: number | null;
	paired: boolean;
	change: number | null;
}
interface ReferralRec {
	referral_id: string;
	pcn_code: string;
	referral_month: string;
	age_band: string | null;
	sex: string | null;
	imd_quintile: number | null;
	needs: string | null;
	accepted: boolean | null;
}
interface NeedRec {
	referral_id: string;
	need: string;
}

let pub: Publication;
let wellbeing: WellbeingRec[];
let referrals: ReferralRec[];
let needs: NeedRec[];

beforeAll(async () => {
	pub = await publication(2_500);
	[wellbeing, referrals, needs] = await Promise.all([pub.records<WellbeingRec>('wellbeing'), pub.records<ReferralRec>('referrals'), pub.records<NeedRec>('referral_needs')]);
});
afterAll(async () => pub?.close());

/** NHS Digital's rule written out again: 0 -> 0, 1-7 hidden, else nearest 5. */
const rule = (n: number): number | null => (n >= 1 && n <= 7 ? null : Math.round(n / 5) * 5);

function expectCount(shown: DisclosedValue, raw: number) {
	expect(shown.value).toBe(rule(raw));
	expect(shown.suppressed !== null).toBe(rule(raw) === null);
}

/** Referrals matching the filters, by hand. */
function matching(filters: Filters, range: MonthRange): Set<string> {
	return new Set(
		referrals
			.filter(
				(r) =>
					inRange(r.referral_month, range) &&
					(!filters.pcn || r.pcn_code === filters.pcn) &&
					(filters.age.length === 0 || filters.age.includes(r.age_band ?? '')) &&
					(filters.sex.length === 0 || filters.sex.includes(r.sex ?? '')) &&
					(filters.imd.length === 0 || filters.imd.includes(r.imd_quintile ?? -1)) &&
					(filters.need.length === 0 || (r.needs ?? '').split(';').some((n) => filters.need.includes(n)))
			)
			.map((r) => r.referral_id)
	);
}

const views = () => {
	const range = periodMonths({ kind: 'year', year: pub.firstView.default_year! });
	const pcn = String(pub.firstView.areas[0]!.pcn_code);
	return [
		{ name: 'no filters', filters: NO_FILTERS, range },
		{ name: 'a PCN, older people, lonely', filters: { ...NO_FILTERS, pcn, age: ['65-74', '75-84', '85+'], need: ['loneliness_isolation'] }, range },
		{ name: 'a quarter, IMD 1-2, women', filters: { ...NO_FILTERS, imd: [1, 2], sex: ['female'] }, range: { from: range.from, to: `${range.from.slice(0, 4)}-06` } }
	];
};

describe('Wellbeing figures against record-level recomputation', () => {
	it('the demo has pairs on every instrument', () => {
		for (const i of INSTRUMENTS) expect(wellbeing.some((w) => w.instrument === i && w.paired)).toBe(true);
	});

	for (const index of [0, 1, 2]) {
		it(`summary of every measure (view ${index})`, async () => {
			const { filters, range } = views()[index]!;
			const ids = matching(filters, range);
			const shown = measureSummaries(await pub.rows(wellbeingByMeasure(filters, range)));
			expect(shown.map((s) => s.key)).toEqual(MEASURES.map(measureKey));
			for (const s of shown) {
				const recs = wellbeing.filter((w) => ids.has(w.referral_id) && w.instrument === s.spec.instrument && w.measure === s.spec.measure);
				const oracle = summariseWellbeing(
					recs.map((w) => ({ baseline_value: w.baseline_value, follow_up_value: w.follow_up_value, change: w.paired ? w.change : null })),
					{ instrument: s.spec.instrument, measure: s.spec.measure }
				);
				expectCount(s.baseline, oracle.n_baseline);
				expectCount(s.followUp, oracle.n_follow_up);
				expectCount(s.pairs, oracle.n_paired);
				const big = oracle.n_paired >= 8;
				expect(s.meanChange.value === null).toBe(!big);
				if (big) {
					expect(s.meanChange.value).toBeCloseTo(oracle.change.mean!, 9);
					expect(s.changeInterval!.lower).toBeCloseTo(oracle.change.interval!.lower, 9);
					expect(s.changeInterval!.upper).toBeCloseTo(oracle.change.interval!.upper, 9);
					expect(s.meanBaseline.value).toBeCloseTo(oracle.baseline.mean!, 9);
					expect(s.meanFollowUp.value).toBeCloseTo(oracle.follow_up.mean!, 9);
					expect(s.srm.value).toBeCloseTo(oracle.srm!, 9);
					// Percentages from the rounded counts.
					const improved = rule(oracle.improved.count);
					expect(s.improved.value).toBe(improved === null ? null : (100 * improved) / rule(oracle.n_paired)!);
					const worse = rule(oracle.worse.count);
					expect(s.worse.value).toBe(worse === null ? null : (100 * worse) / rule(oracle.n_paired)!);
				} else {
					expect([s.meanBaseline.value, s.meanFollowUp.value, s.srm.value, s.changeInterval]).toEqual([null, null, null, null]);
				}
			}
		});
	}

	it('bins cover each scale: every score falls in a bin whose label includes it', () => {
		for (const spec of MEASURES) {
			const bins = distributionBins(spec);
			expect(bins.labels).toHaveLength(bins.count);
			expect(bins.count).toBeLessThanOrEqual(15);
			for (let score = spec.min; score <= spec.max; score++) {
				const bin = Math.min(Math.floor((score - bins.min) / bins.width), bins.count - 1);
				const [lo, hi] = bins.labels[bin]!.split(/–| to <?/).map(Number);
				expect(score).toBeGreaterThanOrEqual(lo!);
				expect(score).toBeLessThanOrEqual(hi ?? lo!);
			}
		}
		expect(distributionBins(measureFromKey('wemwbs.total')).labels.at(-1)).toBe('66–70');
		expect(distributionBins(measureFromKey('ons4.anxiety')).labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
	});

	for (const key of ['ons4.life_satisfaction', 'wemwbs.total', 'swemwbs.total', 'ucla3.total']) {
		for (const index of [0, 1]) {
			it(`distributions of ${key} among pairs (view ${index}), with secondary suppression`, async () => {
				const { filters, range } = views()[index]!;
				const spec = measureFromKey(key);
				const bins = distributionBins(spec);
				const ids = matching(filters, range);
				const pairs = wellbeing.filter((w) => ids.has(w.referral_id) && w.instrument === spec.instrument && w.measure === spec.measure && w.paired);
				const binOf = (v: number) => Math.min(Math.floor((v - spec.min) / bins.width), bins.count - 1);
				const tally = (key: 'baseline_value' | 'follow_up_value') => bins.labels.map((_, i) => pairs.filter((p) => binOf(p[key]!) === i).length);
				const expected = { baseline: tally('baseline_value'), followUp: tally('follow_up_value') };

				const rows = await pub.rows(wellbeingDistribution(filters, range, spec, bins));
				const byBin = new Map(rows.map((r) => [Number(r.bin), r]));
				expect(bins.labels.map((_, i) => Number(byBin.get(i)?.baseline ?? 0))).toEqual(expected.baseline);
				expect(bins.labels.map((_, i) => Number(byBin.get(i)?.follow_up ?? 0))).toEqual(expected.followUp);

				const d = distribution(rows, bins);
				expect(d.pairs).toBe(pairs.length);
				checkBins(d, expected);
			});
		}
	}

	for (const dimension of CHANGE_DIMENSIONS) {
		it(`paired change by ${dimension}`, async () => {
			const { filters, range } = views()[0]!;
			const spec = measureFromKey('ons4.happiness');
			const ids = matching(filters, range);
			const pairs = wellbeing.filter((w) => ids.has(w.referral_id) && w.instrument === spec.instrument && w.measure === spec.measure && w.paired);
			const referral = new Map(referrals.map((r) => [r.referral_id, r]));
			const needsOf = groupBy(needs, (n) => n.referral_id);
			const keys = (w: WellbeingRec): (string | null)[] => {
				const r = referral.get(w.referral_id)!;
				if (dimension === 'pcn') return [w.pcn_code];
				if (dimension === 'need') return (needsOf.get(w.referral_id) ?? []).map((n) => n.need);
				const v = { imd: r.imd_quintile, age: r.age_band, sex: r.sex }[dimension];
				return [v === null ? null : String(v)];
			};
			const expected = new Map<string | null, number[]>();
			for (const p of pairs) for (const k of keys(p)) expected.set(k, [...(expected.get(k) ?? []), p.change!]);

			const rows = await pub.rows(wellbeingChangeBy(filters, range, spec, dimension));
			expect(new Set(rows.map((r) => r.grp as string | null))).toEqual(new Set(expected.keys()));
			const overall = meanInterval(pairs.map((p) => p.change!)).mean!;
			const groups = changeByGroup(rows, dimension, overall, () => undefined);
			expect(groups).toHaveLength(expected.size);
			if (dimension === 'need') expect(groups.reduce((s, g) => s + (g.pairs.value ?? 0), 0)).toBeGreaterThan(rule(pairs.length)! - 1);
			for (const g of groups) {
				const changes = expected.get(g.key)!;
				const oracle = meanInterval(changes);
				expectCount(g.pairs, changes.length);
				if (changes.length >= 8) {
					expect(g.mean.value).toBeCloseTo(oracle.mean!, 9);
					expect(g.interval!.lower).toBeCloseTo(oracle.interval!.lower, 9);
					expect(g.interval!.upper).toBeCloseTo(oracle.interval!.upper, 9);
					const label = oracle.interval!.lower > overall ? 'better' : oracle.interval!.upper < overall ? 'worse' : 'similar';
					expect(g.benchmark).toBe(label);
				} else {
					expect(g.mean.value).toBeNull();
					expect(g.benchmark).toBe('not_compared');
				}
			}
			// "Not recorded" comes last.
			const nullAt = groups.findIndex((g) => g.key === null);
			if (nullAt >= 0) expect(nullAt).toBe(groups.length - 1);
		});
	}

	for (const measure of ['life_satisfaction', 'anxiety'] as Ons4Measure[]) {
		for (const index of [0, 1]) {
			it(`ONS4 ${measure} band movement (view ${index}) agrees with ons4BandMovement`, async () => {
				const { filters, range } = views()[index]!;
				const ids = matching(filters, range);
				const pairs = wellbeing.filter((w) => ids.has(w.referral_id) && w.instrument === 'ons4' && w.measure === measure && w.paired);
				const tally = new Map<string, number>();
				for (const p of pairs) {
					const key = `${ons4Band(measure, p.baseline_value!)}>${ons4Band(measure, p.follow_up_value!)}`;
					tally.set(key, (tally.get(key) ?? 0) + 1);
				}
				const rows = await pub.rows(ons4BandPairs(filters, range, measure));
				expect(new Map(rows.map((r) => [`${r.baseline_band}>${r.follow_up_band}`, Number(r.pairs)]))).toEqual(tally);

				const figure = bandMovement(rows, measure);
				const oracle = ons4BandMovement(
					measure,
					pairs.map((p) => ({ baseline: p.baseline_value!, follow_up: p.follow_up_value! }))
				);
				expect(figure.pairs).toBe(oracle.pairs);
				const poor = figure.rows.find((r) => r.band === figure.poor)!;
				// Moving out of the poor band is moving to a better band from it.
				for (const [shown, raw] of [
					[poor.people, oracle.poor_at_baseline],
					[poor.counts.better, oracle.moved_out]
				] as const) {
					if (shown.suppressed === 'secondary') expect(rule(raw)).not.toBeNull();
					else expectCount(shown, raw);
				}
				for (const r of figure.rows) {
					const parts = [r.counts.better, r.counts.same, r.counts.worse];
					// Secondary suppression: never exactly one hidden cell under a shown band total.
					if (r.people.value !== null) expect(parts.filter((p) => p.value === null).length).not.toBe(1);
					for (const m of ['better', 'same', 'worse'] as const) {
						const c = r.counts[m].value;
						expect(r.percents[m].value).toBe(c === null || r.people.value === null || r.people.value === 0 ? null : (100 * c) / r.people.value);
					}
				}
			});
		}
	}

	for (const index of [0, 1, 2]) {
		it(`completeness of accepted referrals per PCN and instrument (view ${index})`, async () => {
			const { filters, range } = views()[index]!;
			const ids = matching(filters, range);
			const accepted = referrals.filter((r) => ids.has(r.referral_id) && r.accepted === true);
			const byReferral = groupBy(wellbeing, (w) => w.referral_id);
			const flags = (id: string, instrument: string) => {
				const recs = (byReferral.get(id) ?? []).filter((w) => instrument === 'any' || w.instrument === instrument);
				return { b: recs.some((w) => w.baseline_value !== null), f: recs.some((w) => w.follow_up_value !== null), p: recs.some((w) => w.paired) };
			};
			const expected = (pcn: string | null, instrument: string) => {
				const rs = accepted.filter((r) => pcn === null || r.pcn_code === pcn);
				const fl = rs.map((r) => flags(r.referral_id, instrument));
				return { accepted: rs.length, baseline: fl.filter((f) => f.b).length, follow_up: fl.filter((f) => f.f).length, paired: fl.filter((f) => f.p).length };
			};
			const parts = wellbeingCompleteness(filters, range);
			const rows = wellbeingCompletenessRows(await pub.rows(parts.accepted), await pub.rows(parts.scores));
			const pcns = [...new Set(accepted.map((r) => r.pcn_code))].sort();
			for (const pcn of [...pcns, null]) {
				for (const instrument of ['any', ...INSTRUMENTS]) {
					const row = rows.find((r) => r.pcn_code === pcn && r.instrument === instrument);
					const want = expected(pcn, instrument);
					expect({ accepted: Number(row?.accepted), baseline: Number(row?.baseline), follow_up: Number(row?.follow_up), paired: Number(row?.paired) }, `${pcn} ${instrument}`).toEqual(want);
				}
			}
			const c = completeness(rows, () => undefined);
			expect(c.rows.map((r) => r.code).sort()).toEqual(pcns);
			expect(c.total === null).toBe(pcns.length <= 1);
			for (const r of [...c.rows, ...(c.total ? [c.total] : [])]) {
				const want = expected(r.code, 'any');
				for (const [shown, raw] of [
					[r.accepted, want.accepted],
					[r.paired, want.paired],
					[r.pairedBy.ons4, expected(r.code, 'ons4').paired]
				] as const) {
					if (shown.suppressed === 'secondary') expect(rule(raw)).not.toBeNull();
					else expectCount(shown, raw);
				}
				if (r.paired.value !== null && r.accepted.value) expect(r.pairedPercent.value).toBe((100 * r.paired.value) / r.accepted.value);
				else expect(r.pairedPercent.value).toBeNull();
			}
			if (c.total?.paired.value != null) {
				// A shown total never leaves exactly one PCN hidden.
				expect(c.rows.filter((r) => r.paired.value === null).length).not.toBe(1);
			}
		});
	}

	it('an unknown measure key falls back to ONS4 life satisfaction', () => {
		expect(measureKey(measureFromKey('nonsense'))).toBe('ons4.life_satisfaction');
		expect(measureKey(measureFromKey(null))).toBe('ons4.life_satisfaction');
		expect(measureKey(measureFromKey('ucla3.total'))).toBe('ucla3.total');
	});
});

/** Each bin shown as the rule says or hidden; never exactly one hidden bin under a shown total. */
function checkBins(d: Distribution, expected: { baseline: number[]; followUp: number[] }) {
	for (const [shown, raw] of [
		[d.baseline, expected.baseline],
		[d.followUp, expected.followUp]
	] as const) {
		shown.forEach((v, i) => {
			if (v.suppressed === 'secondary') expect(rule(raw[i]!)).not.toBeNull();
			else expectCount(v, raw[i]!);
		});
		const total = rule(raw.reduce((s, v) => s + v, 0));
		if (total !== null) expect(shown.filter((v) => v.value === null).length).not.toBe(1);
	}
}
