/**
 * Percentages and means as every page shows them: disclosure control first (NHS Digital rule),
 * then the interval from what may be shown.
 */
import { CONFIDENCE_95, disclose, discloseCount, meanIntervalFromSummary, wilsonInterval, type DisclosedValue } from '../metrics/index.js';
import type { ShownInterval } from './overview.js';

/** A disclosed figure with its 95% interval (null when hidden or not computable). */
export interface ShownFigure {
	value: DisclosedValue;
	interval: ShownInterval | null;
}

/**
 * A percentage from the rounded numerator and denominator, with the Wilson interval of those
 * rounded figures (as the Overview does), so nothing on screen is finer than the rounded counts.
 */
export function sharePercent(numerator: number, denominator: number): ShownFigure {
	const value = disclose({ kind: 'percentage', numerator, denominator });
	const n = discloseCount(numerator).value;
	const d = discloseCount(denominator).value;
	if (value.value === null || n === null || !d) return { value, interval: null };
	const w = wilsonInterval(n, d);
	return { value, interval: { lower: 100 * w.lower, upper: 100 * w.upper } };
}

/**
 * A percentage of two cells that have been through secondary suppression (`null` = hidden):
 * hidden when either is, none when the denominator is 0. Wilson interval of the shown counts.
 */
export function percentOfShown(numerator: number | null, denominator: number | null): ShownFigure {
	if (numerator === null || denominator === null) return { value: { value: null, suppressed: 'secondary' }, interval: null };
	if (denominator === 0) return { value: { value: null, suppressed: null }, interval: null };
	const w = wilsonInterval(numerator, denominator);
	return { value: { value: (100 * numerator) / denominator, suppressed: null }, interval: { lower: 100 * w.lower, upper: 100 * w.upper } };
}

/** A mean of `n` people with its t-interval; hidden for 1-7 people, no interval below 2 or without an sd. */
export function shownMean(mean: number | null, sd: number | null, n: number): ShownFigure {
	const value = disclose({ kind: 'mean', value: mean, n });
	if (value.value === null || sd === null || n < 2) return { value, interval: null };
	const i = meanIntervalFromSummary({ n, mean: value.value, sd }, CONFIDENCE_95);
	return { value, interval: { lower: i.lower, upper: i.upper } };
}
