import { moments, type Moments } from './descriptive.js';
import { assertLevel, CONFIDENCE_95, type Interval } from './interval.js';
import type { MeanSummaryInput } from './mean.js';
import { tQuantile } from './student-t.js';

/** Difference of two independent means with its Welch interval. */
export interface WelchResult {
	/** Mean of `a` minus mean of `b`, with its interval; null when either group has fewer than 2. */
	interval: Interval | null;
	n_a: number;
	n_b: number;
	/** Welch-Satterthwaite degrees of freedom (null with no interval). */
	df: number | null;
	/** Standard error of the difference (null with no interval). */
	se: number | null;
}

/**
 * Mean of `a` minus mean of `b` with Welch's unequal-variance t-interval (Welch 1947):
 * se = sqrt(s_a^2/n_a + s_b^2/n_b), df by Welch-Satterthwaite. Needs 2 or more in each group.
 */
export function welchDifference(a: readonly number[], b: readonly number[], level: number = CONFIDENCE_95): WelchResult {
	return welchDifferenceFromSummaries(moments(a), moments(b), level);
}

/**
 * {@link welchDifference} from moments that may be incomplete (no interval when either group has
 * fewer than 2 values): for figures aggregated in SQL (DuckDB's avg and stddev_samp).
 */
export function welchDifferenceFromSummaries(ma: Moments, mb: Moments, level: number = CONFIDENCE_95): WelchResult {
	assertLevel(level);
	if (ma.mean === null || mb.mean === null || ma.sd === null || mb.sd === null || ma.n < 2 || mb.n < 2) {
		return { interval: null, n_a: ma.n, n_b: mb.n, df: null, se: null };
	}
	return welchDifferenceFromSummary({ n: ma.n, mean: ma.mean, sd: ma.sd }, { n: mb.n, mean: mb.mean, sd: mb.sd }, level);
}

/**
 * {@link welchDifference} from each group's n, mean and sample sd (for figures aggregated
 * elsewhere, e.g. in SQL). Needs n >= 2 in each group.
 */
export function welchDifferenceFromSummary(a: MeanSummaryInput, b: MeanSummaryInput, level: number = CONFIDENCE_95): WelchResult {
	assertLevel(level);
	for (const g of [a, b]) {
		if (!Number.isInteger(g.n) || g.n < 2) throw new RangeError(`a Welch interval needs n >= 2 in each group, got ${g.n}`);
		if (!(g.sd >= 0)) throw new RangeError(`sd must be >= 0, got ${g.sd}`);
	}
	const va = (a.sd * a.sd) / a.n;
	const vb = (b.sd * b.sd) / b.n;
	const se = Math.sqrt(va + vb);
	const estimate = a.mean - b.mean;
	if (se === 0) {
		// No spread in either group: the difference is known exactly.
		return { interval: { estimate, lower: estimate, upper: estimate, level }, n_a: a.n, n_b: b.n, df: a.n + b.n - 2, se };
	}
	const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
	const half = tQuantile(0.5 + level / 2, df) * se;
	return { interval: { estimate, lower: estimate - half, upper: estimate + half, level }, n_a: a.n, n_b: b.n, df, se };
}
