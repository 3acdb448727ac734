/**
 * One row's figures from disclosed counts and unrounded statistics, through the statistics
 * layer: counts, shares (Wilson), rates (exact/Byar), means (t), medians, differences (Welch),
 * with what was suppressed and why, and the Fingertips comparison with the parent's value.
 */
import {
	benchmarkLabel,
	CONFIDENCE_95,
	CONFIDENCE_998,
	disclose,
	meanIntervalFromSummary,
	rateInterval,
	welchDifferenceFromSummary,
	wilsonInterval,
	type Interval
} from '../../../src/lib/metrics/index.js';
import { VALUE_DECIMALS, type IndicatorPolarity } from '../../../src/lib/schema/index.js';
import type { Registry } from './registry.js';

/** The numbers of one row. */
export interface Figure {
	numerator: number | null;
	denominator: number | null;
	value: number | null;
	lower_95: number | null;
	upper_95: number | null;
	lower_99_8: number | null;
	upper_99_8: number | null;
	suppressed: string;
}

/** Unrounded mean and sd of n values (sd null below 2). */
export interface Stats {
	n: number;
	mean: number | null;
	sd: number | null;
}

const SECONDARY: Record<string, string> = {
	area: 'protects a suppressed sibling area',
	period: 'protects a suppressed sibling period',
	group: 'protects a suppressed sibling group',
	linked: 'protects a suppressed cell that totals across tables would reveal'
};

const round = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(VALUE_DECIMALS)) + 0);

const empty = (): Figure => ({ numerator: null, denominator: null, value: null, lower_95: null, upper_95: null, lower_99_8: null, upper_99_8: null, suppressed: '' });

/** Read disclosed counts and build figures. */
export class Figures {
	constructor(private readonly registry: Registry) {}

	/** A disclosed count and, when hidden, why ('primary: 1-7 people'). */
	cell(id: string, noun: string): { shown: number | null; why: string } {
		const r = this.registry.get(id);
		if (r.shown !== null) return { shown: r.shown, why: '' };
		return { shown: null, why: r.suppressed === 'secondary' ? `secondary: ${SECONDARY[r.because ?? 'linked'] ?? SECONDARY.linked}` : `primary: 1-7 ${noun}` };
	}

	/** A count: numerator and value are the disclosed count. */
	count(id: string, noun: string): Figure {
		const c = this.cell(id, noun);
		return { ...empty(), numerator: c.shown, value: c.shown, suppressed: c.why };
	}

	/** A percentage from the rounded numerator and denominator, with Wilson limits from them too. */
	share(numId: string, denId: string, noun: string): Figure {
		const n = this.cell(numId, noun);
		const d = this.cell(denId, noun);
		const f = { ...empty(), numerator: n.shown, denominator: d.shown };
		if (n.shown === null || d.shown === null) return { ...f, suppressed: both(n.why, d.why) };
		if (d.shown === 0) return f;
		return withLimits(f, (level) => wilsonInterval(n.shown!, d.shown!, { level, multiplier: 100 }));
	}

	/** A rate per 1,000 from the rounded count and a (public) population. */
	rate(numId: string, population: number | null, noun: string): Figure {
		const n = this.cell(numId, noun);
		const f = { ...empty(), numerator: n.shown, denominator: population };
		if (n.shown === null) return { ...f, suppressed: both(n.why, '') };
		if (population === null || population <= 0) return f;
		return withLimits(f, (level) => rateInterval(n.shown!, population, { level, multiplier: 1000 }));
	}

	/** A mean of the people counted by `nId`, with t limits; hidden whenever that count is. */
	mean(nId: string, s: Stats, noun: string): Figure {
		const gate = this.statisticGate(nId, s, 'mean', noun);
		if (gate.hidden || s.mean === null) return gate.figure;
		if (s.n < 2 || s.sd === null) return { ...gate.figure, value: round(s.mean) };
		return withLimits(gate.figure, (level) => meanIntervalFromSummary({ n: s.n, mean: s.mean!, sd: s.sd! }, level));
	}

	/** A median of the people counted by `nId` (no interval); hidden whenever that count is. */
	median(nId: string, n: number, median: number | null, noun: string): Figure {
		const gate = this.statisticGate(nId, { n, mean: median, sd: null }, 'median', noun);
		if (gate.hidden || median === null) return gate.figure;
		return { ...gate.figure, value: round(median) };
	}

	/** Mean of `a` minus mean of `b` with a Welch interval; hidden when either group's count is. */
	difference(aId: string, a: Stats, bId: string, b: Stats, noun: string): Figure {
		const ga = this.cell(aId, noun);
		const gb = this.cell(bId, noun);
		if (ga.shown === null || gb.shown === null) return { ...empty(), suppressed: [ga.why && `referred ${ga.why}`, gb.why && `comparison ${gb.why}`].filter(Boolean).join('; ') };
		if (a.n < 2 || b.n < 2 || a.mean === null || b.mean === null || a.sd === null || b.sd === null) return empty();
		return withLimits(empty(), (level) => welchDifferenceFromSummary({ n: a.n, mean: a.mean!, sd: a.sd! }, { n: b.n, mean: b.mean!, sd: b.sd! }, level).interval!);
	}

	private statisticGate(nId: string, s: Stats, kind: 'mean' | 'median', noun: string): { hidden: boolean; figure: Figure } {
		const c = this.cell(nId, noun);
		const figure = { ...empty(), denominator: c.shown };
		if (c.shown !== null) return { hidden: false, figure };
		const primary = disclose({ kind, value: s.mean, n: s.n }).suppressed === 'small_base';
		return { hidden: true, figure: { ...figure, suppressed: primary ? `primary: ${kind} of 1-7 ${noun}` : `${c.why.replace(/^secondary: /, 'secondary: base count suppressed; ')}` } };
	}
}

/** Scale a figure (value and limits) by a factor, e.g. per-person to total hours; keeps the rest. */
export function scaled(f: Figure, factor: number | null): Figure {
	if (factor === null) return { ...f, value: null, lower_95: null, upper_95: null, lower_99_8: null, upper_99_8: null };
	const s = (x: number | null) => (x === null ? null : round(x * factor));
	return { ...f, value: s(f.value), lower_95: s(f.lower_95), upper_95: s(f.upper_95), lower_99_8: s(f.lower_99_8), upper_99_8: s(f.upper_99_8) };
}

/** Round a value to the published decimals. */
export function rounded(x: number | null): number | null {
	return round(x);
}

/** Fingertips label of a row against its parent's published value. */
export function comparison(f: Figure, parent: Figure | undefined, polarity: IndicatorPolarity, comparable: boolean): string {
	if (!comparable || !parent || f.lower_95 === null || f.upper_95 === null) return 'Not compared';
	const label = benchmarkLabel({ lower: f.lower_95, upper: f.upper_95 }, parent.value, polarity);
	return label === 'not_compared' ? 'Not compared' : label[0]!.toUpperCase() + label.slice(1);
}

function withLimits(f: Figure, at: (level: number) => Interval | null): Figure {
	const a = at(CONFIDENCE_95);
	const b = at(CONFIDENCE_998);
	if (!a) return f;
	return { ...f, value: round(a.estimate), lower_95: round(a.lower), upper_95: round(a.upper), lower_99_8: round(b?.lower ?? null), upper_99_8: round(b?.upper ?? null) };
}

function both(numerator: string, denominator: string): string {
	return [numerator && `numerator ${numerator}`, denominator && `denominator ${denominator}`].filter(Boolean).join('; ');
}
