import { CONFIDENCE_95, type Interval } from './interval.js';
import { meanInterval, type MeanResult } from './mean.js';
import { welchDifference, type WelchResult } from './welch.js';

/** One person's GP appointments around the index date, as in the published `gp_use` table. */
export interface GpUseRecord {
	appts_before: number | null;
	appts_after: number | null;
	/** The GP record covers all 2W months; only covered people count. */
	covered: boolean;
}

/** Minutes of GP time per appointment: PSSRU Unit Costs of Health and Social Care 2023 onwards (earlier editions 9.22). */
export const DEFAULT_MINUTES_PER_APPOINTMENT = 10;
/** Cost of a GP consultation in GBP: PSSRU Unit Costs of Health and Social Care 2025 manual, 2024/25 prices. */
export const DEFAULT_UNIT_COST_GBP = 40;
/** Price year of {@link DEFAULT_UNIT_COST_GBP}. */
export const DEFAULT_PRICE_YEAR = '2024/25';
/** Months in each window before and after the index month (12 also allowed). */
export const DEFAULT_WINDOW_MONTHS = 6;
/**
 * Frequent attender: at least this many GP appointments in 6 months before the index month
 * (scaled with the window: 16 in 12 months). A fixed count, not a quintile of the cohort, so the
 * same people count as frequent in every area and in the referred and comparison cohorts alike.
 * 8 in 6 months is about 16 a year, roughly three times the average consultation rate; frequent
 * attendance is usually defined as the top decile of attenders (a Signpost convention, settable;
 * not a validated threshold).
 */
export const DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS = 8;

/** Regression to the mean: shown beside every raw before/after figure. */
export const REGRESSION_TO_THE_MEAN_CAVEAT =
	'People are often referred when their GP use is unusually high, and high use tends to fall back on its own (regression to the mean), so a raw before/after fall overstates the effect of social prescribing. In City & Hackney referred patients went from 10.0 to 8.6 GP consultations while matched controls went from 3.9 to 4.3 (Carnes et al. 2017). Prefer the difference-in-differences figure where a comparison cohort exists.';

/** Options of {@link summariseGpUse}. */
export interface GpUseOptions {
	minutesPerAppointment?: number;
	unitCostGbp?: number;
	priceYear?: string;
	windowMonths?: number;
	/** Appointments in the before-window from which a person is a frequent attender; default scales 8 per 6 months. */
	frequentAttenderFrom?: number;
	level?: number;
}

/** Before/after GP use of a group of eligible people. */
export interface GpUseGroup {
	eligible: number;
	appts_before: number;
	appts_after: number;
	avoided_total: number;
	/** Appointments avoided per person (before minus after) with its t-interval. */
	avoided_per_person: MeanResult;
	gp_hours_freed: number;
	/** GP hours freed: the per-person interval times the people, in hours. */
	gp_hours_interval: Interval | null;
	cost_gbp: number;
}

/** Result of {@link summariseGpUse}: everyone, frequent attenders and others. */
export interface GpUseSummary extends GpUseGroup {
	people: number;
	minutes_per_appointment: number;
	unit_cost_gbp: number;
	price_year: string;
	window_months: number;
	frequent_attender_from: number;
	frequent: GpUseGroup;
	other: GpUseGroup;
	caveat: string;
}

/**
 * Raw before/after GP use of a cohort: eligible people (covered, both counts present),
 * appointments, appointments avoided in total and per person (95% t-interval), GP hours freed
 * and their cost, split into frequent attenders and others. Carries the regression-to-the-mean
 * caveat; see {@link differenceInDifferences} for the headline.
 */
export function summariseGpUse(rows: readonly GpUseRecord[], options: GpUseOptions = {}): GpUseSummary {
	const minutes = options.minutesPerAppointment ?? DEFAULT_MINUTES_PER_APPOINTMENT;
	const unitCost = options.unitCostGbp ?? DEFAULT_UNIT_COST_GBP;
	const windowMonths = options.windowMonths ?? DEFAULT_WINDOW_MONTHS;
	const frequentFrom = options.frequentAttenderFrom ?? frequentAttenderFrom(windowMonths);
	if (!(minutes > 0)) throw new RangeError(`minutes per appointment must be > 0, got ${minutes}`);
	if (!(unitCost >= 0)) throw new RangeError(`unit cost must be >= 0, got ${unitCost}`);
	const eligible = eligibleRows(rows);
	const settings = { minutes, unitCost, level: options.level ?? CONFIDENCE_95 };
	return {
		...summariseGroup(eligible, settings),
		people: rows.length,
		minutes_per_appointment: minutes,
		unit_cost_gbp: unitCost,
		price_year: options.priceYear ?? DEFAULT_PRICE_YEAR,
		window_months: windowMonths,
		frequent_attender_from: frequentFrom,
		frequent: summariseGroup(eligible.filter((r) => r.before >= frequentFrom), settings),
		other: summariseGroup(eligible.filter((r) => r.before < frequentFrom), settings),
		caveat: REGRESSION_TO_THE_MEAN_CAVEAT
	};
}

/** Default frequent-attender threshold for a window: 8 appointments per 6 months, scaled up to whole appointments. */
export function frequentAttenderFrom(windowMonths: number = DEFAULT_WINDOW_MONTHS): number {
	return Math.ceil((DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS * windowMonths) / 6);
}

/** GP hours for a number of appointments (avoided), at `minutes` per appointment. */
export function gpHours(appointments: number, minutes: number = DEFAULT_MINUTES_PER_APPOINTMENT): number {
	return (appointments * minutes) / 60;
}

/** Difference-in-differences of appointments avoided per person: the headline GP figure. */
export interface DifferenceInDifferences extends WelchResult {
	/** Mean avoided (before minus after) per person in each cohort. */
	mean_avoided_referred: number | null;
	mean_avoided_comparison: number | null;
}

/**
 * Appointments avoided per person in the referred cohort minus those in the comparison cohort
 * (each before minus after, eligible people only), with a Welch interval. Positive means the
 * referred fell further than the comparison: the change net of regression to the mean and trend
 * as far as the comparison cohort resembles the referred.
 */
export function differenceInDifferences(referred: readonly GpUseRecord[], comparison: readonly GpUseRecord[], level: number = CONFIDENCE_95): DifferenceInDifferences {
	const a = eligibleRows(referred).map((r) => r.before - r.after);
	const b = eligibleRows(comparison).map((r) => r.before - r.after);
	const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
	return { ...welchDifference(a, b, level), mean_avoided_referred: mean(a), mean_avoided_comparison: mean(b) };
}

function eligibleRows(rows: readonly GpUseRecord[]): { before: number; after: number }[] {
	const out: { before: number; after: number }[] = [];
	for (const r of rows) {
		if (!r.covered || r.appts_before === null || r.appts_after === null) continue;
		for (const v of [r.appts_before, r.appts_after]) {
			if (!Number.isInteger(v) || v < 0) throw new RangeError(`appointment counts must be whole numbers >= 0, got ${v}`);
		}
		out.push({ before: r.appts_before, after: r.appts_after });
	}
	return out;
}

function summariseGroup(rows: readonly { before: number; after: number }[], s: { minutes: number; unitCost: number; level: number }): GpUseGroup {
	const before = rows.reduce((t, r) => t + r.before, 0);
	const after = rows.reduce((t, r) => t + r.after, 0);
	const avoided = before - after;
	const perPerson = meanInterval(
		rows.map((r) => r.before - r.after),
		s.level
	);
	const toHours = (appts: number) => gpHours(appts, s.minutes);
	const ci = perPerson.interval;
	return {
		eligible: rows.length,
		appts_before: before,
		appts_after: after,
		avoided_total: avoided,
		avoided_per_person: perPerson,
		gp_hours_freed: toHours(avoided),
		gp_hours_interval: ci && {
			estimate: toHours(avoided),
			lower: toHours(ci.lower * rows.length),
			upper: toHours(ci.upper * rows.length),
			level: ci.level
		},
		cost_gbp: avoided * s.unitCost
	};
}
