import { chiSquareQuantile } from './chi-square.js';
import { assertLevel, CONFIDENCE_95, type Interval } from './interval.js';
import { normalQuantile } from './normal.js';
import { assertNonNegative, assertPositive } from './validate.js';

/** Below this many events PHEindicatormethods (and Fingertips) use exact Poisson limits, else Byar's. */
export const EXACT_POISSON_BELOW = 10;

/** Options of {@link rateInterval}. */
export interface RateOptions {
	/** Confidence level; default 0.95. */
	level?: number;
	/** Rate per this many of the denominator; default 1,000. */
	multiplier?: number;
}

/** A rate interval with the method used. */
export interface RateInterval extends Interval {
	method: 'exact' | 'byars';
}

/** Rates are per 1,000 (patients, people) unless the caller says otherwise. */
export const DEFAULT_RATE_MULTIPLIER = 1000;

/**
 * Crude rate x / n * multiplier with its interval as PHEindicatormethods' phe_rate: exact Poisson
 * limits (chi-square) below 10 events, Byar's approximation from 10. Missing inputs give null.
 */
export function rateInterval(events: number, denominator: number, options?: RateOptions): RateInterval;
export function rateInterval(events: number | null, denominator: number | null, options?: RateOptions): RateInterval | null;
export function rateInterval(events: number | null, denominator: number | null, options: RateOptions = {}): RateInterval | null {
	if (events === null || denominator === null) return null;
	assertNonNegative(events, 'events');
	assertPositive(denominator, 'denominator');
	const level = options.level ?? CONFIDENCE_95;
	const multiplier = options.multiplier ?? DEFAULT_RATE_MULTIPLIER;
	const limits = poissonCountLimits(events, level);
	return {
		estimate: (events / denominator) * multiplier,
		lower: (limits.lower / denominator) * multiplier,
		upper: (limits.upper / denominator) * multiplier,
		level,
		method: limits.method
	};
}

/** Confidence limits for a Poisson count: exact below 10 events, Byar's from 10 (as PHE). */
export function poissonCountLimits(events: number, level: number = CONFIDENCE_95): { lower: number; upper: number; method: 'exact' | 'byars' } {
	return events < EXACT_POISSON_BELOW
		? { ...exactPoissonLimits(events, level), method: 'exact' }
		: { ...byarsLimits(events, level), method: 'byars' };
}

/** Exact Poisson limits of a count: chi2((1-L)/2, 2x) / 2 and chi2((1+L)/2, 2x + 2) / 2 (Garwood 1936). */
export function exactPoissonLimits(events: number, level: number = CONFIDENCE_95): { lower: number; upper: number } {
	assertNonNegative(events, 'events');
	assertLevel(level);
	const alpha = 1 - level;
	return {
		lower: events === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * events) / 2,
		upper: chiSquareQuantile(1 - alpha / 2, 2 * events + 2) / 2
	};
}

/**
 * Byar's approximation to the Poisson limits (Breslow & Day 1987), with the exact normal
 * quantile as PHEindicatormethods: x (1 - 1/(9x) - z/(3 sqrt x))^3 and
 * (x + 1)(1 - 1/(9(x + 1)) + z/(3 sqrt(x + 1)))^3. Where the lower cube goes negative (a
 * count of 1 at 99.8%, never at 10 or more events) PHE returns NA; we return 0, the bound of a count.
 */
export function byarsLimits(events: number, level: number = CONFIDENCE_95): { lower: number; upper: number } {
	assertNonNegative(events, 'events');
	assertLevel(level);
	const z = normalQuantile(0.5 + level / 2);
	const x1 = events + 1;
	return {
		lower: events === 0 ? 0 : Math.max(0, events * (1 - 1 / (9 * events) - z / (3 * Math.sqrt(events))) ** 3),
		upper: x1 * (1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1))) ** 3
	};
}
