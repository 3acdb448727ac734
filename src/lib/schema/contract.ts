/**
 * The export contract (`shared/spec/export-format.md`, version 1) as data: which files a
 * delivery may hold, their columns, types and single-value rules. Rules that span rows or files
 * (uniqueness, references, date order) are listed per file in `cross_rules` so that the
 * pipeline, its tests and the documentation read them from one place.
 */
import {
	ACTIVITIES,
	AGE_BANDS,
	ATTENDED,
	CONTACT_MODES,
	ETHNIC_GROUPS,
	NEEDS,
	PROVIDER_TYPES,
	REFERRAL_SOURCES,
	REFERRAL_STATUSES,
	SEXES,
	TIMEPOINTS
} from './enums.js';
import { INSTRUMENTS, MEASURES } from './instruments.js';

/** Version of the export format this code implements. */
export const EXPORT_FORMAT_VERSION = 1;

/** Earliest referral date the format accepts (start of the link worker programme's DES). */
export const EARLIEST_REFERRAL_DATE = '2018-04-01';

/** How a raw text value is checked and typed. */
export type ColumnType =
	| { kind: 'text'; pattern?: string; pattern_label?: string }
	| { kind: 'date' }
	| { kind: 'month' }
	| { kind: 'int'; min: number; max: number }
	| { kind: 'number'; min: number; max: number }
	| { kind: 'enum'; values: readonly (string | number)[] }
	| { kind: 'list'; values: readonly string[]; separator: string };

/** One column of an export file. */
export interface ColumnSpec {
	name: string;
	required: boolean;
	type: ColumnType;
	description: string;
}

/** One file of a delivery. */
export interface FileSpec {
	/** File name inside the delivery folder. */
	file: string;
	/** Short name used for tables and messages. */
	name: FileName;
	required: boolean;
	description: string;
	columns: readonly ColumnSpec[];
	/** Columns that identify a record; a later delivery's record with the same key supersedes. */
	key: readonly string[];
	/** Rules across rows or files, in words, as checked by the pipeline. */
	cross_rules: readonly string[];
}

/** Short names of the delivery files. */
export type FileName =
	| 'referrals'
	| 'contacts'
	| 'wellbeing'
	| 'gp_appointments'
	| 'comparison'
	| 'signposting'
	| 'workforce';

/** Every measure name of any instrument; which instrument owns which is checked per row. */
const MEASURE_NAMES: readonly string[] = [...new Set(MEASURES.map((m) => m.measure))];

/** ODS code of a GP practice. */
export const PRACTICE_CODE_PATTERN = '^[A-Z][0-9]{5}$';
/** ODS code of a primary care network. */
export const PCN_CODE_PATTERN = '^U[0-9]{5}$';

const practiceCode: ColumnSpec = {
	name: 'practice_code',
	required: true,
	type: { kind: 'text', pattern: PRACTICE_CODE_PATTERN, pattern_label: 'a practice ODS code like A81001' },
	description: 'GP practice ODS code; must exist in the practice reference'
};

const demographics: readonly ColumnSpec[] = [
	{ name: 'age_band', required: false, type: { kind: 'enum', values: AGE_BANDS }, description: 'Age band at referral' },
	{ name: 'sex', required: false, type: { kind: 'enum', values: SEXES }, description: 'Sex' },
	{ name: 'ethnic_group', required: false, type: { kind: 'enum', values: ETHNIC_GROUPS }, description: 'Ethnic group (ONS 2021 top level)' },
	{ name: 'imd_decile', required: false, type: { kind: 'int', min: 1, max: 10 }, description: 'IMD decile of residence, 1 = most deprived' }
];

/** Every file of the export format, in load order (referrals first: others refer to it). */
export const FILES: readonly FileSpec[] = [
	{
		file: 'referrals.csv',
		name: 'referrals',
		required: true,
		description: 'One row per referral to a social prescribing link worker',
		key: ['referral_id'],
		cross_rules: [
			'referral_id is unique in the delivery (a repeat is rejected)',
			'practice_code exists in the practice reference',
			'referral_date is not in the future and not before 2018-04-01',
			'first_contact_date is on or after referral_date',
			'discharge_date is on or after referral_date and first_contact_date'
		],
		columns: [
			{ name: 'referral_id', required: true, type: { kind: 'text' }, description: 'Opaque referral key' },
			{ name: 'person_id', required: true, type: { kind: 'text' }, description: 'Opaque person key, stable across referrals and files' },
			practiceCode,
			{ name: 'referral_date', required: true, type: { kind: 'date' }, description: 'Date of referral' },
			{ name: 'referral_source', required: false, type: { kind: 'enum', values: REFERRAL_SOURCES }, description: 'Who referred' },
			{ name: 'needs', required: false, type: { kind: 'list', values: NEEDS, separator: ';' }, description: 'Needs at referral, ;-separated' },
			...demographics,
			{ name: 'status', required: false, type: { kind: 'enum', values: REFERRAL_STATUSES }, description: 'Referral status' },
			{ name: 'first_contact_date', required: false, type: { kind: 'date' }, description: 'First link worker contact' },
			{ name: 'discharge_date', required: false, type: { kind: 'date' }, description: 'Discharge from the link worker' }
		]
	},
	{
		file: 'contacts.csv',
		name: 'contacts',
		required: false,
		description: 'One row per link worker contact',
		key: ['contact_id'],
		cross_rules: ['contact_id is unique', 'referral_id exists in referrals', 'contact_date is on or after the referral date'],
		columns: [
			{ name: 'contact_id', required: true, type: { kind: 'text' }, description: 'Opaque contact key' },
			{ name: 'referral_id', required: true, type: { kind: 'text' }, description: 'Referral the contact belongs to' },
			{ name: 'contact_date', required: true, type: { kind: 'date' }, description: 'Date of contact' },
			{ name: 'mode', required: false, type: { kind: 'enum', values: CONTACT_MODES }, description: 'How the contact took place' },
			{ name: 'duration_minutes', required: false, type: { kind: 'int', min: 1, max: 480 }, description: 'Length of contact in minutes' }
		]
	},
	{
		file: 'wellbeing.csv',
		name: 'wellbeing',
		required: false,
		description: 'One row per wellbeing score, long format',
		key: ['referral_id', 'instrument', 'measure', 'assessment_date'],
		cross_rules: [
			'referral_id exists in referrals',
			'assessment_date is not before referral_date - 30 days',
			'measure belongs to the instrument and score is within its range',
			'one score per referral, instrument, measure and date (a repeat is rejected)'
		],
		columns: [
			{ name: 'referral_id', required: true, type: { kind: 'text' }, description: 'Referral the score belongs to' },
			{ name: 'assessment_date', required: true, type: { kind: 'date' }, description: 'Date of assessment' },
			{ name: 'instrument', required: true, type: { kind: 'enum', values: INSTRUMENTS }, description: 'Wellbeing instrument' },
			{ name: 'measure', required: true, type: { kind: 'enum', values: MEASURE_NAMES }, description: 'Measure of the instrument' },
			{ name: 'score', required: true, type: { kind: 'number', min: -1e6, max: 1e6 }, description: 'Score; its range depends on the measure (checked per measure)' },
			{ name: 'timepoint', required: false, type: { kind: 'enum', values: TIMEPOINTS }, description: 'baseline, review or follow_up' }
		]
	},
	{
		file: 'gp_appointments.csv',
		name: 'gp_appointments',
		required: false,
		description: 'Attended GP appointments per person per month; a missing month is unknown, not zero',
		key: ['person_id', 'month'],
		cross_rules: ['one row per person and month (a repeat is rejected)'],
		columns: [
			{ name: 'person_id', required: true, type: { kind: 'text' }, description: 'Person key' },
			{ name: 'month', required: true, type: { kind: 'month' }, description: 'Calendar month, YYYY-MM' },
			{ name: 'appointments', required: true, type: { kind: 'int', min: 0, max: 60 }, description: 'Attended GP appointments in the month' }
		]
	},
	{
		file: 'comparison.csv',
		name: 'comparison',
		required: false,
		description: 'A matched comparison cohort that was not referred',
		key: ['person_id'],
		cross_rules: ['person_id is unique', 'person_id is not a referred person', 'practice_code exists in the practice reference'],
		columns: [
			{ name: 'person_id', required: true, type: { kind: 'text' }, description: 'Person key' },
			practiceCode,
			{ name: 'index_date', required: true, type: { kind: 'date' }, description: 'Pseudo referral date the person is matched on' },
			...demographics
		]
	},
	{
		file: 'signposting.csv',
		name: 'signposting',
		required: false,
		description: 'Onward referrals to community activities and services',
		key: ['referral_id', 'activity', 'signpost_date'],
		cross_rules: [
			'referral_id exists in referrals',
			'signpost_date is on or after referral_date',
			'one row per referral, activity and date (a repeat is rejected)'
		],
		columns: [
			{ name: 'referral_id', required: true, type: { kind: 'text' }, description: 'Referral signposted' },
			{ name: 'signpost_date', required: true, type: { kind: 'date' }, description: 'Date of signposting' },
			{ name: 'activity', required: true, type: { kind: 'enum', values: ACTIVITIES }, description: 'Activity or service' },
			{ name: 'provider_type', required: false, type: { kind: 'enum', values: PROVIDER_TYPES }, description: 'Provider type' },
			{ name: 'attended', required: false, type: { kind: 'enum', values: ATTENDED }, description: 'Whether the person attended' }
		]
	},
	{
		file: 'workforce.csv',
		name: 'workforce',
		required: false,
		description: 'Link worker capacity per PCN and month',
		key: ['pcn_code', 'month'],
		cross_rules: ['one row per PCN and month (a repeat is rejected)'],
		columns: [
			{ name: 'pcn_code', required: true, type: { kind: 'text', pattern: PCN_CODE_PATTERN, pattern_label: 'a PCN code like U12345' }, description: 'PCN ODS code' },
			{ name: 'month', required: true, type: { kind: 'month' }, description: 'Calendar month, YYYY-MM' },
			{ name: 'fte', required: true, type: { kind: 'number', min: 0, max: 100 }, description: 'Link worker full-time equivalents' }
		]
	}
];

/** Look up a file's spec by short name. */
export function fileSpec(name: FileName): FileSpec {
	const spec = FILES.find((f) => f.name === name);
	if (!spec) throw new Error(`No file named ${name} in the export format`);
	return spec;
}

/** Column names that are identifiers: a delivery carrying one is refused. */
export const IDENTIFIER_COLUMN_NAMES = [
	'nhs_number',
	'nhs_no',
	'name',
	'forename',
	'surname',
	'date_of_birth',
	'dob',
	'postcode',
	'address',
	'phone',
	'email'
] as const;
