/**
 * Warwick's SWEMWBS conversion table, raw total (7-35) to Rasch metric score, index 0 = raw 7.
 * SWEMWBS (c) NHS Health Scotland, University of Warwick and University of Edinburgh; free to
 * use with registration. Analyse change on the metric scale: the raw scale is not interval.
 */
export const SWEMWBS_METRIC_BY_RAW: readonly number[] = [
	7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25,
	19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55, 35.0
];

/** Lowest and highest SWEMWBS raw totals (7 items scored 1-5). */
export const SWEMWBS_RAW_MIN = 7;
/** See {@link SWEMWBS_RAW_MIN}. */
export const SWEMWBS_RAW_MAX = 35;

/** Convert a SWEMWBS raw total (whole number 7-35) to its metric score; throws outside the range. */
export function swemwbsMetric(raw: number): number {
	if (!Number.isInteger(raw) || raw < SWEMWBS_RAW_MIN || raw > SWEMWBS_RAW_MAX) {
		throw new RangeError(`SWEMWBS raw total must be a whole number from 7 to 35, got ${raw}`);
	}
	return SWEMWBS_METRIC_BY_RAW[raw - SWEMWBS_RAW_MIN] as number;
}
