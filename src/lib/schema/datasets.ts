/**
 * The researcher datasets every pipeline run publishes in `datasets/`: aggregated,
 * disclosure-controlled, long format in the style of OHID Fingertips. Names, columns, units,
 * indicators and method links are defined once here; the pipeline writes the files and their
 * data dictionary (`datapackage.json`) from this list, and the app can describe them from it.
 */
import { MEASURES, type Instrument } from './instruments.js';

/** Version of the datasets' layout (columns and indicators); bump when either changes. */
export const DATASETS_VERSION = '1.0.0';

/** Decimal places of every published value, limit and FTE (counts are whole numbers). */
export const VALUE_DECIMALS = 2;

/** Names of the published datasets (each written as `<name>.csv` and `<name>.parquet`). */
export type DatasetName = 'indicators' | 'wellbeing_change' | 'wellbeing_change_by_group' | 'gp_time_freed' | 'signposting' | 'workforce';

/** Table Schema type of a column, and the SQL type of its Parquet column. */
export type DatasetFieldType = 'string' | 'integer' | 'number' | 'date';

/** One column of a dataset, as the data dictionary describes it. */
export interface DatasetColumn {
	name: string;
	type: DatasetFieldType;
	unit: string;
	description: string;
	/** Link into the Methods page, e.g. '/methods#disclosure'. */
	method: string;
	/** Allowed values, when the column holds a fixed set. */
	values?: readonly string[];
}

/** How an indicator's value is made. */
export type IndicatorKind = 'count' | 'share' | 'rate' | 'mean' | 'median' | 'difference' | 'total' | 'fte' | 'ratio';

/** Whether a higher value is better, worse, or neither (as the metrics' Polarity). */
export type IndicatorPolarity = 'higher_is_better' | 'lower_is_better' | 'no_judgement';

/** One indicator: a value of a dataset's `indicator` column. */
export interface DatasetIndicator {
	id: string;
	title: string;
	unit: string;
	kind: IndicatorKind;
	polarity: IndicatorPolarity;
	description: string;
	method: string;
}

/** One published dataset. */
export interface DatasetSpec {
	name: DatasetName;
	title: string;
	description: string;
	columns: readonly DatasetColumn[];
	/** Columns that identify a row. */
	key: readonly string[];
	indicators: readonly DatasetIndicator[];
}

/** Area types, top down. */
export const AREA_TYPES = ['region', 'icb', 'pcn', 'practice'] as const;
/** One area type. */
export type AreaType = (typeof AREA_TYPES)[number];

/** Period types, longest first. */
export const PERIOD_TYPES = ['financial_year', 'quarter', 'month'] as const;
/** One period type. */
export type PeriodType = (typeof PERIOD_TYPES)[number];

/** Fingertips' words for a comparison with the parent area. */
export const COMPARISON_LABELS = ['Better', 'Similar', 'Worse', 'Higher', 'Lower', 'Not compared'] as const;

/** Demographic dimensions of `wellbeing_change_by_group`; `need` is the only one whose groups overlap. */
export const BREAKDOWNS = ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'need'] as const;

/** Cohorts of `gp_time_freed`; the last holds the difference-in-differences rows. */
export const GP_COHORTS = ['referred', 'comparison', 'referred_vs_comparison'] as const;

/** Baseline use groups of `gp_time_freed`: everyone, and split at the frequent-attender threshold. */
export const BASELINE_USE = ['all', 'frequent_attender', 'other'] as const;

/** The wellbeing measure of each instrument that the indicators dataset carries. */
export const HEADLINE_MEASURES: readonly { instrument: Instrument; measure: string }[] = [
	{ instrument: 'wemwbs', measure: 'total' },
	{ instrument: 'swemwbs', measure: 'total' },
	{ instrument: 'ons4', measure: 'life_satisfaction' },
	{ instrument: 'ucla3', measure: 'total' }
];

const M = (anchor: string) => `/methods#${anchor}`;

const leading: readonly DatasetColumn[] = [
	{ name: 'period', type: 'string', unit: 'period', description: "Financial year ('2024/25', April-March), quarter of a financial year ('2024/25 Q1' = April-June) or month ('2024-04')", method: M('data') },
	{ name: 'period_type', type: 'string', unit: 'category', description: 'financial_year, quarter or month', method: M('data'), values: PERIOD_TYPES },
	{ name: 'period_start', type: 'date', unit: 'date', description: 'First day of the period (ISO 8601)', method: M('data') },
	{ name: 'period_end', type: 'date', unit: 'date', description: 'Last day of the period (ISO 8601); the latest period may hold only part of it', method: M('data') },
	{
		name: 'area_type',
		type: 'string',
		unit: 'category',
		description: 'practice, pcn, icb or region. A region row sums only the ICBs in these data, not the whole NHS England region',
		method: M('downloads'),
		values: AREA_TYPES
	},
	{ name: 'area_code', type: 'string', unit: 'ODS code', description: 'ODS code of the practice, PCN, ICB or NHS England region', method: M('data') },
	{ name: 'area_name', type: 'string', unit: 'name', description: "Name from NHS Digital's practice reference", method: M('data') },
	{
		name: 'parent_code',
		type: 'string',
		unit: 'ODS code',
		description: "Area this row is compared with: a practice's PCN (its ICB when the practice has no PCN), a PCN's ICB (the ICB holding most of its practices), an ICB's region; empty for a region",
		method: M('benchmark')
	}
];

const indicatorColumns: readonly DatasetColumn[] = [
	{ name: 'indicator', type: 'string', unit: 'identifier', description: "Indicator id; each is described in the dictionary's indicator list", method: M('downloads') },
	{ name: 'unit', type: 'string', unit: 'text', description: 'Unit of value and limits', method: M('downloads') }
];

const figures: readonly DatasetColumn[] = [
	{ name: 'numerator', type: 'integer', unit: 'count', description: 'Count on which the value rests (a share\'s or rate\'s numerator, or the count itself): 0, a multiple of 5, or empty when suppressed', method: M('disclosure') },
	{
		name: 'denominator',
		type: 'number',
		unit: 'count, patients or FTE',
		description: "Base of the value: people or referrals (0, a multiple of 5, or empty when suppressed), registered patients for rates, link worker FTE for contacts per FTE",
		method: M('disclosure')
	},
	{ name: 'value', type: 'number', unit: 'see unit', description: 'The indicator value, computed from the rounded numerator and denominator; empty when suppressed or not computable', method: M('downloads') },
	{ name: 'lower_95', type: 'number', unit: 'see unit', description: 'Lower 95% confidence limit (Wilson for shares, exact/Byar for rates, t for means, Welch for differences)', method: M('downloads') },
	{ name: 'upper_95', type: 'number', unit: 'see unit', description: 'Upper 95% confidence limit', method: M('downloads') },
	{ name: 'lower_99_8', type: 'number', unit: 'see unit', description: 'Lower 99.8% confidence limit', method: M('downloads') },
	{ name: 'upper_99_8', type: 'number', unit: 'see unit', description: 'Upper 99.8% confidence limit', method: M('downloads') },
	{
		name: 'comparison_with_parent',
		type: 'string',
		unit: 'category',
		description:
			"Fingertips label: Better/Worse (or Higher/Lower where no direction is judged) when the 95% interval lies wholly above or below the parent's value, else Similar; Not compared for counts, suppressed values, rows without a parent, and a parent made of this area alone",
		method: M('benchmark'),
		values: COMPARISON_LABELS
	},
	{
		name: 'suppressed',
		type: 'string',
		unit: 'text',
		description: "What was suppressed and why ('primary: 1-7 people', 'secondary: ...' naming what it protects, or which of numerator and denominator); empty when nothing was",
		method: M('disclosure')
	}
];

const wellbeingColumns: readonly DatasetColumn[] = [
	{ name: 'instrument', type: 'string', unit: 'category', description: 'Wellbeing instrument: ons4, wemwbs, swemwbs or ucla3', method: M('wellbeing_change') },
	{ name: 'measure', type: 'string', unit: 'category', description: 'Measure of the instrument (total, or an ONS4 item)', method: M('wellbeing_change') }
];

const count = (id: string, title: string, unit: string, description: string, method = M('data')): DatasetIndicator => ({ id, title, unit, kind: 'count', polarity: 'no_judgement', description, method });

const wellbeingIndicators: readonly DatasetIndicator[] = [
	count('with_baseline', 'Referrals with a baseline score', 'referrals', 'Referrals of the period with a baseline score on this measure', M('wellbeing_change')),
	count('pairs', 'Referrals with a paired baseline and follow-up', 'referrals', 'Referrals with a baseline and a later follow-up on this measure: the base of every mean and share below', M('wellbeing_change')),
	{ id: 'baseline_mean', title: 'Mean baseline score of the pairs', unit: 'points', kind: 'mean', polarity: 'no_judgement', description: 'Mean baseline of the paired referrals (SWEMWBS: metric score), with a t-interval', method: M('mean') },
	{ id: 'follow_up_mean', title: 'Mean follow-up score of the pairs', unit: 'points', kind: 'mean', polarity: 'no_judgement', description: 'Mean follow-up of the paired referrals (SWEMWBS: metric score), with a t-interval', method: M('mean') },
	{
		id: 'change_mean',
		title: 'Mean paired change (improvement positive)',
		unit: 'points',
		kind: 'mean',
		polarity: 'higher_is_better',
		description: 'Mean of follow-up minus baseline per referral, sign reversed where lower is better (ONS4 anxiety, UCLA-3), with a t-interval',
		method: M('wellbeing_change')
	},
	{ id: 'improved_share', title: 'Share improved by a meaningful change', unit: '%', kind: 'share', polarity: 'higher_is_better', description: 'Pairs whose change is at least the meaningful change for the instrument, as a percentage of pairs (Wilson interval)', method: M('wellbeing_change') },
	{ id: 'worse_share', title: 'Share worse by a meaningful change', unit: '%', kind: 'share', polarity: 'lower_is_better', description: 'Pairs whose change is at most minus the meaningful change, as a percentage of pairs (Wilson interval)', method: M('wellbeing_change') }
];

const headlineLabel = (h: { instrument: string; measure: string }) => MEASURES.find((m) => m.instrument === h.instrument && m.measure === h.measure)!.label;

/** Id of an indicators-dataset wellbeing indicator, e.g. 'wemwbs_total_pairs'. */
export function headlineIndicatorId(h: { instrument: string; measure: string }, what: 'pairs' | 'improved_share'): string {
	return `${h.instrument}_${h.measure}_${what}`;
}

/** Every dataset, in publishing order. */
export const DATASETS: readonly DatasetSpec[] = [
	{
		name: 'indicators',
		title: 'Programme indicators by area and period',
		description:
			'Referrals, people referred, referral rate per 1,000 registered patients, share accepted, link worker contacts, days to first contact and headline wellbeing change, by practice, PCN, ICB and region for each financial year and quarter, and by PCN for each month. Referral indicators use the referral date, contacts the contact date; wellbeing indicators are by financial year of referral only.',
		columns: [...leading, ...indicatorColumns, ...figures],
		key: ['period', 'area_type', 'area_code', 'indicator'],
		indicators: [
			count('referrals', 'Referrals', 'referrals', 'Referrals to a link worker dated in the period'),
			count('people_referred', 'People referred', 'people', 'Distinct people with a referral dated in the period'),
			{
				id: 'referral_rate',
				title: 'Referrals per 1,000 registered patients',
				unit: 'per 1,000 registered patients in the period',
				kind: 'rate',
				polarity: 'no_judgement',
				description: 'Referrals in the period per 1,000 registered patients (list sizes as supplied; not annualised); exact Poisson limits below 10 events, Byar\'s from 10. Empty when a practice of the area has no list size',
				method: M('rate')
			},
			{ id: 'accepted_share', title: 'Share of referrals accepted', unit: '%', kind: 'share', polarity: 'no_judgement', description: 'Referrals accepted (accepted, in progress or completed) as a percentage of referrals with a status recorded (Wilson interval)', method: M('proportion') },
			count('contacts', 'Link worker contacts', 'contacts', 'Link worker contacts dated in the period'),
			{ id: 'first_contact_days_median', title: 'Median days from referral to first contact', unit: 'days', kind: 'median', polarity: 'lower_is_better', description: 'Median days from referral to first link worker contact, for referrals of the period with a first contact (no interval)', method: M('downloads') },
			{ id: 'first_contact_days_mean', title: 'Mean days from referral to first contact', unit: 'days', kind: 'mean', polarity: 'lower_is_better', description: 'Mean days from referral to first contact, with a t-interval', method: M('mean') },
			...HEADLINE_MEASURES.flatMap((h): DatasetIndicator[] => [
				count(headlineIndicatorId(h, 'pairs'), `${headlineLabel(h)}: referrals with a pair`, 'referrals', `Referrals of the financial year with a paired ${headlineLabel(h)} baseline and follow-up (same cells as wellbeing_change)`, M('wellbeing_change')),
				{
					id: headlineIndicatorId(h, 'improved_share'),
					title: `${headlineLabel(h)}: share improved`,
					unit: '%',
					kind: 'share',
					polarity: 'higher_is_better',
					description: `Pairs improved by at least the meaningful change on ${headlineLabel(h)}, as a percentage of pairs (Wilson interval)`,
					method: M('wellbeing_change')
				}
			])
		]
	},
	{
		name: 'wellbeing_change',
		title: 'Wellbeing change by area, instrument and measure',
		description: 'Paired wellbeing change for referrals of each financial year, by practice, PCN, ICB and region, instrument and measure: how many have a baseline and a pair, mean baseline, follow-up and change, and the shares improved or worse by a meaningful change.',
		columns: [...leading, ...wellbeingColumns, ...indicatorColumns, ...figures],
		key: ['period', 'area_type', 'area_code', 'instrument', 'measure', 'indicator'],
		indicators: wellbeingIndicators
	},
	{
		name: 'wellbeing_change_by_group',
		title: 'Wellbeing change by demographic group',
		description:
			'As wellbeing_change, for PCNs, ICBs and regions, split by one demographic dimension at a time: age band, sex, ethnic group, IMD quintile (1 = most deprived) or need. The groups of a dimension add up to the wellbeing_change row, except need, where a referral with several needs counts in each.',
		columns: [
			...leading,
			...wellbeingColumns,
			{ name: 'breakdown', type: 'string', unit: 'category', description: 'Dimension the rows are split by', method: M('data'), values: BREAKDOWNS },
			{ name: 'breakdown_value', type: 'string', unit: 'category', description: "Group within the dimension (the export format's codes); 'not_recorded' when missing", method: M('data') },
			...indicatorColumns,
			...figures
		],
		key: ['period', 'area_type', 'area_code', 'instrument', 'measure', 'breakdown', 'breakdown_value', 'indicator'],
		indicators: wellbeingIndicators
	},
	{
		name: 'gp_time_freed',
		title: 'GP appointments before and after referral, and GP time freed',
		description:
			'For referred people and the comparison cohort, by practice, PCN, ICB and region and the financial year of the index date: people whose GP record covers the whole window, mean appointments before and after, appointments avoided per person and in total, GP hours and cost freed, and the difference-in-differences (referred minus comparison), for everyone and split into frequent attenders and others. Raw before/after falls overstate the effect (regression to the mean); prefer the difference-in-differences rows.',
		columns: [
			...leading,
			{ name: 'cohort', type: 'string', unit: 'category', description: "referred, comparison, or referred_vs_comparison for difference-in-differences rows", method: M('gp_difference_in_differences'), values: GP_COHORTS },
			{ name: 'baseline_use', type: 'string', unit: 'category', description: 'all, frequent_attender (at least frequent_attender_from appointments in the window before) or other', method: M('gp_time_freed'), values: BASELINE_USE },
			...indicatorColumns,
			...figures,
			{ name: 'window_months', type: 'integer', unit: 'months', description: 'Months in each window before and after the index month (which is left out)', method: M('gp_time_freed') },
			{ name: 'frequent_attender_from', type: 'integer', unit: 'appointments', description: 'Appointments in the window before from which a person is a frequent attender', method: M('gp_time_freed') },
			{ name: 'minutes_per_appointment', type: 'number', unit: 'minutes', description: 'GP minutes per appointment (PSSRU Unit Costs of Health and Social Care 2023 onwards)', method: M('gp_time_freed') },
			{ name: 'unit_cost_gbp', type: 'number', unit: 'GBP', description: 'Cost of a GP consultation (PSSRU Unit Costs of Health and Social Care 2025)', method: M('gp_time_freed') },
			{ name: 'price_year', type: 'string', unit: 'financial year', description: 'Price year of unit_cost_gbp', method: M('gp_time_freed') }
		],
		key: ['period', 'area_type', 'area_code', 'cohort', 'baseline_use', 'indicator'],
		indicators: [
			count('people', 'People with a covered GP record', 'people', 'People (referrals, or comparison people) whose GP extract covers every month of both windows', M('gp_time_freed')),
			{ id: 'appts_before_mean', title: 'Mean GP appointments in the window before', unit: 'appointments per person', kind: 'mean', polarity: 'no_judgement', description: 'Mean appointments in the window before the index month, with a t-interval', method: M('mean') },
			{ id: 'appts_after_mean', title: 'Mean GP appointments in the window after', unit: 'appointments per person', kind: 'mean', polarity: 'no_judgement', description: 'Mean appointments in the window after the index month, with a t-interval', method: M('mean') },
			{ id: 'avoided_per_person', title: 'Appointments avoided per person (raw)', unit: 'appointments per person', kind: 'mean', polarity: 'no_judgement', description: 'Mean of before minus after per person, with a t-interval. Overstates the effect (regression to the mean)', method: M('gp_time_freed') },
			{ id: 'avoided_total', title: 'Appointments avoided in total (raw)', unit: 'appointments', kind: 'total', polarity: 'no_judgement', description: 'Sum of before minus after, rounded to the nearest 5; referred cohort only', method: M('gp_time_freed') },
			{ id: 'gp_hours_freed', title: 'GP hours freed (raw)', unit: 'hours', kind: 'total', polarity: 'no_judgement', description: 'avoided_total x minutes_per_appointment / 60; limits: the per-person limits x people x minutes / 60. Referred cohort only', method: M('gp_time_freed') },
			{ id: 'gp_cost_freed_gbp', title: 'GP cost freed (raw)', unit: 'GBP', kind: 'total', polarity: 'no_judgement', description: 'avoided_total x unit_cost_gbp at price_year prices; limits likewise. Referred cohort only', method: M('gp_time_freed') },
			{
				id: 'did_avoided_per_person',
				title: 'Appointments avoided per person, net of the comparison cohort',
				unit: 'appointments per person',
				kind: 'difference',
				polarity: 'no_judgement',
				description: 'Difference-in-differences: mean avoided per referred person minus mean avoided per comparison person, with a Welch interval. The headline figure',
				method: M('gp_difference_in_differences')
			},
			{ id: 'did_gp_hours_freed', title: 'GP hours freed, net of the comparison cohort', unit: 'hours', kind: 'total', polarity: 'no_judgement', description: 'did_avoided_per_person x referred people x minutes_per_appointment / 60, limits likewise', method: M('gp_difference_in_differences') },
			{ id: 'did_gp_cost_freed_gbp', title: 'GP cost freed, net of the comparison cohort', unit: 'GBP', kind: 'total', polarity: 'no_judgement', description: 'did_avoided_per_person x referred people x unit_cost_gbp, limits likewise', method: M('gp_difference_in_differences') }
		]
	},
	{
		name: 'signposting',
		title: 'Signposting to community activities by activity and area',
		description: "Onward referrals (signposting) to community activities and services by practice, PCN, ICB and region, activity ('all' = every activity) and financial year or quarter of the signposting date, with the share attended.",
		columns: [
			...leading,
			{ name: 'activity', type: 'string', unit: 'category', description: "Activity or service (the export format's codes), or 'all'", method: M('data') },
			...indicatorColumns,
			...figures
		],
		key: ['period', 'area_type', 'area_code', 'activity', 'indicator'],
		indicators: [
			count('signposts', 'Onward referrals to activities', 'onward referrals', 'Signposting records dated in the period'),
			{ id: 'attended_share', title: 'Share attended', unit: '%', kind: 'share', polarity: 'higher_is_better', description: "Onward referrals attended, as a percentage of those with attendance recorded yes or no (Wilson interval)", method: M('proportion') }
		]
	},
	{
		name: 'workforce',
		title: 'Link worker workforce by PCN',
		description:
			'Link worker full-time equivalents by PCN (ICB and region rows sum their PCNs) for each month, quarter and financial year, and link worker contacts per FTE. FTE describes staff, not patients, and is published without suppression, as NHS Digital publishes PCN workforce.',
		columns: [...leading, ...indicatorColumns, ...figures],
		key: ['period', 'area_type', 'area_code', 'indicator'],
		indicators: [
			{ id: 'link_worker_fte', title: 'Link worker FTE', unit: 'FTE', kind: 'fte', polarity: 'no_judgement', description: 'Full-time equivalents: the month\'s figure, or for a quarter or year the mean over its months with a record', method: M('programme') },
			{ id: 'contacts_per_fte', title: 'Contacts per link worker FTE', unit: 'contacts per FTE in the period', kind: 'ratio', polarity: 'no_judgement', description: 'Link worker contacts in the period (rounded) divided by the FTE; ICB and region months are not published', method: M('programme') }
		]
	}
];

/** Look up a dataset spec by name. */
export function datasetSpec(name: DatasetName): DatasetSpec {
	return DATASETS.find((d) => d.name === name)!;
}
