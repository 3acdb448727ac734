/**
 * The Compare practices page's figures: a PCN's practices against the PCN or ICB benchmark in
 * three funnel plots (referral rate per 1,000 patients, share meaningfully improved, GP
 * appointments avoided per person), with Fingertips-style labels. Disclosure first: practice
 * counts are rounded and suppressed with secondary suppression over ICB -> PCN -> practice, and
 * every point, limit and benchmark is computed from what may be shown.
 */
import { disclose, type DisclosedValue, type FunnelPosition } from '../metrics/index.js';
import { measureSpec, type Instrument } from '../schema/instruments.js';
import { fitFunnel, funnelCurve, type FittedFunnel, type FunnelCurve, type FunnelDispersion, type FunnelModel, type FunnelUnit } from './funnel.js';
import { suppressPracticeCounts } from './practice-counts.js';
import { DENOMINATOR_NOTE, rateLabel } from './rates.js';
import { count, num, text, type Row } from './rows.js';

/** Which benchmark the practices are compared with. */
export type BenchmarkLevel = 'icb' | 'pcn';

/** The three indicators of the page. */
export type IndicatorId = 'rate' | 'improved' | 'avoided';

/** Why a practice is not in a funnel. */
export type NotCompared = 'suppressed' | 'no_data' | 'no_benchmark';

/** One practice on one indicator, as shown. */
export interface PracticeResult {
	code: string;
	name: string;
	/** Rounded numerator (referrals, people improved); null for means. */
	numerator: DisclosedValue | null;
	/** Registered patients, rounded people with pairs, or rounded people covered. */
	denominator: DisclosedValue;
	/** Denominator plotted (x) and indicator (y, display units: per 1,000, %, appointments); null when not compared. */
	x: number | null;
	y: number | null;
	position: FunnelPosition | null;
	notCompared: NotCompared | null;
	/** Fingertips-style label, e.g. "Higher than ICB (99.8%)", "Similar", "Not compared: suppressed". */
	label: string;
}

/** One funnel plot of the page. */
export interface IndicatorFunnel {
	id: IndicatorId;
	/** The indicator in words, e.g. "Referrals per 1,000 patients a year". */
	name: string;
	xLabel: string;
	yLabel: string;
	digits: number;
	/** Benchmark value in display units (null when it cannot be shown), its short and full names. */
	benchmark: { level: BenchmarkLevel; short: string; name: string; value: number | null };
	dispersion: FunnelDispersion | null;
	curve: FunnelCurve | null;
	practices: PracticeResult[];
	/** Method notes for the chart (difference-in-differences, list sizes, caveats). */
	notes: string[];
	/** Method section on the Methods page. */
	method: string;
}

/** Where the page stands: the PCN compared, its ICB and the benchmark chosen. */
export interface Comparison {
	pcn: string;
	pcnName: string;
	icbName: string;
	benchmark: BenchmarkLevel;
}

/** The measure the page opens on: ONS4 life satisfaction, the most widely collected. */
export const DEFAULT_FUNNEL_MEASURE = { instrument: 'ons4' as Instrument, measure: 'life_satisfaction' };

const SCALE: Record<IndicatorId, number> = { rate: 1, improved: 100, avoided: 1 };

/** The Fingertips-style label of a position against a benchmark ("ICB" or "PCN"). */
export function positionLabel(position: FunnelPosition, benchmark: string): string {
	switch (position) {
		case 'high_998':
			return `Higher than ${benchmark} (99.8%)`;
		case 'high_95':
			return `Higher than ${benchmark} (95%)`;
		case 'low_95':
			return `Lower than ${benchmark} (95%)`;
		case 'low_998':
			return `Lower than ${benchmark} (99.8%)`;
		default:
			return 'Similar';
	}
}

const NOT_COMPARED_TEXT: Record<NotCompared, string> = {
	suppressed: 'Not compared: suppressed',
	no_data: 'Not compared: no data',
	no_benchmark: 'Not compared: no benchmark'
};

/** A practice's unit before funnel fitting: disclosed figures, or why it has none. */
interface Candidate {
	code: string;
	name: string;
	pcn: string;
	numerator: DisclosedValue | null;
	denominator: DisclosedValue;
	unit: FunnelUnit | null;
	notCompared: NotCompared | null;
	/** Replaces the generic "no data" text, e.g. "Not compared: no list size". */
	reason?: string;
}

/** Place candidates in a fitted funnel (or none), in display units. */
function assemble(
	base: Omit<IndicatorFunnel, 'curve' | 'practices' | 'dispersion'>,
	candidates: Candidate[],
	model: FunnelModel | null,
	comparison: Comparison
): IndicatorFunnel {
	const inBenchmark = candidates.filter((c) => c.unit && (comparison.benchmark === 'icb' || c.pcn === comparison.pcn));
	const funnel: FittedFunnel | null = model ? fitFunnel(model, inBenchmark.map((c) => c.unit!)) : null;
	const scale = SCALE[base.id];
	const shown = candidates.filter((c) => c.pcn === comparison.pcn);
	const practices = shown.map((c): PracticeResult => {
		const notCompared = c.notCompared ?? (funnel ? null : 'no_benchmark');
		const position = !notCompared && funnel && c.unit ? funnel.position(c.unit) : null;
		return {
			code: c.code,
			name: c.name,
			numerator: c.numerator,
			denominator: c.denominator,
			x: c.unit && !notCompared ? c.unit.x : null,
			y: c.unit && !notCompared ? c.unit.y * scale : null,
			position,
			notCompared,
			label: position ? positionLabel(position, base.benchmark.short) : notCompared === 'no_data' && c.reason ? `Not compared: ${c.reason}` : NOT_COMPARED_TEXT[notCompared!]
		};
	});
	let curve: FunnelCurve | null = null;
	if (funnel) {
		const xs = practices.filter((p) => p.x !== null).map((p) => p.x!);
		if (xs.length > 0) {
			const raw = funnelCurve(funnel, Math.min(...xs) * 0.5, Math.max(...xs) * 1.1);
			const s = (v: number[]) => v.map((y) => y * scale);
			curve = { x: raw.x, lower95: s(raw.lower95), upper95: s(raw.upper95), lower998: s(raw.lower998), upper998: s(raw.upper998) };
		}
	}
	return { ...base, dispersion: funnel?.dispersion ?? null, curve, practices };
}

const benchmarkOf = (comparison: Comparison) =>
	comparison.benchmark === 'icb' ? { short: 'ICB', name: comparison.icbName } : { short: 'PCN', name: comparison.pcnName };

/**
 * Referrals per 1,000 registered patients a year (annualised over `months`) from practiceReferrals
 * rows of the whole ICB. Limits: exact Poisson for the expected referrals at the benchmark rate.
 */
export function rateFunnel(rows: Row[], comparison: Comparison, months: number): IndicatorFunnel {
	const years = months / 12;
	const hierarchy = suppressPracticeCounts(rows.map((r) => ({ practice_code: text(r, 'practice_code')!, pcn_code: text(r, 'pcn_code')!, value: count(r, 'referrals') })));
	const candidates = rows.map((r): Candidate => {
		const code = text(r, 'practice_code')!;
		const patients = num(r, 'list_size');
		const referrals = hierarchy.practices.get(code)!;
		const base = { code, name: text(r, 'practice_name') ?? code, pcn: text(r, 'pcn_code')!, numerator: referrals, denominator: { value: patients, suppressed: null } };
		if (patients === null || patients <= 0) return { ...base, unit: null, notCompared: 'no_data', reason: 'no list size' };
		const patientsShown = disclose({ kind: 'count', value: Math.round(patients) });
		if (patientsShown.suppressed || referrals.value === null) return { ...base, denominator: patientsShown.suppressed ? patientsShown : base.denominator, unit: null, notCompared: 'suppressed' };
		return { ...base, unit: { code, x: patients, y: (referrals.value / (patients * years)) * 1000, events: referrals.value }, notCompared: null };
	});
	const area = comparison.benchmark === 'icb' ? rows : rows.filter((r) => text(r, 'pcn_code') === comparison.pcn);
	const patients = area.reduce((s, r) => s + (num(r, 'list_size') ?? 0), 0);
	const total = comparison.benchmark === 'icb' ? hierarchy.total : (hierarchy.pcns.get(comparison.pcn) ?? { value: null, suppressed: null });
	const target = total.value !== null && patients > 0 ? (total.value / (patients * years)) * 1000 : null;
	const name = rateLabel(months);
	return assemble(
		{
			id: 'rate',
			name,
			xLabel: 'Registered patients',
			yLabel: name,
			digits: 1,
			benchmark: { level: comparison.benchmark, ...benchmarkOf(comparison), value: target },
			notes: [
				DENOMINATOR_NOTE,
				...(rows.some((r) => num(r, 'list_size') === null) ? ['Some practices have no list size and are not compared.'] : [])
			],
			method: 'practice_funnels'
		},
		candidates,
		target === null ? null : { kind: 'rate', target, years, multiplier: 1000 },
		comparison
	);
}

/** Share of people with paired scores on one measure who improved meaningfully, from practiceWellbeing rows of the whole ICB. */
export function improvedFunnel(rows: Row[], comparison: Comparison, measure: { instrument: string; measure: string }): IndicatorFunnel {
	const of = (key: string) => rows.map((r) => ({ practice_code: text(r, 'practice_code')!, pcn_code: text(r, 'pcn_code')!, value: count(r, key) }));
	const pairs = suppressPracticeCounts(of('pairs'));
	const improved = suppressPracticeCounts(of('improved'));
	const candidates = rows.map((r): Candidate => {
		const code = text(r, 'practice_code')!;
		const n = pairs.practices.get(code)!;
		const k = improved.practices.get(code)!;
		const base = { code, name: text(r, 'practice_name') ?? code, pcn: text(r, 'pcn_code')!, numerator: k, denominator: n };
		if (n.value === 0 && !n.suppressed) return { ...base, unit: null, notCompared: 'no_data', reason: 'no paired scores' };
		if (n.value === null || k.value === null) return { ...base, unit: null, notCompared: 'suppressed' };
		return { ...base, unit: { code, x: n.value, y: k.value / n.value, events: k.value }, notCompared: null };
	});
	const pick = (h: typeof pairs) => (comparison.benchmark === 'icb' ? h.total : (h.pcns.get(comparison.pcn) ?? { value: null, suppressed: null }));
	const n = pick(pairs).value;
	const k = pick(improved).value;
	const target = n && k !== null ? k / n : null;
	const spec = measureSpec(measure.instrument, measure.measure);
	const label = spec?.label ?? `${measure.instrument} ${measure.measure}`;
	return assemble(
		{
			id: 'improved',
			name: `Share meaningfully improved (${label})`,
			xLabel: 'People with paired scores',
			yLabel: `Meaningfully improved (%)`,
			digits: 1,
			benchmark: { level: comparison.benchmark, ...benchmarkOf(comparison), value: target === null ? null : 100 * target },
			notes: [],
			method: 'practice_funnels'
		},
		candidates,
		target === null ? null : { kind: 'proportion', target },
		comparison
	);
}

/**
 * GP appointments avoided per person from practiceGpUse rows of the whole ICB and gpUseByCohort
 * rows of the benchmark area. With a comparison cohort of 8 or more, the benchmark's comparison
 * fall is subtracted from every practice and from the benchmark (difference-in-differences
 * against the area's comparison cohort): the scale moves, positions do not.
 */
export function avoidedFunnel(rows: Row[], benchmarkRows: Row[], comparison: Comparison): IndicatorFunnel {
	const people = suppressPracticeCounts(rows.map((r) => ({ practice_code: text(r, 'practice_code')!, pcn_code: text(r, 'pcn_code')!, value: count(r, 'eligible') })));
	const cohort = (name: string) => benchmarkRows.find((r) => text(r, 'cohort') === name);
	const referred = cohort('referred');
	const comparisonRow = cohort('comparison');
	const nComparison = count(comparisonRow, 'eligible');
	const comparisonMean = disclose({ kind: 'mean', value: num(comparisonRow, 'mean_avoided'), n: nComparison });
	const offset = comparisonMean.value;
	const did = offset !== null;
	const candidates = rows.map((r): Candidate => {
		const code = text(r, 'practice_code')!;
		const n = people.practices.get(code)!;
		const mean = disclose({ kind: 'mean', value: num(r, 'mean_avoided'), n: count(r, 'eligible') });
		const base = { code, name: text(r, 'practice_name') ?? code, pcn: text(r, 'pcn_code')!, numerator: null, denominator: n };
		if (n.value === 0 && !n.suppressed) return { ...base, unit: null, notCompared: 'no_data', reason: 'no one with GP records covering both windows' };
		if (n.value === null || mean.value === null) return { ...base, unit: null, notCompared: 'suppressed' };
		return { ...base, unit: { code, x: n.value, y: mean.value - (offset ?? 0), events: null }, notCompared: null };
	});
	const benchmarkMean = disclose({ kind: 'mean', value: num(referred, 'mean_avoided'), n: count(referred, 'eligible') });
	const sigma = num(referred, 'sd_avoided');
	const target = benchmarkMean.value === null ? null : benchmarkMean.value - (offset ?? 0);
	const where = benchmarkOf(comparison);
	const nShown = disclose({ kind: 'count', value: nComparison }).value;
	return assemble(
		{
			id: 'avoided',
			name: did ? 'GP appointments avoided per person (difference-in-differences)' : 'GP appointments avoided per person (raw before/after)',
			xLabel: 'People with GP records covering both windows',
			yLabel: did ? 'Avoided per person, beyond comparison' : 'Avoided per person (raw)',
			digits: 2,
			benchmark: { level: comparison.benchmark, ...where, value: target },
			notes: did
				? [
						`Difference-in-differences against the ${where.short}'s comparison cohort: each practice's fall in GP appointments (6 months before referral minus 6 after) minus the fall in the ${where.name} comparison cohort (${nShown === null ? 'fewer than 8' : nShown.toLocaleString('en-GB')} people, ${offset!.toFixed(2)} a person). The same amount is taken from every practice and from the benchmark, so it changes the scale, not any practice's position; regression to the mean that differs between practices is not removed.`
					]
				: ['Raw before/after fall: there is no comparison cohort of 8 or more people for this benchmark, so the figures are overstated by regression to the mean (people are often referred when their GP use is unusually high).'],
			method: did ? 'practice_funnels' : 'gp_time_freed'
		},
		candidates,
		target === null || sigma === null ? null : { kind: 'mean', target, sigma },
		comparison
	);
}

/** How many practices sit where, for titles and summaries. */
export function positionCounts(funnel: IndicatorFunnel): { higher: number; lower: number; similar: number; notCompared: number } {
	const c = { higher: 0, lower: 0, similar: 0, notCompared: 0 };
	for (const p of funnel.practices) {
		if (!p.position) c.notCompared++;
		else if (p.position.startsWith('high')) c.higher++;
		else if (p.position.startsWith('low')) c.lower++;
		else c.similar++;
	}
	return c;
}

/** A title stating the funnel's message, e.g. "1 practice higher and 2 lower than the ICB on referral rate; 3 similar". */
export function funnelTitle(funnel: IndicatorFunnel, topic: string): string {
	const c = positionCounts(funnel);
	const compared = c.higher + c.lower + c.similar;
	const b = funnel.benchmark.short;
	if (compared === 0) return `No practice could be compared with the ${b} on ${topic}`;
	const plural = (n: number) => `${n} practice${n === 1 ? '' : 's'}`;
	if (c.higher + c.lower === 0) return `All ${plural(compared)} compared were similar to the ${b} on ${topic}`;
	const parts = [c.higher > 0 ? `${plural(c.higher)} higher` : '', c.lower > 0 ? `${c.higher > 0 ? c.lower : plural(c.lower)} lower` : ''].filter(Boolean);
	return `${parts.join(' and ')} than the ${b} on ${topic}${c.similar > 0 ? `; ${c.similar} similar` : ''}`;
}

/** A one-sentence account of a funnel: practices outside the limits by name, the rest counted. */
export function funnelSummary(funnel: IndicatorFunnel): string {
	const names = (test: (p: PracticeResult) => boolean) =>
		funnel.practices
			.filter(test)
			.map((p) => `${p.name} (outside the ${p.position?.endsWith('998') ? '99.8%' : '95%'} limit)`)
			.join(', ');
	const c = positionCounts(funnel);
	const parts = [
		c.higher > 0 ? `higher: ${names((p) => !!p.position?.startsWith('high'))}` : '',
		c.lower > 0 ? `lower: ${names((p) => !!p.position?.startsWith('low'))}` : '',
		c.similar > 0 ? `${c.similar} similar` : '',
		c.notCompared > 0 ? `${c.notCompared} not compared` : ''
	].filter(Boolean);
	return parts.length > 0 ? `${parts.join('; ')}.` : 'No practices.';
}
