/**
 * The optional fields whose completeness the Data quality page measures, and what counts as
 * recorded. The fields are the contract's optional columns (contract.ts, `required: false`) of
 * the files whose published table keeps them under the same name; a new optional column must be
 * added here, or to NOT_MEASURED with a reason, and a test checks that.
 */
import { fileSpec, type FileName } from './contract.js';

/** Published tables whose optional fields are measured. */
export type CompletenessTable = 'referrals' | 'contacts' | 'signposting';

/** Which rows a field's share is of. */
export type CompletenessBase = 'all' | 'accepted' | 'completed';

/** One measured field. */
export interface CompletenessField {
	table: CompletenessTable;
	/** Column of the contract file and of the published table. */
	column: string;
	label: string;
	/** Values that fill the field but say it is not known (e.g. ethnic group 'not_stated'). */
	not_recorded: readonly string[];
	/** Rows the share is of: all rows, accepted referrals or completed referrals. */
	base: CompletenessBase;
}

/** What a base means, in words. */
export const BASE_LABELS: Record<CompletenessBase, string> = {
	all: 'all rows',
	accepted: 'accepted referrals (accepted, in progress or completed)',
	completed: 'completed referrals'
};

/** Optional contract columns not measured here, and why. */
export const NOT_MEASURED: Partial<Record<FileName, Record<string, string>>> = {
	wellbeing: { timepoint: 'used by the pipeline to pair scores; not published' },
	comparison: { age_band: 'comparison cohort demographics', sex: 'comparison cohort demographics', ethnic_group: 'comparison cohort demographics', imd_decile: 'comparison cohort demographics' }
};

const LABELS: Record<CompletenessTable, Record<string, string>> = {
	referrals: {
		referral_source: 'Referral source',
		needs: 'Needs',
		age_band: 'Age band',
		sex: 'Sex',
		ethnic_group: 'Ethnic group',
		imd_decile: 'IMD decile',
		status: 'Status',
		first_contact_date: 'First contact date',
		discharge_date: 'Discharge date'
	},
	contacts: { mode: 'Contact mode', duration_minutes: 'Contact duration' },
	signposting: { provider_type: 'Provider type', attended: 'Attendance' }
};

/** Filled values that mean "not known". */
const NOT_RECORDED: Record<string, readonly string[]> = {
	ethnic_group: ['not_stated'],
	sex: ['not_known'],
	attended: ['unknown']
};

/**
 * Fields whose share is of a subset: a first contact is expected only once the person took the
 * referral up, and a discharge date only when the referral was completed.
 */
const BASES: Record<string, CompletenessBase> = { first_contact_date: 'accepted', discharge_date: 'completed' };

/** The measured fields of one table, in contract order. */
export function completenessFields(table: CompletenessTable): CompletenessField[] {
	return fileSpec(table)
		.columns.filter((c) => !c.required)
		.map((c) => {
			const label = LABELS[table][c.name];
			if (!label) throw new Error(`Optional column ${table}.${c.name} has no completeness label`);
			return { table, column: c.name, label, not_recorded: NOT_RECORDED[c.name] ?? [], base: table === 'referrals' ? (BASES[c.name] ?? 'all') : 'all' };
		});
}
