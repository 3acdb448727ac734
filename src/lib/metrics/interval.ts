import { normalQuantile } from './normal.js';

/** An estimate with a two-sided confidence interval. */
export interface Interval {
	estimate: number;
	lower: number;
	upper: number;
	/** Confidence level, e.g. 0.95. */
	level: number;
}

/** The confidence levels Signpost reports: 95% for intervals and benchmarks, 99.8% for funnels. */
export const CONFIDENCE_95 = 0.95;
/** Outer funnel limit: 99.8%, about three standard errors (Spiegelhalter 2005). */
export const CONFIDENCE_998 = 0.998;

/**
 * Normal multipliers exactly as PHEindicatormethods, Fingertips and FunnelPlotR write them, so
 * that our limits match theirs to the last published digit.
 */
export const Z_95 = 1.959964;
/** See {@link Z_95}. */
export const Z_998 = 3.090232;

/** Two-sided normal multiplier for a confidence level: the published constants for 95% and 99.8%. */
export function zFor(level: number): number {
	assertLevel(level);
	if (level === CONFIDENCE_95) return Z_95;
	if (level === CONFIDENCE_998) return Z_998;
	return normalQuantile(0.5 + level / 2);
}

/** Throws unless 0 < level < 1. */
export function assertLevel(level: number): void {
	if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be between 0 and 1, got ${level}`);
}

/** True when the interval contains `value` (ends included). */
export function contains(interval: Pick<Interval, 'lower' | 'upper'>, value: number): boolean {
	return interval.lower <= value && value <= interval.upper;
}
