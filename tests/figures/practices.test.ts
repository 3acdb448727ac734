/**
 * Compare practices: the per-practice queries on a real demo publication equal counts made by
 * hand from the record-level rows; the funnels' benchmarks, limits, over-dispersion and
 * positions equal the statistics layer applied to those hand counts after disclosure control;
 * suppressed practices are not plotted and cannot be worked out from the PCN total; and
 * properties such as "a practice exactly at the benchmark is within".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitFunnel } from '../../src/lib/figures/funnel.js';
import { avoidedFunnel, funnelTitle, improvedFunnel, positionLabel, rateFunnel, type Comparison, type IndicatorFunnel } from '../../src/lib/figures/practices.js';
import type { Row } from '../../src/lib/figures/rows.js';
import { parseFilters, type Filters } from '../../src/lib/filters/filters.js';
import { periodMonths, type MonthRange } from '../../src/lib/filters/period.js';
import {
	DEFAULT_CHANGE_THRESHOLDS,
	discloseCount,
	dispersionRatio,
	funnelPosition,
	inflateLimits,
	meanFunnelLimits,
	meanZScore,
	normalQuantile,
	moments,
	proportionFunnelLimits,
	proportionZScore,
	ratioFunnelLimits,
	ratioZScore,
	suppressHierarchy
} from '../../src/lib/metrics/index.js';
import { gpUseByCohort, practiceGpUse, practiceReferrals, practiceWellbeing } from '../../src/lib/queries/index.js';
import { inRange, openPublication, type Publication } from './publication.js';

let pub: Publication;
let range: MonthRange;
let area: Filters;
let pcn: string;
let comparison: Comparison;

beforeAll(async () => {
	pub = await openPublication(6_000, 'figures-practices');
	range = periodMonths({ kind: 'year', year: pub.firstView.default_year! });
	const first = pub.firstView.areas[0]!;
	pcn = String(first.pcn_code);
	area = { ...parseFilters(new URLSearchParams()), icb: String(first.icb_code) };
	comparison = { pcn, pcnName: String(first.pcn_name), icbName: String(first.icb_name), benchmark: 'icb' };
}, 120_000);

afterAll(async () => {
	await pub?.close();
});

const practices = () => pub.data.practices.filter((p) => p.icb_code === area.icb);
const round5 = (n: number) => discloseCount(n).value;

/** Hand counts per practice after primary and secondary suppression (ICB -> PCN -> practice), by the metrics layer's suppressHierarchy. */
function shown(counts: { code: string; pcn: string; n: number }[]): Map<string, number | null> {
	const pcns = [...new Set(counts.map((c) => c.pcn))];
	const cells = suppressHierarchy([
		{ id: 'icb', parent_id: null, value: counts.reduce((s, c) => s + c.n, 0) },
		...pcns.map((p) => ({ id: p, parent_id: 'icb', value: counts.filter((c) => c.pcn === p).reduce((s, c) => s + c.n, 0) })),
		...counts.map((c) => ({ id: c.code, parent_id: c.pcn, value: c.n }))
	]);
	return new Map(counts.map((c) => [c.code, cells.find((x) => x.id === c.code)!.shown]));
}

/** What a funnel of practices should be, from hand counts: disclosed x, y and events per practice code. */
interface Expected {
	x: number;
	y: number;
	events: number | null;
}

describe('per-practice queries equal hand counts from the records', () => {
	it('referrals and list sizes per practice, every practice of the ICB included', async () => {
		const got = await pub.rows(practiceReferrals(area, range));
		expect(got.map((r) => r.practice_code).sort()).toEqual(practices().map((p) => p.practice_code).sort());
		for (const r of got) {
			const p = practices().find((x) => x.practice_code === r.practice_code)!;
			const n = pub.data.referrals.filter((x) => x.practice_code === r.practice_code && inRange(x.referral_month, range)).length;
			expect([r.referrals, r.list_size, r.pcn_code]).toEqual([n, p.list_size, p.pcn_code]);
		}
	});

	it('paired and improved ONS4 life satisfaction scores per practice, under a demographic filter too', async () => {
		for (const f of [area, { ...area, sex: ['female'] }]) {
			const got = await pub.rows(practiceWellbeing(f, range, 'ons4', 'life_satisfaction'));
			const sexOf = new Map(pub.data.referrals.map((r) => [r.referral_id, r.sex]));
			const mine = pub.data.wellbeing.filter(
				(w) =>
					w.instrument === 'ons4' &&
					w.measure === 'life_satisfaction' &&
					w.paired === true &&
					inRange(w.referral_month, range) &&
					(f.sex.length === 0 || f.sex.includes(String(sexOf.get(w.referral_id))))
			);
			let any = 0;
			for (const r of got) {
				const own = mine.filter((w) => w.practice_code === r.practice_code);
				const improved = own.filter((w) => Number(w.change) >= DEFAULT_CHANGE_THRESHOLDS.ons4.points).length;
				expect([r.pairs, r.improved]).toEqual([own.length, improved]);
				any += own.length;
			}
			expect(any).toBeGreaterThan(0);
		}
	});

	it('people covered and their mean and sd of appointments avoided per practice (referred cohort)', async () => {
		const got = await pub.rows(practiceGpUse(area, range));
		for (const r of got) {
			const avoided = pub.data.gp_use
				.filter((g) => g.practice_code === r.practice_code && g.cohort === 'referred' && g.covered === true && g.appts_before !== null && g.appts_after !== null && inRange(g.index_month, range))
				.map((g) => Number(g.appts_before) - Number(g.appts_after));
			const m = moments(avoided);
			expect(r.eligible).toBe(m.n);
			if (m.n > 0) expect(r.mean_avoided as number).toBeCloseTo(m.mean!, 10);
			if (m.n > 1) expect(r.sd_avoided as number).toBeCloseTo(m.sd!, 10);
		}
	});
});

describe('funnels from the published data equal the statistics layer on hand counts', () => {
	/** Positions and plotted values of the PCN's practices, against an expectation built by hand. */
	function expectFunnel(funnel: IndicatorFunnel, expected: Map<string, Expected>, limitsAt: (x: number) => ReturnType<typeof ratioFunnelLimits>, scale: number) {
		for (const p of funnel.practices) {
			const e = expected.get(p.code);
			if (!e) {
				expect(p.position).toBeNull();
				expect(p.label).toMatch(/^Not compared/);
				continue;
			}
			expect(p.x).toBeCloseTo(e.x, 9);
			expect(p.y! / scale).toBeCloseTo(e.y, 9);
			const position = funnelPosition(e.y, limitsAt(e.x));
			expect(p.position).toBe(position);
			expect(p.label).toBe(positionLabel(position, 'ICB'));
		}
		expect(funnel.practices.some((p) => p.position !== null)).toBe(true);
	}

	it('referral rate: rounded referrals over patients, exact Poisson limits around the rounded ICB rate, widened by the Winsorised φ', async () => {
		const months = 12;
		const funnel = rateFunnel(await pub.rows(practiceReferrals(area, range)), comparison, months);
		// By hand: referrals per practice from the records, rounded; practices of 1-7 left out (the
		// demo's practices are large, so no secondary suppression is expected here).
		const counts = practices().map((p) => ({ p, n: pub.data.referrals.filter((x) => x.practice_code === p.practice_code && inRange(x.referral_month, range)).length }));
		expect(counts.every((c) => c.n > 7)).toBe(true);
		const total = counts.reduce((s, c) => s + c.n, 0);
		const patients = counts.reduce((s, c) => s + Number(c.p.list_size), 0);
		const target = (round5(total)! / patients) * 1000;
		expect(funnel.benchmark.value).toBeCloseTo(target, 10);
		const expected = new Map(counts.map((c) => [String(c.p.practice_code), { x: Number(c.p.list_size), y: (round5(c.n)! / Number(c.p.list_size)) * 1000, events: round5(c.n) }]));
		const z = counts.map((c) => ratioZScore(round5(c.n)!, (target * Number(c.p.list_size)) / 1000));
		const d = dispersionRatio(z);
		expect(funnel.dispersion!.phi).toBeCloseTo(d.phi, 10);
		expect(funnel.dispersion!.applied).toBe(d.phi > 1);
		const limitsAt = (x: number) => inflateLimits(ratioFunnelLimits((target * x) / 1000, target), target, { inflation: d.phi > 1 ? Math.sqrt(d.phi) : 1 }, [0, Infinity]);
		expectFunnel(funnel, expected, limitsAt, 1);
		// The drawn limit lines are the same limits.
		const i = 40;
		const l = limitsAt(funnel.curve!.x[i]!);
		expect([funnel.curve!.lower95[i], funnel.curve!.upper95[i], funnel.curve!.lower998[i], funnel.curve!.upper998[i]]).toEqual([l.lower95, l.upper95, l.lower998, l.upper998].map((v) => expect.closeTo(v, 9)));
	});

	it('share improved: rounded improved over rounded pairs, proportion limits around the rounded ICB share', async () => {
		const funnel = improvedFunnel(await pub.rows(practiceWellbeing(area, range, 'ons4', 'life_satisfaction')), comparison, { instrument: 'ons4', measure: 'life_satisfaction' });
		const paired = pub.data.wellbeing.filter((w) => w.instrument === 'ons4' && w.measure === 'life_satisfaction' && w.paired === true && inRange(w.referral_month, range));
		const per = practices().map((p) => {
			const own = paired.filter((w) => w.practice_code === p.practice_code);
			return { code: String(p.practice_code), pcn: String(p.pcn_code), n: own.length, k: own.filter((w) => Number(w.change) >= 1).length };
		});
		const target = round5(per.reduce((s, c) => s + c.k, 0))! / round5(per.reduce((s, c) => s + c.n, 0))!;
		expect(funnel.benchmark.value! / 100).toBeCloseTo(target, 12);
		const pairs = shown(per.map((c) => ({ ...c, n: c.n })));
		const improved = shown(per.map((c) => ({ ...c, n: c.k })));
		const units = per.filter((c) => pairs.get(c.code) && improved.get(c.code) !== null).map((c) => ({ code: c.code, x: pairs.get(c.code)!, y: improved.get(c.code)! / pairs.get(c.code)!, events: improved.get(c.code)! }));
		const expected = new Map<string, Expected>(units.filter((u) => per.find((c) => c.code === u.code)!.pcn === pcn).map((u) => [u.code, u]));
		expect(expected.size).toBeGreaterThan(0);
		const d = dispersionRatio(units.map((u) => proportionZScore(u.events, u.x, target)));
		expect(funnel.dispersion!.phi).toBeCloseTo(d.phi, 10);
		const limitsAt = (x: number) => inflateLimits(proportionFunnelLimits(target, x), target, { inflation: d.phi > 1 ? Math.sqrt(d.phi) : 1 }, [0, 1]);
		expectFunnel(funnel, expected, limitsAt, 100);
	});

	it("appointments avoided: difference-in-differences against the ICB's comparison cohort, mean limits with the ICB's sd", async () => {
		const funnel = avoidedFunnel(await pub.rows(practiceGpUse(area, range)), await pub.rows(gpUseByCohort(area, range)), comparison);
		const covered = pub.data.gp_use.filter((g) => g.covered === true && g.appts_before !== null && inRange(g.index_month, range));
		const fall = (g: Row) => Number(g.appts_before) - Number(g.appts_after);
		const referred = moments(covered.filter((g) => g.cohort === 'referred').map(fall));
		const compared = moments(covered.filter((g) => g.cohort === 'comparison').map(fall));
		expect(compared.n).toBeGreaterThan(7);
		const target = referred.mean! - compared.mean!;
		expect(funnel.benchmark.value).toBeCloseTo(target, 10);
		expect(funnel.name).toMatch(/difference-in-differences/);
		const per = practices().map((p) => {
			const own = moments(covered.filter((g) => g.cohort === 'referred' && g.practice_code === p.practice_code).map(fall));
			return { code: String(p.practice_code), pcn: String(p.pcn_code), n: own.n, mean: own.mean };
		});
		const people = shown(per);
		const units = per.filter((c) => people.get(c.code) && c.n > 7).map((c) => ({ code: c.code, x: people.get(c.code)!, y: c.mean! - compared.mean!, events: null }));
		const expected = new Map<string, Expected>(units.filter((u) => per.find((c) => c.code === u.code)!.pcn === pcn).map((u) => [u.code, u]));
		const d = dispersionRatio(units.map((u) => (u.y - target) / (referred.sd! / Math.sqrt(u.x))));
		expect(funnel.dispersion!.phi).toBeCloseTo(d.phi, 10);
		const limitsAt = (x: number) => inflateLimits(meanFunnelLimits(target, referred.sd!, x), target, { inflation: d.phi > 1 ? Math.sqrt(d.phi) : 1 });
		expectFunnel(funnel, expected, limitsAt, 1);
	});

	it('with the PCN as benchmark, the target and φ come from the PCN alone', async () => {
		const rows = await pub.rows(practiceReferrals(area, range));
		const own = rows.filter((r) => r.pcn_code === pcn);
		const funnel = rateFunnel(rows, { ...comparison, benchmark: 'pcn' }, 12);
		const target = (round5(own.reduce((s, r) => s + Number(r.referrals), 0))! / own.reduce((s, r) => s + Number(r.list_size), 0)) * 1000;
		expect(funnel.benchmark.value).toBeCloseTo(target, 10);
		expect(funnel.benchmark.short).toBe('PCN');
		expect(funnel.dispersion!.k).toBe(own.length);
	});
});

/** Synthetic practice rows: one ICB, PCN U1 with the given practices, PCN U2 with two more. */
function rateRows(referrals: number[], listSize = 10_000): Row[] {
	const row = (pcn: string, i: number, n: number) => ({ icb_code: 'Q01', pcn_code: pcn, pcn_name: pcn, practice_code: `${pcn}P${i}`, practice_name: `Practice ${pcn}-${i}`, list_size: listSize, referrals: n });
	return [...referrals.map((n, i) => row('U1', i, n)), row('U2', 0, 100), row('U2', 1, 100)];
}
const synthetic: Comparison = { pcn: 'U1', pcnName: 'U1', icbName: 'ICB', benchmark: 'icb' };

describe('funnel properties', () => {
	it('a practice exactly at the benchmark is within, on every kind of funnel', () => {
		const rate = rateFunnel(rateRows([100, 100, 100]), synthetic, 12);
		expect(rate.practices.map((p) => p.position)).toEqual(['within', 'within', 'within']);
		expect(rate.practices[0]!.y).toBeCloseTo(rate.benchmark.value!, 12);
		expect(rate.dispersion!.applied).toBe(false);
		const share = improvedFunnel(
			rateRows([0, 0, 0]).map((r, i) => ({ ...r, pairs: 40 + 10 * i, improved: 20 + 5 * i })),
			synthetic,
			{ instrument: 'ons4', measure: 'life_satisfaction' }
		);
		expect(share.practices.map((p) => [p.y, p.position])).toEqual([
			[50, 'within'],
			[50, 'within'],
			[50, 'within']
		]);
		const gp = rateRows([0, 0, 0]).map((r) => ({ ...r, eligible: 50, mean_avoided: 1.5, sd_avoided: 2 }));
		const mean = avoidedFunnel(gp, [{ cohort: 'referred', eligible: 250, mean_avoided: 1.5, sd_avoided: 2 }], synthetic);
		expect(mean.practices.every((p) => p.position === 'within' && p.y === 1.5)).toBe(true);
		expect(mean.name).toMatch(/raw before\/after/);
		expect(mean.notes.join(' ')).toMatch(/regression to the mean/);
	});

	it('a practice far above or below the benchmark is outside the 99.8% limits and labelled so; one just inside the 95% limit is within', () => {
		const funnel = rateFunnel(rateRows([300, 100, 20]), { ...synthetic, benchmark: 'pcn' }, 12);
		const [high, , low] = funnel.practices;
		// Three units: φ from the PCN's own practices is large; positions follow the widened limits.
		const target = funnel.benchmark.value!;
		const fitted = fitFunnel({ kind: 'rate', target, years: 1, multiplier: 1000 }, funnel.practices.map((p) => ({ code: p.code, x: p.x!, y: p.y!, events: p.numerator!.value })))!;
		expect(high!.position).toBe(fitted.position({ code: 'a', x: 10_000, y: high!.y!, events: 300 }));
		const unwidened = ratioFunnelLimits((target * 10_000) / 1000, target);
		expect(funnelPosition(30, unwidened)).toBe('high_998');
		expect(funnelPosition(2, unwidened)).toBe('low_998');
		expect(funnelPosition(unwidened.upper95 - 1e-9, unwidened)).toBe('within');
		expect(funnelPosition(unwidened.upper95 + 1e-9, unwidened)).toBe('high_95');
		expect(positionLabel('high_998', 'ICB')).toBe('Higher than ICB (99.8%)');
		expect(positionLabel('low_95', 'PCN')).toBe('Lower than PCN (95%)');
		expect(low!.label).toMatch(/^(Lower than PCN|Similar)/);
		// Widening never narrows: with φ > 1 each limit is further from the target than unwidened.
		expect(fitted.dispersion!.applied).toBe(true);
		const wide = fitted.limitsAt(10_000);
		expect(wide.upper998).toBeGreaterThan(unwidened.upper998);
		expect(wide.upper998 - target).toBeCloseTo(Math.sqrt(fitted.dispersion!.phi) * (unwidened.upper998 - target), 9);
	});

	it('without over-dispersion the ICB funnel flags a practice referring three times the rate', () => {
		const funnel = rateFunnel(
			[...rateRows([100, 100, 100, 300]), ...Array.from({ length: 8 }, (_, i) => ({ icb_code: 'Q01', pcn_code: 'U3', pcn_name: 'U3', practice_code: `U3P${i}`, practice_name: `P${i}`, list_size: 10_000, referrals: 100 }))],
			synthetic,
			12
		);
		expect(funnel.practices.map((p) => p.position)).toEqual(['within', 'within', 'within', 'high_998']);
		expect(funnel.practices[3]!.label).toBe('Higher than ICB (99.8%)');
		expect(funnelTitle(funnel, 'referral rate')).toBe('1 practice higher than the ICB on referral rate; 3 similar');
	});

	it('a practice with 1-7 referrals is suppressed, and a sibling is hidden so it cannot be worked out from the PCN total', () => {
		const rows = rateRows([5, 40, 60]);
		const funnel = rateFunnel(rows, synthetic, 12);
		const [small, sibling, big] = funnel.practices;
		expect(small!.numerator).toEqual({ value: null, suppressed: 'small_count' });
		expect(sibling!.numerator).toEqual({ value: null, suppressed: 'secondary' });
		expect(big!.numerator).toEqual({ value: 60, suppressed: null });
		for (const p of [small!, sibling!]) {
			expect([p.x, p.y, p.position, p.label]).toEqual([null, null, null, 'Not compared: suppressed']);
		}
		// The PCN total (105 -> 105) minus the one visible practice leaves two unknowns: 45 = ? + ?.
		const hidden = funnel.practices.filter((p) => p.numerator?.value === null);
		expect(hidden.length).toBeGreaterThanOrEqual(2);
	});

	it("a mean's z-score is 1.96 exactly on the 95% limit and 3.09 on the 99.8% limit", () => {
		const l = meanFunnelLimits(1.2, 3, 80);
		expect(meanZScore(l.upper95, 1.2, 3, 80)).toBeCloseTo(normalQuantile(0.975), 12);
		expect(meanZScore(l.lower998, 1.2, 3, 80)).toBeCloseTo(-normalQuantile(0.999), 12);
		expect(() => meanZScore(1, 1, 0, 80)).toThrow();
	});

	it('a practice with no paired scores is not compared, and says why', () => {
		const rows = rateRows([0, 0, 0]).map((r, i) => ({ ...r, pairs: i === 0 ? 0 : 40, improved: i === 0 ? 0 : 20 }));
		const funnel = improvedFunnel(rows, synthetic, { instrument: 'ons4', measure: 'life_satisfaction' });
		expect(funnel.practices[0]!.label).toBe('Not compared: no paired scores');
	});
});
