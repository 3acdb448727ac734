/**
 * The parameters of the demo's statistical model that a reader of `planted.json` needs: what
 * was planted, on which scale. Distributions that only shape realism (age mix, contact modes)
 * live beside the code that draws them.
 */
import type { NEEDS } from '../../../src/lib/schema/index.js';

/** Range of practice referral propensity, % of the registered list referred a year. */
export const REFERRAL_RATE_RANGE = [0.6, 1.9] as const;

/** Share of referrals the link worker engages (accepted, in progress or completed). */
export const ACCEPTANCE_TARGET = 0.7;

/** Share of accepted referrals with a baseline and a follow-up wellbeing score. */
export const PAIRED_TARGET = 0.5;

/** Share of accepted referrals with a baseline score but no follow-up. */
export const BASELINE_ONLY_SHARE = 0.15;

/** How one wellbeing measure is drawn: baseline, planted change and noise, in raw score units. */
export interface MeasureModel {
	instrument: string;
	measure: string;
	baseline_mean: number;
	baseline_sd: number;
	/** Planted mean change, follow-up minus baseline (negative where higher is worse). */
	planted_change: number;
	/** Spread of individual change around the planted change. */
	noise_sd: number;
}

/**
 * Baselines sit well below population norms (people referred are struggling), and the planted
 * changes are of the size social prescribing evaluations report. Baselines and changes keep
 * clear of the range ends so clipping barely moves the recoverable mean.
 */
export const MEASURE_MODELS: readonly MeasureModel[] = [
	{ instrument: 'ons4', measure: 'life_satisfaction', baseline_mean: 4.5, baseline_sd: 1.7, planted_change: 1.3, noise_sd: 1.2 },
	{ instrument: 'ons4', measure: 'worthwhile', baseline_mean: 5.0, baseline_sd: 1.7, planted_change: 1.0, noise_sd: 1.2 },
	{ instrument: 'ons4', measure: 'happiness', baseline_mean: 4.7, baseline_sd: 1.7, planted_change: 1.2, noise_sd: 1.2 },
	{ instrument: 'ons4', measure: 'anxiety', baseline_mean: 6.0, baseline_sd: 1.7, planted_change: -1.2, noise_sd: 1.3 },
	{ instrument: 'wemwbs', measure: 'total', baseline_mean: 38, baseline_sd: 8, planted_change: 5.5, noise_sd: 5.5 },
	{ instrument: 'swemwbs', measure: 'total', baseline_mean: 19, baseline_sd: 3.8, planted_change: 2.6, noise_sd: 2.8 },
	{ instrument: 'ucla3', measure: 'total', baseline_mean: 6.2, baseline_sd: 1.0, planted_change: -0.9, noise_sd: 0.8 }
];

/**
 * How strongly the service works for each need, as a multiplier of the planted change; a
 * referral with several needs takes the mean of its needs' multipliers.
 */
export const NEED_EFFECT: Readonly<Record<(typeof NEEDS)[number], number>> = {
	loneliness_isolation: 1.25,
	mental_wellbeing: 1.15,
	long_term_condition: 0.85,
	physical_activity: 1.05,
	healthy_weight: 0.9,
	smoking: 0.8,
	alcohol_drugs: 0.7,
	money_debt: 0.8,
	housing: 0.75,
	employment_education: 0.9,
	bereavement: 1.1,
	carer_support: 0.95,
	relationships: 1.0,
	other: 1.0
};

/** Spread (sd of the log) of the practice multiplier of the planted wellbeing change. */
export const PRACTICE_EFFECT_LOG_SD = 0.25;

/** GP appointment model: Poisson counts around a person's stable monthly rate. */
export const GP_MODEL = {
	/** Mean monthly attended GP appointments of a referred-age adult at mean deprivation. */
	base_monthly_rate: 0.55,
	/** Gamma shape of between-person variation in the stable rate (mean 1). */
	person_gamma_shape: 2,
	/** Relative rise in use around the referral month (offset in months: rise); people are referred when use spikes. */
	spike: { '-4': 0.15, '-3': 0.3, '-2': 0.5, '-1': 0.8, '0': 1.0, '1': 0.5, '2': 0.2, '3': 0.1 } as Record<string, number>,
	/** True intervention effect: relative fall in use in the months after an accepted referral. */
	relative_reduction: 0.2,
	/** Months after the referral month the intervention effect lasts. */
	effect_months: 12,
	/** Months either side of the referral month in the difference-in-differences (the methods' W). */
	window_months: [6, 12] as const,
	/** Share of people whose record has gaps (registered late, left, or missing months). */
	gap_share: 0.1,
	/** Monthly factors January..December: winter pressure, summer lull. */
	season: [1.1, 1.05, 1.03, 0.96, 0.98, 0.97, 0.95, 0.88, 1.0, 1.04, 1.06, 0.96]
};

/** Comparison cohort size as a share of referred people. */
export const COMPARISON_SHARE = 0.5;

/** Share of referrals that are a person's second referral (at least 19 months after the first). */
export const REPEAT_REFERRAL_SHARE = 0.05;
/** Minimum months between a person's two referrals, so their GP windows never overlap. */
export const REPEAT_MIN_GAP_MONTHS = 19;
