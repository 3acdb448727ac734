import { assertNonNegative } from './validate.js';

/** Smallest and largest count that is suppressed (NHS Digital: 1-7; 0 is shown). */
export const SUPPRESS_FROM = 1;
/** See {@link SUPPRESS_FROM}. */
export const SUPPRESS_TO = 7;
/** Counts of 8 or more are rounded to the nearest multiple of this. */
export const ROUND_TO = 5;

/** Why a figure is hidden: a count of 1-7, a statistic of 1-7 people, or to protect another cell. */
export type SuppressionReason = 'small_count' | 'small_base' | 'secondary';

/** A figure after disclosure control: `value` null when suppressed (or not computable). */
export interface DisclosedValue {
	value: number | null;
	suppressed: SuppressionReason | null;
}

/** A figure to publish below national level. */
export type Figure =
	| { kind: 'count'; value: number }
	/** A total: rounded from the sum of its unrounded parts, never from rounded parts. */
	| { kind: 'total'; parts: readonly number[] }
	/** A percentage, computed from the rounded numerator and denominator. */
	| { kind: 'percentage'; numerator: number; denominator: number }
	/** A mean or median: suppressed when based on 1-7 people. */
	| { kind: 'mean' | 'median'; value: number | null; n: number };

/**
 * NHS Digital's disclosure rule (HES and other publications since 2018): 0 stays 0; 1-7 is
 * suppressed; other counts are rounded to the nearest 5; totals are rounded from unrounded
 * sums; percentages come from the rounded figures; a mean or median of 1-7 people is suppressed.
 */
export function disclose(figure: Figure): DisclosedValue {
	switch (figure.kind) {
		case 'count':
			return discloseCount(figure.value);
		case 'total':
			return discloseCount(figure.parts.reduce((s, p) => (assertNonNegative(p, 'part'), s + p), 0));
		case 'percentage':
			return disclosePercentage(figure.numerator, figure.denominator);
		case 'mean':
		case 'median':
			return discloseStatistic(figure.value, figure.n);
	}
}

/** One count under the rule: 0 -> 0, 1-7 -> suppressed, else the nearest multiple of 5. */
export function discloseCount(count: number): DisclosedValue {
	if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a whole number >= 0, got ${count}`);
	if (count >= SUPPRESS_FROM && count <= SUPPRESS_TO) return { value: null, suppressed: 'small_count' };
	return { value: roundToFive(count), suppressed: null };
}

/** Nearest multiple of 5 (whole-number counts never sit halfway). */
export function roundToFive(count: number): number {
	return Math.round(count / ROUND_TO) * ROUND_TO;
}

function disclosePercentage(numerator: number, denominator: number): DisclosedValue {
	if (numerator > denominator) throw new RangeError(`numerator (${numerator}) must not be greater than denominator (${denominator})`);
	const num = discloseCount(numerator);
	const den = discloseCount(denominator);
	if (num.suppressed || den.suppressed) return { value: null, suppressed: 'small_count' };
	if (den.value === 0 || den.value === null || num.value === null) return { value: null, suppressed: null };
	return { value: (100 * num.value) / den.value, suppressed: null };
}

function discloseStatistic(value: number | null, n: number): DisclosedValue {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
	if (n >= SUPPRESS_FROM && n <= SUPPRESS_TO) return { value: null, suppressed: 'small_base' };
	return { value: n === 0 ? null : value, suppressed: null };
}
