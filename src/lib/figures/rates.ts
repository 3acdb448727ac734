/** Rates per 1,000 registered patients as every page shows them. */
import { rateInterval, type DisclosedValue } from '../metrics/index.js';
import type { ShownInterval } from './overview.js';

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
