/**
 * The GP time freed page's costing assumptions, kept in its URL (`min`, `gbp`, `py`): minutes
 * per appointment, cost per appointment and the price year of that cost. Pure: parsing,
 * validation with a message a person can act on, and the URL form.
 */
import { DEFAULT_MINUTES_PER_APPOINTMENT, DEFAULT_PRICE_YEAR, DEFAULT_UNIT_COST_GBP } from '../metrics/gp-use.js';
import { financialYearStart } from '../filters/period.js';

/** The assumptions behind GP hours and cost. */
export interface Assumptions {
	minutes: number;
	unitCost: number;
	/** Financial year of the unit cost's prices, e.g. '2024/25'. */
	priceYear: string;
}

/** One assumption. */
export type AssumptionField = keyof Assumptions;

/** PSSRU defaults (src/lib/metrics/gp-use.ts). */
export const DEFAULT_ASSUMPTIONS: Readonly<Assumptions> = Object.freeze({
	minutes: DEFAULT_MINUTES_PER_APPOINTMENT,
	unitCost: DEFAULT_UNIT_COST_GBP,
	priceYear: DEFAULT_PRICE_YEAR
});

/** The URL parameter of each assumption. */
export const ASSUMPTION_PARAMS: Readonly<Record<AssumptionField, string>> = { minutes: 'min', unitCost: 'gbp', priceYear: 'py' };

/** Accepted ranges: wide enough for any published costing, narrow enough to catch a slip. */
export const MINUTES_RANGE = { min: 1, max: 60 } as const;
/** See {@link MINUTES_RANGE}. */
export const UNIT_COST_RANGE = { min: 1, max: 1000 } as const;

/** A typed value checked: the value, or why it cannot be used. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const NUMBER = /^\d+(\.\d{1,2})?$/;

/** Minutes per appointment: a number from 1 to 60 with up to two decimals (e.g. 9.22). */
export function checkMinutes(text: string): Checked<number> {
	const t = text.trim();
	const v = Number(t);
	if (!NUMBER.test(t) || v < MINUTES_RANGE.min || v > MINUTES_RANGE.max) {
		return { ok: false, message: `Minutes per appointment must be a number from ${MINUTES_RANGE.min} to ${MINUTES_RANGE.max} (up to two decimals, e.g. 9.22).` };
	}
	return { ok: true, value: v };
}

/** Cost per appointment in pounds: from 1 to 1,000 with up to two decimals (pence). */
export function checkUnitCost(text: string): Checked<number> {
	const t = text.trim().replace(/^£/, '');
	const v = Number(t);
	if (!NUMBER.test(t) || v < UNIT_COST_RANGE.min || v > UNIT_COST_RANGE.max) {
		return { ok: false, message: `Cost per appointment must be an amount in pounds from ${UNIT_COST_RANGE.min} to ${UNIT_COST_RANGE.max.toLocaleString('en-GB')} (up to two decimals, e.g. 42.50).` };
	}
	return { ok: true, value: v };
}

/** Price year: a financial year written 2024/25 (or 2024-25, as in the URL). */
export function checkPriceYear(text: string): Checked<string> {
	const t = text.trim().replace('-', '/');
	const start = financialYearStart(t);
	if (start === null || start < 2000 || start > 2099) return { ok: false, message: 'Price year must be a financial year written like 2024/25.' };
	return { ok: true, value: t };
}

const CHECKS = { minutes: checkMinutes, unitCost: checkUnitCost, priceYear: checkPriceYear } as const;

/** Check one assumption as typed. */
export function checkAssumption<F extends AssumptionField>(field: F, text: string): Checked<Assumptions[F]> {
	return CHECKS[field](text) as Checked<Assumptions[F]>;
}

/** A value from the URL that could not be used. */
export interface AssumptionProblem {
	field: AssumptionField;
	given: string;
	message: string;
}

/** The assumptions in the URL: each missing or invalid one is the default, and invalid ones are reported. */
export function parseAssumptions(params: URLSearchParams): { assumptions: Assumptions; problems: AssumptionProblem[] } {
	const assumptions: Assumptions = { ...DEFAULT_ASSUMPTIONS };
	const problems: AssumptionProblem[] = [];
	for (const field of Object.keys(ASSUMPTION_PARAMS) as AssumptionField[]) {
		const given = params.get(ASSUMPTION_PARAMS[field]);
		if (given === null) continue;
		const checked = checkAssumption(field, given);
		if (checked.ok) (assumptions as Record<AssumptionField, number | string>)[field] = checked.value;
		else problems.push({ field, given, message: checked.message });
	}
	return { assumptions, problems };
}

/** An assumption's URL value; null (leave it out) when it is the default. */
export function assumptionParam(field: AssumptionField, value: number | string): string | null {
	if (value === DEFAULT_ASSUMPTIONS[field]) return null;
	return field === 'priceYear' ? String(value).replace('/', '-') : String(value);
}
