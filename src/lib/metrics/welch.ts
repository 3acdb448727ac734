import { moments, type Moments } from './descriptive.js';
import { assertLevel, CONFIDENCE_95, type Interval } from './interval.js';
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
 * {@link welchDifference} from each group's n, mean and sample standard deviation, for figures
 * aggregated in SQL (DuckDB's avg and stddev_samp) rather than held row by row.
 */
export function welchDifferenceFromSummaries(ma: Moments, mb: Moments, level: number = CONFIDENCE_95): WelchResult {
	assertLevel(level);
	if (ma.mean === null || mb.mean === null || ma.sd === null || mb.sd === null || ma.n < 2 || mb.n < 2) {
		return { interval: null, n_a: ma.n, n_b: mb.n, df: null, se: null };
	}
	const va = (ma.sd * ma.sd) / ma.n;
	const vb = (mb.sd * mb.sd) / mb.n;
	const se = Math.sqrt(va + vb);
	const estimate = ma.mean - mb.mean;
	if (se === 0) {
		// No spread in either group: the difference is known exactly.
		return { interval: { estimate, lower: estimate, upper: estimate, level }, n_a: ma.n, n_b: mb.n, df: ma.n + mb.n - 2, se };
	}
	const df = (va + vb) ** 2 / (va ** 2 / (ma.n - 1) + vb ** 2 / (mb.n - 1));
	const half = tQuantile(0.5 + level / 2, df) * se;
	return { interval: { estimate, lower: estimate - half, upper: estimate + half, level }, n_a: ma.n, n_b: mb.n, df, se };
}
