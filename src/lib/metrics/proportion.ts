import { CONFIDENCE_95, zFor, type Interval } from './interval.js';
import { assertProportionInputs } from './validate.js';

/** Options of {@link wilsonInterval}. */
export interface ProportionOptions {
	/** Confidence level; default 0.95. */
	level?: number;
	/** Scale of the result: 1 for a proportion, 100 for a percentage; default 1. */
	multiplier?: number;
}

/**
 * Proportion with its Wilson score interval (Newcombe & Altman 2000), as PHEindicatormethods:
 * (2x + z^2 +/- z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)). Missing inputs give null, as PHE's NA.
 * Throws on a negative numerator, a denominator <= 0, or numerator > denominator.
 */
export function wilsonInterval(numerator: number, denominator: number, options?: ProportionOptions): Interval;
export function wilsonInterval(numerator: number | null, denominator: number | null, options?: ProportionOptions): Interval | null;
export function wilsonInterval(numerator: number | null, denominator: number | null, options: ProportionOptions = {}): Interval | null {
	if (numerator === null || denominator === null) return null;
	assertProportionInputs(numerator, denominator);
	const level = options.level ?? CONFIDENCE_95;
	const multiplier = options.multiplier ?? 1;
	const z = zFor(level);
	const x = numerator;
	const n = denominator;
	const centre = 2 * x + z * z;
	const half = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
	const scale = 2 * (n + z * z);
	return {
		estimate: (x / n) * multiplier,
		// At x = 0 the lower limit is 0 and at x = n the upper is 1 exactly; rounding would miss them.
		lower: (x === 0 ? 0 : Math.max(0, (centre - half) / scale)) * multiplier,
		upper: (x === n ? 1 : Math.min(1, (centre + half) / scale)) * multiplier,
		level
	};
}
