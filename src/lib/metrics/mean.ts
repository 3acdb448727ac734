import { moments } from './descriptive.js';
import { assertLevel, CONFIDENCE_95, type Interval } from './interval.js';
import { tQuantile } from './student-t.js';
import { assertCount } from './validate.js';

/** A mean with its sample size, standard deviation and t-interval. */
export interface MeanResult {
	n: number;
	mean: number | null;
	sd: number | null;
	/** Null when n < 2 (no standard deviation to build it from). */
	interval: Interval | null;
}

/** Summary inputs of a mean: sample size, mean and sample standard deviation. */
export interface MeanSummaryInput {
	n: number;
	mean: number;
	sd: number;
}

/**
 * Mean with a Student's t interval, mean +/- t(n - 1) s / sqrt(n), as PHEindicatormethods'
 * phe_mean. Warwick recommends this (a t-test on paired scores, at least 30 people) for WEMWBS.
 */
export function meanInterval(values: readonly number[], level: number = CONFIDENCE_95): MeanResult {
	const m = moments(values);
	if (m.mean === null || m.sd === null) return { ...m, interval: null };
	return { ...m, interval: meanIntervalFromSummary({ n: m.n, mean: m.mean, sd: m.sd }, level) };
}

/** The t-interval of {@link meanInterval} from n, mean and sd (n >= 2, sd >= 0). */
export function meanIntervalFromSummary(input: MeanSummaryInput, level: number = CONFIDENCE_95): Interval {
	assertCount(input.n, 'n');
	if (input.n < 2) throw new RangeError(`a t-interval needs n >= 2, got ${input.n}`);
	if (!(input.sd >= 0)) throw new RangeError(`sd must be >= 0, got ${input.sd}`);
	assertLevel(level);
	const half = (tQuantile(0.5 + level / 2, input.n - 1) * input.sd) / Math.sqrt(input.n);
	return { estimate: input.mean, lower: input.mean - half, upper: input.mean + half, level };
}

/**
 * Mean paired change (after minus before, per pair) with its t-interval: the t-interval of the
 * differences. Pairing matters: the mean of all follow-ups minus the mean of all baselines
 * mixes different people.
 */
export function pairedMeanChange(pairs: readonly { before: number; after: number }[], level: number = CONFIDENCE_95): MeanResult {
	return meanInterval(
		pairs.map((p) => p.after - p.before),
		level
	);
}

/**
 * Standardised response mean: mean change / standard deviation of change (Liang et al. 1990).
 * Null when fewer than two changes or when every change is the same (sd 0).
 */
export function standardisedResponseMean(changes: readonly number[]): number | null {
	const m = moments(changes);
	if (m.mean === null || m.sd === null || m.sd === 0) return null;
	return m.mean / m.sd;
}
