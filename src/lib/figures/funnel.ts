/**
 * Funnel plots from disclosed figures (Spiegelhalter 2005): limits around a benchmark at each
 * denominator, widened for over-dispersion when the statistics layer finds it, and each unit's
 * position against the limits at its own denominator. Three kinds: a rate per 1,000 (exact
 * Poisson limits, as a ratio to the benchmark rate), a proportion and a mean.
 */
import {
	dispersionRatio,
	funnelPosition,
	inflateLimits,
	meanFunnelLimits,
	meanZScore,
	proportionFunnelLimits,
	proportionZScore,
	ratioFunnelLimits,
	ratioZScore,
	type Dispersion,
	type FunnelLimits,
	type FunnelPosition
} from '../metrics/index.js';

/** What a funnel compares, with its target (the benchmark's value). */
export type FunnelModel =
	/** Events per `multiplier` of the denominator per year over `years`; x = the denominator (e.g. patients). */
	| { kind: 'rate'; target: number; years: number; multiplier: number }
	/** A proportion (0-1); x = the denominator. */
	| { kind: 'proportion'; target: number }
	/** A mean with the benchmark's standard deviation `sigma`; x = people. */
	| { kind: 'mean'; target: number; sigma: number };

/** A unit as disclosed: x the denominator, y the indicator, `events` the (rounded) numerator of rates and proportions. */
export interface FunnelUnit {
	code: string;
	x: number;
	y: number;
	events: number | null;
}

/** Over-dispersion as found among the benchmark's units, and whether the limits were widened. */
export interface FunnelDispersion extends Dispersion {
	applied: boolean;
}

/** A funnel fitted to a benchmark: its limits at any x and the positions of units. */
export interface FittedFunnel {
	model: FunnelModel;
	/** Null when no unit of the benchmark had a z-score (then nothing is widened). */
	dispersion: FunnelDispersion | null;
	/** The limits at a denominator, widened by sqrt(phi) when over-dispersed. */
	limitsAt(x: number): FunnelLimits;
	position(unit: FunnelUnit): FunnelPosition;
}

/** Limit lines over a range of denominators, for drawing. */
export interface FunnelCurve {
	x: number[];
	lower95: number[];
	upper95: number[];
	lower998: number[];
	upper998: number[];
}

/**
 * Fit a funnel: φ from the z-scores of `benchmarkUnits` (the units the benchmark pools, e.g. every
 * practice of the ICB), limits widened by sqrt(φ) when φ > 1. Null when the benchmark leaves no
 * funnel to draw: a rate of 0, a proportion of 0 or 1, a mean with no spread.
 */
export function fitFunnel(model: FunnelModel, benchmarkUnits: readonly FunnelUnit[]): FittedFunnel | null {
	if (!usable(model)) return null;
	const z = benchmarkUnits.map((u) => zScore(model, u)).filter(Number.isFinite);
	const found = z.length > 0 ? dispersionRatio(z) : null;
	const dispersion = found ? { ...found, applied: found.overdispersed } : null;
	const inflation = { inflation: dispersion?.applied ? dispersion.inflation : 1 };
	const limitsAt = (x: number) => inflateLimits(rawLimits(model, x), model.target, inflation, model.kind === 'proportion' ? [0, 1] : model.kind === 'rate' ? [0, Infinity] : [-Infinity, Infinity]);
	return { model, dispersion, limitsAt, position: (u) => funnelPosition(u.y, limitsAt(u.x)) };
}

/** The limit lines from `from` to `to` (x > 0), spaced evenly on a square-root scale where they bend most. */
export function funnelCurve(funnel: FittedFunnel, from: number, to: number, steps = 80): FunnelCurve {
	const a = Math.sqrt(Math.max(from, 1e-9));
	const b = Math.sqrt(Math.max(to, from));
	const curve: FunnelCurve = { x: [], lower95: [], upper95: [], lower998: [], upper998: [] };
	for (let i = 0; i <= steps; i++) {
		const x = (a + ((b - a) * i) / steps) ** 2;
		const l = funnel.limitsAt(x);
		curve.x.push(x);
		curve.lower95.push(l.lower95);
		curve.upper95.push(l.upper95);
		curve.lower998.push(l.lower998);
		curve.upper998.push(l.upper998);
	}
	return curve;
}

/** Expected events of a rate unit at the target rate. */
function expected(model: Extract<FunnelModel, { kind: 'rate' }>, x: number): number {
	return (model.target * x * model.years) / model.multiplier;
}

function usable(model: FunnelModel): boolean {
	if (!Number.isFinite(model.target)) return false;
	if (model.kind === 'rate') return model.target > 0 && model.years > 0;
	if (model.kind === 'proportion') return model.target > 0 && model.target < 1;
	return model.sigma > 0;
}

function rawLimits(model: FunnelModel, x: number): FunnelLimits {
	if (model.kind === 'rate') return ratioFunnelLimits(expected(model, x), model.target);
	if (model.kind === 'proportion') return proportionFunnelLimits(model.target, x);
	return meanFunnelLimits(model.target, model.sigma, x);
}

function zScore(model: FunnelModel, u: FunnelUnit): number {
	if (!(u.x > 0)) return NaN;
	if (model.kind === 'rate') return u.events === null ? NaN : ratioZScore(u.events, expected(model, u.x));
	if (model.kind === 'proportion') return u.events === null ? NaN : proportionZScore(u.events, u.x, model.target);
	return meanZScore(u.y, model.target, model.sigma, u.x);
}
