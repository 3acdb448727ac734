import { measureSpec, type Instrument } from '../schema/instruments.js';
import { CONFIDENCE_95, type Interval } from './interval.js';
import { meanInterval, standardisedResponseMean, type MeanResult } from './mean.js';
import { wilsonInterval } from './proportion.js';
import { DEFAULT_CHANGE_THRESHOLDS } from './thresholds.js';

/** One referral's scores for one instrument/measure, as in the published `wellbeing` table. */
export interface WellbeingRecord {
	baseline_value: number | null;
	follow_up_value: number | null;
	/** Improvement-positive paired change; null unless the referral has a pair. */
	change: number | null;
}

/** Options of {@link summariseWellbeing}. */
export interface WellbeingOptions {
	instrument: Instrument;
	measure: string;
	/** Meaningful change in points; default from DEFAULT_CHANGE_THRESHOLDS. */
	threshold?: number;
	/** Confidence level of every interval; default 0.95. */
	level?: number;
}

/** A count with its share of the pairs and the share's Wilson interval. */
export interface ShareResult {
	count: number;
	/** Null when there are no pairs. */
	interval: Interval | null;
}

/** Summary of one instrument/measure for a set of referrals. */
export interface WellbeingSummary {
	instrument: Instrument;
	measure: string;
	higher_is_better: boolean;
	threshold: number;
	n_baseline: number;
	n_follow_up: number;
	n_paired: number;
	/** Means over paired referrals only, so baseline, follow-up and change describe the same people. */
	baseline: MeanResult;
	follow_up: MeanResult;
	/** Mean improvement-positive change with its t-interval. */
	change: MeanResult;
	/** Standardised response mean of the change; null with fewer than 2 pairs or no spread. */
	srm: number | null;
	improved: ShareResult;
	worse: ShareResult;
}

/**
 * Scores such as SWEMWBS metric points differ by amounts like 1.0699999999999985; a tolerance
 * far below any real difference keeps "at least the threshold" honest. Exported so that
 * aggregations done elsewhere (the pipeline's SQL) classify change exactly as this module does.
 */
export const CHANGE_TOLERANCE = 1e-9;

/**
 * Summarise wellbeing for one instrument/measure: how many referrals have a baseline, a
 * follow-up and a pair; mean baseline and follow-up of the pairs; mean paired change with its
 * t-interval; SRM; and the shares improved / worse by at least the meaningful change, each with
 * a Wilson interval. A referral is a pair when its `change` is present (the pipeline sets it only
 * for a baseline followed by a later follow-up).
 */
export function summariseWellbeing(rows: readonly WellbeingRecord[], options: WellbeingOptions): WellbeingSummary {
	const spec = measureSpec(options.instrument, options.measure);
	if (!spec) throw new RangeError(`unknown instrument/measure ${options.instrument}/${options.measure}`);
	const level = options.level ?? CONFIDENCE_95;
	const threshold = options.threshold ?? DEFAULT_CHANGE_THRESHOLDS[options.instrument].points;
	if (!(threshold > 0)) throw new RangeError(`threshold must be > 0, got ${threshold}`);

	const pairs = rows.filter((r) => r.change !== null);
	const changes = pairs.map((r) => r.change as number);
	const pairedBaselines = pairs.map((r) => r.baseline_value).filter((v): v is number => v !== null);
	const pairedFollowUps = pairs.map((r) => r.follow_up_value).filter((v): v is number => v !== null);
	const improved = changes.filter((c) => c >= threshold - CHANGE_TOLERANCE).length;
	const worse = changes.filter((c) => c <= -threshold + CHANGE_TOLERANCE).length;
	const share = (count: number): ShareResult => ({
		count,
		interval: pairs.length > 0 ? wilsonInterval(count, pairs.length, { level }) : null
	});

	return {
		instrument: options.instrument,
		measure: options.measure,
		higher_is_better: spec.higher_is_better,
		threshold,
		n_baseline: rows.filter((r) => r.baseline_value !== null).length,
		n_follow_up: rows.filter((r) => r.follow_up_value !== null).length,
		n_paired: pairs.length,
		baseline: meanInterval(pairedBaselines, level),
		follow_up: meanInterval(pairedFollowUps, level),
		change: meanInterval(changes, level),
		srm: standardisedResponseMean(changes),
		improved: share(improved),
		worse: share(worse)
	};
}
