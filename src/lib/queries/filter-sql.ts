/**
 * The shared filters as a WHERE clause for one published table, with bound parameters.
 *
 * Each table carries what it can: referrals and wellbeing carry every dimension (wellbeing has
 * its referral's copied on); gp_use carries demographics, and need and source for the referred
 * cohort; contacts and signposting are filtered through their referral; gp_monthly has no demographics at all and its period is the financial year of the
 * index date. What a table cannot apply is returned in `notApplied` so the page can say so.
 */
import type { Filters } from '../filters/filters.js';
import { financialYearOfMonth, type MonthRange } from '../filters/period.js';
import type { TableName } from '../schema/index.js';
import { column, table, type Param } from './query.js';

/**
 * One SQL text whatever the filters. Every filter a table can apply is always written, switched
 * off by a bound flag when it is not in use (`(? OR condition)`), and a dimension's chosen values
 * travel as one comma-joined parameter. So a query has a single SQL text for every combination of
 * filters, and DuckDB-WASM prepares it once per session (connector.ts keeps the statements)
 * instead of once per new combination: preparing cost 10-15 ms of a filter change in the browser,
 * most of the slowest changes. Executing the switched-off conditions costs about as much as leaving
 * them out (measured on 20,000 and 1,000,000 referrals). The values are the filters' own
 * enumerations (parseFilters admits nothing else), none of which contains a comma.
 */
const SEPARATOR = ',';

/** `(?::BOOLEAN OR condition)`: the flag parameter is true when the filter is not in use. */
function switchable(condition: string, params: Param[], inUse: boolean, ...values: Param[]): string {
	params.push(!inUse, ...values);
	return `(?::BOOLEAN OR ${condition})`;
}

/** A condition that `columnSql` is one of the chosen values (any value when none are chosen). */
function oneOf(columnSql: string, values: readonly (string | number)[], params: Param[], numeric = false): string {
	const list = numeric ? `TRY_CAST(string_split(?, '${SEPARATOR}') AS INTEGER[])` : `string_split(?, '${SEPARATOR}')`;
	return switchable(`list_contains(${list}, ${columnSql})`, params, values.length > 0, values.join(SEPARATOR));
}

/** A WHERE clause (without the keyword; 'TRUE' when nothing applies) and its parameters. */
export interface Where {
	sql: string;
	params: Param[];
	/** Human-readable filters this table could not apply. */
	notApplied: string[];
}

/** Column holding each table's month for the period filter. */
export const PERIOD_COLUMN: Partial<Record<TableName, string>> = {
	referrals: 'referral_month',
	contacts: 'contact_month',
	wellbeing: 'referral_month',
	gp_use: 'index_month',
	signposting: 'signpost_month',
	workforce: 'workforce_month'
};

/** Demographic columns of referrals (and gp_use), by filter dimension. */
const PERSON_COLUMNS = { age: 'age_band', sex: 'sex', eth: 'ethnic_group', imd: 'imd_quintile' } as const;

/** Tables filtered by demographics through `referral_id IN (referrals matching)`. */
const THROUGH_REFERRAL: TableName[] = ['contacts', 'signposting', 'referral_needs'];

/** 'YYYY-MM' -> 'YYYY-MM-01', the DATE the published month columns hold. */
const monthStart = (month: string) => `${month}-01`;

/** Tables carrying the referral's demographics, source and needs as their own columns. */
type CarriesReferral = 'referrals' | 'wellbeing' | 'gp_use';

/** Conditions on a table's own copies of the referral's columns for the dimension filters. */
function referralConditions(
	tableName: CarriesReferral,
	filters: Filters,
	params: Param[],
	dims: { person: boolean; referral: boolean }
): string[] {
	const conditions: string[] = [];
	if (dims.person) {
		for (const [dim, name] of Object.entries(PERSON_COLUMNS) as [keyof typeof PERSON_COLUMNS, string][]) {
			conditions.push(oneOf(column(tableName, name), filters[dim] as (string | number)[], params, dim === 'imd'));
		}
	}
	if (dims.referral) {
		conditions.push(oneOf(column(tableName, 'referral_source'), filters.src, params));
		// `needs` is the sorted ';'-joined list; any chosen need matches.
		const needs = `list_has_any(string_split(${column(tableName, 'needs')}, ';'), string_split(?, '${SEPARATOR}'))`;
		conditions.push(switchable(needs, params, filters.need.length > 0, filters.need.join(SEPARATOR)));
	}
	return conditions;
}

/**
 * The WHERE clause applying `filters` over `period` to `tableName`. The period is applied where
 * the table has one; a null period leaves it out (geography lookups, and charts that show months
 * outside the chosen period).
 */
export function filterWhere(tableName: TableName, filters: Filters, period: MonthRange | null): Where {
	const params: Param[] = [];
	const conditions: string[] = [];
	const notApplied: string[] = [];

	// Geography: every table has icb and pcn; workforce has no practice.
	conditions.push(switchable(`${column(tableName, 'icb_code')} = ?`, params, filters.icb !== null, filters.icb ?? ''));
	conditions.push(switchable(`${column(tableName, 'pcn_code')} = ?`, params, filters.pcn !== null, filters.pcn ?? ''));
	if (tableName === 'workforce') {
		if (filters.prac) notApplied.push('practice (link workers are employed by the PCN)');
	} else conditions.push(switchable(`${column(tableName, 'practice_code')} = ?`, params, filters.prac !== null, filters.prac ?? ''));

	if (period) {
		const periodColumn = PERIOD_COLUMN[tableName];
		if (periodColumn) {
			conditions.push(`${column(tableName, periodColumn)} BETWEEN ?::DATE AND ?::DATE`);
			params.push(monthStart(period.from), monthStart(period.to));
		} else if (tableName === 'gp_monthly') {
			// Only the index date's financial year is kept; a year counts if it overlaps the period.
			conditions.push(`${column('gp_monthly', 'financial_year')} BETWEEN ? AND ?`);
			params.push(financialYearOfMonth(period.from), financialYearOfMonth(period.to));
		}
	}

	const personFiltered = filters.age.length + filters.sex.length + filters.eth.length + filters.imd.length > 0;
	const referralFiltered = filters.need.length + filters.src.length > 0;
	if (tableName === 'referrals' || tableName === 'wellbeing') {
		conditions.push(...referralConditions(tableName, filters, params, { person: true, referral: true }));
	} else if (tableName === 'gp_use') {
		conditions.push(...referralConditions('gp_use', filters, params, { person: true, referral: false }));
		// The comparison cohort has no referral, so need and source select referred people only.
		const inner = referralConditions('gp_use', filters, params, { person: false, referral: true }).join(' AND ');
		conditions.push(`(${column('gp_use', 'cohort')} = 'comparison' OR (${inner}))`);
		if (referralFiltered) notApplied.push('need and referral source (the comparison cohort has no referral)');
	} else if (THROUGH_REFERRAL.includes(tableName)) {
		if (personFiltered || referralFiltered) {
			const sub: Param[] = [];
			const inner = referralConditions('referrals', filters, sub, { person: true, referral: true }).join(' AND ');
			conditions.push(
				`${column(tableName, 'referral_id')} IN (SELECT ${column('referrals', 'referral_id')} FROM ${table('referrals')} WHERE ${inner})`
			);
			params.push(...sub);
		}
	} else if (personFiltered || referralFiltered) {
		notApplied.push(
			tableName === 'gp_monthly' ? 'demographics, need and source (monthly GP totals carry none)' : 'demographics, need and source'
		);
	}

	return { sql: conditions.length > 0 ? conditions.join(' AND ') : 'TRUE', params, notApplied };
}

/** Tables a filtered query on `tableName` reads besides itself. */
export function filterTables(tableName: TableName, filters: Filters): TableName[] {
	const person = filters.age.length + filters.sex.length + filters.eth.length + filters.imd.length > 0;
	const referral = filters.need.length + filters.src.length > 0;
	if (THROUGH_REFERRAL.includes(tableName)) return person || referral ? ['referrals'] : [];
	return [];
}
