/**
 * The tables the pipeline publishes and the app reads: names, columns, SQL types and meanings.
 * The pipeline checks its output against this list, and the app checks the manifest's
 * `schema_version` against `SCHEMA_VERSION` before it reads anything.
 */

/** Bump when a published table gains, loses or changes a column. */
export const SCHEMA_VERSION = 4;

/** DuckDB SQL types used in published tables. */
export type SqlType = 'VARCHAR' | 'DATE' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN';

/** One column of a published table. */
export interface TableColumn {
	name: string;
	type: SqlType;
	description: string;
	/**
	 * Text with a handful of distinct values (a contract enumeration or a label): the app keeps it
	 * as a DuckDB ENUM, which groups and filters several times faster than text
	 * (src/lib/queries/load.ts, `settleTable`).
	 */
	categorical?: true;
}

/** One published table. */
export interface TableSpec {
	name: TableName;
	description: string;
	/** Sort order of the Parquet file: geography first so one ICB's or PCN's rows are contiguous. */
	order_by: readonly string[];
	columns: readonly TableColumn[];
}

/** Names of the published tables. */
export type TableName =
	| 'practices'
	| 'referrals'
	| 'referral_needs'
	| 'contacts'
	| 'wellbeing'
	| 'gp_use'
	| 'gp_monthly'
	| 'signposting'
	| 'workforce';

const geography: readonly TableColumn[] = [
	{ name: 'icb_code', type: 'VARCHAR', description: 'ICB ODS code of the practice' },
	{ name: 'pcn_code', type: 'VARCHAR', description: "PCN ODS code of the practice ('U' = unallocated)" },
	{ name: 'practice_code', type: 'VARCHAR', description: 'GP practice ODS code' }
];

const period = (prefix: string): readonly TableColumn[] => [
	{ name: `${prefix}_month`, type: 'DATE', description: 'First day of the calendar month' },
	{ name: 'financial_year', type: 'VARCHAR', categorical: true, description: "NHS financial year (April-March), e.g. '2024/25'" },
	{ name: 'fy_quarter', type: 'VARCHAR', categorical: true, description: "Quarter of the financial year: 'Q1' (Apr-Jun) to 'Q4' (Jan-Mar)" }
];

/**
 * The referral's source and needs, copied onto the tables the dashboard filters by them
 * (wellbeing, gp_use), so that a filter is a test of the row's own columns rather than a
 * semi-join through the referrals table (which made a filtered page several times slower).
 */
const referralAttributes: readonly TableColumn[] = [
	{ name: 'referral_source', type: 'VARCHAR', categorical: true, description: "The referral's source (null = not recorded, and for the comparison cohort)" },
	{ name: 'needs', type: 'VARCHAR', description: "The referral's needs, sorted and ';'-separated (null for the comparison cohort)" }
];

const demographics: readonly TableColumn[] = [
	{ name: 'age_band', type: 'VARCHAR', categorical: true, description: 'Age band' },
	{ name: 'sex', type: 'VARCHAR', categorical: true, description: 'Sex' },
	{ name: 'ethnic_group', type: 'VARCHAR', categorical: true, description: 'Ethnic group (ONS 2021 top level)' },
	{ name: 'imd_decile', type: 'INTEGER', description: 'IMD decile, 1 = most deprived' },
	{ name: 'imd_quintile', type: 'INTEGER', description: 'IMD quintile (deciles paired), 1 = most deprived' }
];

const geoOrder = ['icb_code', 'pcn_code', 'practice_code'];

/** Every published table, in the order the pipeline writes them. */
export const TABLES: readonly TableSpec[] = [
	{
		name: 'practices',
		description: 'Practices of the reference with their PCN, sub-ICB location, ICB, region and list size',
		order_by: geoOrder,
		columns: [
			...geography,
			{ name: 'practice_name', type: 'VARCHAR', description: 'Practice name' },
			{ name: 'pcn_name', type: 'VARCHAR', description: 'PCN name' },
			{ name: 'sub_icb_code', type: 'VARCHAR', description: 'Sub-ICB location code' },
			{ name: 'sub_icb_name', type: 'VARCHAR', description: 'Sub-ICB location name' },
			{ name: 'icb_name', type: 'VARCHAR', description: 'ICB name' },
			{ name: 'region_code', type: 'VARCHAR', description: 'NHS England commissioning region code' },
			{ name: 'region_name', type: 'VARCHAR', description: 'NHS England commissioning region name' },
			{ name: 'list_size', type: 'INTEGER', description: 'Registered patients (null when no list sizes were given)' }
		]
	},
	{
		name: 'referrals',
		description: 'One row per referral after validation and supersession, with derived period and outcome fields',
		order_by: [...geoOrder, 'referral_date', 'referral_id'],
		columns: [
			...geography,
			{ name: 'referral_id', type: 'VARCHAR', description: 'Opaque referral key' },
			{ name: 'person_id', type: 'VARCHAR', description: 'Opaque person key' },
			{
				name: 'person_key',
				type: 'INTEGER',
				description: "The person as a number, the same on all their referrals in this publication (dense rank of person_id): distinct people are counted on it, much faster than on text"
			},
			{ name: 'referral_date', type: 'DATE', description: 'Date of referral' },
			...period('referral'),
			{ name: 'referral_source', type: 'VARCHAR', categorical: true, description: 'Who referred (null = not recorded)' },
			{ name: 'needs', type: 'VARCHAR', description: "Needs at referral, sorted and ';'-separated (one row each in referral_needs)" },
			...demographics,
			{ name: 'status', type: 'VARCHAR', categorical: true, description: 'Referral status (null = not recorded)' },
			{ name: 'accepted', type: 'BOOLEAN', description: 'Status is accepted, in_progress or completed (null when status is missing)' },
			{ name: 'first_contact_date', type: 'DATE', description: 'First link worker contact' },
			{ name: 'discharge_date', type: 'DATE', description: 'Discharge date' },
			{ name: 'days_to_first_contact', type: 'INTEGER', description: 'first_contact_date - referral_date in days' },
			{ name: 'contacts', type: 'INTEGER', description: 'Link worker contacts recorded for the referral (null when no contacts file was delivered)' },
			{ name: 'delivery', type: 'VARCHAR', description: 'Delivery folder the record came from' }
		]
	},
	{
		name: 'referral_needs',
		description: 'One row per referral and recorded need',
		order_by: [...geoOrder, 'referral_id', 'need'],
		columns: [
			...geography,
			{ name: 'referral_id', type: 'VARCHAR', description: 'Referral key' },
			{ name: 'need', type: 'VARCHAR', categorical: true, description: 'Need recorded at referral' }
		]
	},
	{
		name: 'contacts',
		description: 'One row per link worker contact',
		order_by: [...geoOrder, 'contact_date', 'contact_id'],
		columns: [
			...geography,
			{ name: 'contact_id', type: 'VARCHAR', description: 'Opaque contact key' },
			{ name: 'referral_id', type: 'VARCHAR', description: 'Referral key' },
			{ name: 'contact_date', type: 'DATE', description: 'Date of contact' },
			...period('contact'),
			{ name: 'mode', type: 'VARCHAR', categorical: true, description: 'How the contact took place' },
			{ name: 'duration_minutes', type: 'INTEGER', description: 'Length in minutes' },
			{ name: 'days_from_referral', type: 'INTEGER', description: 'contact_date - referral_date in days' }
		]
	},
	{
		name: 'wellbeing',
		description:
			'One row per referral, instrument and measure with at least one score: baseline, follow-up and paired change (improvement positive)',
		order_by: [...geoOrder, 'referral_id', 'instrument', 'measure'],
		columns: [
			...geography,
			{ name: 'referral_id', type: 'VARCHAR', description: 'Referral key' },
			{ name: 'instrument', type: 'VARCHAR', categorical: true, description: 'ons4, wemwbs, swemwbs or ucla3' },
			{ name: 'measure', type: 'VARCHAR', categorical: true, description: 'Measure of the instrument' },
			{ name: 'baseline_date', type: 'DATE', description: 'Date of the baseline score' },
			{ name: 'baseline_score', type: 'DOUBLE', description: 'Baseline score as recorded (SWEMWBS: raw sum)' },
			{ name: 'follow_up_date', type: 'DATE', description: 'Date of the follow-up score' },
			{ name: 'follow_up_score', type: 'DOUBLE', description: 'Follow-up score as recorded (SWEMWBS: raw sum)' },
			{ name: 'baseline_value', type: 'DOUBLE', description: 'Baseline on the analysis scale (SWEMWBS: Rasch metric score)' },
			{ name: 'follow_up_value', type: 'DOUBLE', description: 'Follow-up on the analysis scale (SWEMWBS: Rasch metric score)' },
			{ name: 'paired', type: 'BOOLEAN', description: 'Both a baseline and a later follow-up exist' },
			{ name: 'change', type: 'DOUBLE', description: 'Improvement on the analysis scale: follow-up minus baseline, sign reversed where lower is better' },
			{
				name: 'meaningful_change',
				type: 'INTEGER',
				description: "Paired change against the instrument's meaningful change (src/lib/metrics/thresholds.ts): 1 improved by at least it, -1 worse by at least it, 0 neither (null when not paired)"
			},
			{ name: 'days_between', type: 'INTEGER', description: 'Days from baseline to follow-up' },
			{ name: 'referral_month', type: 'DATE', description: 'Month of the referral' },
			{ name: 'financial_year', type: 'VARCHAR', categorical: true, description: 'Financial year of the referral' },
			{ name: 'accepted', type: 'BOOLEAN', description: "The referral's accepted flag, as in referrals (null when no status was recorded)" },
			...referralAttributes,
			...demographics
		]
	},
	{
		name: 'gp_use',
		description:
			'GP appointments in the window before and after each referral (cohort referred) and each comparison index date (cohort comparison)',
		order_by: [...geoOrder, 'cohort', 'index_date', 'person_id', 'referral_id'],
		columns: [
			...geography,
			{ name: 'cohort', type: 'VARCHAR', categorical: true, description: "'referred' or 'comparison'" },
			{ name: 'referral_id', type: 'VARCHAR', description: 'Referral key (null for the comparison cohort)' },
			{ name: 'person_id', type: 'VARCHAR', description: 'Person key' },
			{ name: 'index_date', type: 'DATE', description: 'Referral date, or the comparison index date' },
			{ name: 'index_month', type: 'DATE', description: 'Month of the index date (excluded from both windows)' },
			{ name: 'financial_year', type: 'VARCHAR', categorical: true, description: 'Financial year of the index date' },
			{ name: 'window_months', type: 'INTEGER', description: 'Months in each window (W)' },
			{ name: 'months_before', type: 'INTEGER', description: 'Months of the W before the index month present in the GP extract' },
			{ name: 'months_after', type: 'INTEGER', description: 'Months of the W after the index month present in the GP extract' },
			{ name: 'covered', type: 'BOOLEAN', description: 'The record covers all 2W months' },
			{ name: 'appts_before', type: 'INTEGER', description: 'Appointments in the W months before (null unless covered)' },
			{ name: 'appts_after', type: 'INTEGER', description: 'Appointments in the W months after (null unless covered)' },
			...demographics,
			...referralAttributes
		]
	},
	{
		name: 'gp_monthly',
		description:
			'Appointments by month relative to the index month (-12 to 12), summed per practice, cohort and financial year of the index date',
		order_by: [...geoOrder, 'cohort', 'financial_year', 'relative_month'],
		columns: [
			...geography,
			{ name: 'cohort', type: 'VARCHAR', categorical: true, description: "'referred' or 'comparison'" },
			{ name: 'financial_year', type: 'VARCHAR', categorical: true, description: 'Financial year of the index date' },
			{ name: 'relative_month', type: 'INTEGER', description: 'Months from the index month (0 = index month)' },
			{ name: 'people', type: 'INTEGER', description: 'People whose GP extract covers that month' },
			{ name: 'appointments', type: 'INTEGER', description: 'Appointments of those people in that month' }
		]
	},
	{
		name: 'signposting',
		description: 'One row per onward referral to a community activity or service',
		order_by: [...geoOrder, 'signpost_date', 'referral_id', 'activity'],
		columns: [
			...geography,
			{ name: 'referral_id', type: 'VARCHAR', description: 'Referral key' },
			{ name: 'signpost_date', type: 'DATE', description: 'Date of signposting' },
			...period('signpost'),
			{ name: 'activity', type: 'VARCHAR', description: 'Activity or service' },
			{ name: 'provider_type', type: 'VARCHAR', categorical: true, description: 'Provider type' },
			{ name: 'attended', type: 'VARCHAR', categorical: true, description: 'yes, no or unknown (null = not recorded)' }
		]
	},
	{
		name: 'workforce',
		description: 'Link worker FTE per PCN and month',
		order_by: ['icb_code', 'pcn_code', 'workforce_month'],
		columns: [
			{ name: 'icb_code', type: 'VARCHAR', description: 'ICB holding most of the PCN\'s practices (null when the PCN is not in the reference)' },
			{ name: 'pcn_code', type: 'VARCHAR', description: 'PCN ODS code' },
			...period('workforce'),
			{ name: 'fte', type: 'DOUBLE', description: 'Link worker full-time equivalents' }
		]
	}
];

/** Look up a published table's spec by name. */
export function tableSpec(name: TableName): TableSpec {
	const spec = TABLES.find((t) => t.name === name);
	if (!spec) throw new Error(`No published table named ${name}`);
	return spec;
}
