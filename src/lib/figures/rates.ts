/** Rates per 1,000 registered patients as every page shows them. */
import type { Filters } from '../filters/filters.js';
import { formatNumber } from '../charts/table.js';
import { rateInterval, type DisclosedValue } from '../metrics/index.js';
import type { ShownInterval } from './overview.js';

/** What a rate is per, as axes, captions and subtitles say it: annualised when the period is not a year. */
export function rateLabel(months: number): string {
	return months !== 12 ? 'Referrals per 1,000 patients a year (annualised)' : 'Referrals per 1,000 patients';
}

/** The lowest and highest of at least two shown rates (between equal rates, the first given is the lowest and the last the highest), else null. */
export function rateRange<T extends { rate: DisclosedValue }>(rates: readonly T[]): { low: T; high: T } | null {
	const shown = rates.filter((r) => r.rate.value !== null).sort((a, b) => a.rate.value! - b.rate.value!);
	return shown.length > 1 ? { low: shown[0]!, high: shown[shown.length - 1]! } : null;
}

/** A rate chart's title stating its range ("Referral rates ranged from …"), else `fallback`. */
export function rateRangeTitle(range: { low: { name: string; rate: DisclosedValue }; high: { name: string; rate: DisclosedValue } } | null, fallback: string): string {
	return range
		? `Referral rates ranged from ${formatNumber(range.low.rate.value!, 1)} (${range.low.name}) to ${formatNumber(range.high.rate.value!, 1)} (${range.high.name}) per 1,000 patients`
		: fallback;
}

/** What every figure per registered patient says of its denominator. */
export const DENOMINATOR_NOTE =
	'Registered patients are all patients of the practices whatever people or referral filters are chosen: the list-size file holds practice totals only.';

/** The denominator note for a figure that shows it only when people or referral filters are set (the Overview). */
export function denominatorNotes(filters: Filters): string[] {
	const subset = filters.age.length + filters.sex.length + filters.eth.length + filters.imd.length + filters.need.length + filters.src.length > 0;
	return subset ? [DENOMINATOR_NOTE] : [];
}

/**
 * A disclosed count as a rate per 1,000 patients with its exact / Byar's interval, computed from
 * the rounded count and annualised (× 12 / months) when the period is not a year. No rate when
 * the count is hidden or there is no list size; a hidden count keeps its suppression reason.
 */
export function annualisedRate(count: DisclosedValue, patients: number | null, months: number): { rate: DisclosedValue; interval: ShownInterval | null } {
	const scale = 12 / months;
	const ri = count.value !== null && patients !== null && patients > 0 ? rateInterval(count.value, patients) : null;
	return ri
		? { rate: { value: ri.estimate * scale, suppressed: null }, interval: { lower: ri.lower * scale, upper: ri.upper * scale } }
		: { rate: { value: null, suppressed: count.suppressed }, interval: null };
}
