/**
 * Queries behind the Data quality page: the latest month of data per practice and source, and
 * how often optional fields are recorded. They cover all published months (data quality is about
 * the whole delivery) and return unrounded counts; src/lib/figures/data-quality.ts applies
 * disclosure control. Per-practice queries always return every practice of the ICB in scope, so
 * that the ICB's latest month and secondary suppression are worked out over the whole ICB even
 * when the page shows one PCN.
 */
import { NO_FILTERS, type Filters } from '../filters/filters.js';
import type { CompletenessField, CompletenessTable } from '../schema/completeness.js';
import { tableSpec, type TableName } from '../schema/tables.js';
import { filterWhere } from './filter-sql.js';
import type { Row } from '../figures/rows.js';
import { column, table, type Param, type Query } from './query.js';

/** Sources of the latest-month table, with the published table each is read from. */
export const LATEST_SOURCES = ['referrals', 'contacts', 'wellbeing', 'gp'] as const;

/** One source of the latest-month table. */
export type LatestSource = (typeof LATEST_SOURCES)[number];

/** Geography only, every month: `area: 'icb'` keeps the ICB alone, `'pcn'` the ICB and PCN. */
function scope(tableName: TableName, filters: Filters, area: 'icb' | 'pcn') {
	const geography = { ...NO_FILTERS, icb: filters.icb, pcn: area === 'pcn' ? filters.pcn : null };
	return filterWhere(tableName, geography, null);
}

/**
 * Every practice of the ICB in scope with the latest month ('YYYY-MM', null when none) of its
 * referrals, contacts, wellbeing scores (baseline or follow-up) and referred people whose GP
 * records cover both windows (`gp`: the latest referral month that can be measured), as two
 * queries whose rows `latestMonthRows` puts together: `activity` (practice, PCN and ICB codes
 * and names, `referrals`, `contacts`) and `outcomes` (`practice_code`, `wellbeing`, `gp`), one
 * per DuckDB-WASM engine (src/lib/db/connector.ts), so that neither engine loads the other's tables.
 */
export function latestDataMonths(filters: Filters): { activity: Query; outcomes: Query } {
	// Practices filtered before the joins (the summaries also have practice_code); columns qualified.
	const p = (name: string) => `pr.${column('practices', name)}`;
	const practices = scope('practices', filters, 'icb');
	const refs = scope('referrals', filters, 'icb');
	const contacts = scope('contacts', filters, 'icb');
	const wellbeing = scope('wellbeing', filters, 'icb');
	const gp = scope('gp_use', filters, 'icb');
	const w = (name: string) => column('wellbeing', name);
	const g = (name: string) => column('gp_use', name);
	const month = (expr: string) => `strftime(${expr}, '%Y-%m')`;
	const inScope = `(SELECT * FROM ${table('practices')} WHERE ${practices.sql}) pr`;
	return {
		activity: {
			sql: `WITH r AS (
	SELECT ${column('referrals', 'practice_code')} AS practice_code, max(${column('referrals', 'referral_month')}) AS m
	FROM ${table('referrals')} WHERE ${refs.sql} GROUP BY 1
), c AS (
	SELECT ${column('contacts', 'practice_code')} AS practice_code, max(${column('contacts', 'contact_month')}) AS m
	FROM ${table('contacts')} WHERE ${contacts.sql} GROUP BY 1
)
SELECT ${p('icb_code')} AS icb_code, ${p('icb_name')} AS icb_name, ${p('pcn_code')} AS pcn_code, ${p('pcn_name')} AS pcn_name,
	${p('practice_code')} AS practice_code, ${p('practice_name')} AS practice_name,
	${month('r.m')} AS referrals, ${month('c.m')} AS contacts
FROM ${inScope}
LEFT JOIN r ON r.practice_code = ${p('practice_code')}
LEFT JOIN c ON c.practice_code = ${p('practice_code')}
ORDER BY ${p('pcn_name')}, ${p('pcn_code')}, ${p('practice_name')}, ${p('practice_code')}`,
			params: [...refs.params, ...contacts.params, ...practices.params],
			tables: ['referrals', 'contacts', 'practices']
		},
		outcomes: {
			sql: `WITH w AS (
	SELECT ${w('practice_code')} AS practice_code,
		date_trunc('month', max(greatest(coalesce(${w('baseline_date')}, ${w('follow_up_date')}), coalesce(${w('follow_up_date')}, ${w('baseline_date')})))) AS m
	FROM ${table('wellbeing')} WHERE ${wellbeing.sql} GROUP BY 1
), g AS (
	SELECT ${g('practice_code')} AS practice_code, max(${g('index_month')}) AS m
	FROM ${table('gp_use')} WHERE ${gp.sql} AND ${g('cohort')} = ? AND ${g('covered')} GROUP BY 1
)
SELECT ${p('practice_code')} AS practice_code, ${month('w.m')} AS wellbeing, ${month('g.m')} AS gp
FROM ${inScope}
LEFT JOIN w ON w.practice_code = ${p('practice_code')}
LEFT JOIN g ON g.practice_code = ${p('practice_code')}
ORDER BY ${p('practice_code')}`,
			params: [...wellbeing.params, ...gp.params, 'referred', ...practices.params],
			tables: ['wellbeing', 'gp_use', 'practices']
		}
	};
}

/**
 * The rows of `latestDataMonths` as one row per practice, in the activity query's order:
 * icb_code, icb_name, pcn_code, pcn_name, practice_code, practice_name, referrals, contacts,
 * wellbeing, gp. Both queries return every practice in scope, so each finds its partner.
 */
export function latestMonthRows(activity: readonly Row[], outcomes: readonly Row[]): Row[] {
	const byPractice = new Map(outcomes.map((o) => [o.practice_code, o]));
	return activity.map((a) => {
		const o = byPractice.get(a.practice_code);
		return { ...a, wellbeing: o?.wellbeing ?? null, gp: o?.gp ?? null };
	});
}

/** Alias of a field's recorded count in completeness results. */
export function recordedKey(field: CompletenessField): string {
	return `recorded_${field.column}`;
}

/** `count(*) FILTER (...) AS recorded_<column>` for each field; parameters are pushed in text order. */
function recordedCounts(tableName: CompletenessTable, fields: readonly CompletenessField[], params: Param[]): string {
	const types = new Map(tableSpec(tableName).columns.map((c) => [c.name, c.type]));
	return fields
		.map((f) => {
			if (f.table !== tableName) throw new Error(`${f.table}.${f.column} is not a field of ${tableName}`);
			const col = column(tableName, f.column);
			const conditions: string[] = [];
			if (f.base === 'accepted') conditions.push(column('referrals', 'accepted'));
			if (f.base === 'completed') {
				conditions.push(`${column('referrals', 'status')} = ?`);
				params.push('completed');
			}
			conditions.push(`${col} IS NOT NULL`);
			// An empty text is as good as missing (numbers and dates cannot be empty).
			if (types.get(f.column) === 'VARCHAR') conditions.push(`${col} <> ''`);
			if (f.not_recorded.length > 0) {
				conditions.push(`${col} NOT IN (${f.not_recorded.map(() => '?').join(', ')})`);
				params.push(...f.not_recorded);
			}
			return `count(*) FILTER (WHERE ${conditions.join(' AND ')})::INTEGER AS ${recordedKey(f)}`;
		})
		.join(',\n\t');
}

/**
 * Every practice of the ICB in scope with its referrals (all months), accepted and completed
 * referrals, and for each field the referrals (of the field's base) on which it is recorded.
 * Practices with no referrals are kept with zeros.
 */
export function referralCompleteness(filters: Filters, fields: readonly CompletenessField[]): Query {
	const p = (name: string) => `pr.${column('practices', name)}`;
	const r = (name: string) => column('referrals', name);
	const practices = scope('practices', filters, 'icb');
	const refs = scope('referrals', filters, 'icb');
	const selectParams: Param[] = [];
	const counts = recordedCounts('referrals', fields, selectParams);
	const keys = fields.map((f) => `coalesce(a.${recordedKey(f)}, 0)::INTEGER AS ${recordedKey(f)}`).join(', ');
	return {
		sql: `WITH a AS (
	SELECT ${r('practice_code')} AS practice_code, count(*)::INTEGER AS referrals,
	count(*) FILTER (WHERE ${r('accepted')})::INTEGER AS accepted,
	count(*) FILTER (WHERE ${r('status')} = ?)::INTEGER AS completed,
	${counts}
	FROM ${table('referrals')} WHERE ${refs.sql} GROUP BY 1
)
SELECT ${p('icb_code')} AS icb_code, ${p('pcn_code')} AS pcn_code, ${p('practice_code')} AS practice_code, ${p('practice_name')} AS practice_name,
	coalesce(a.referrals, 0)::INTEGER AS referrals, coalesce(a.accepted, 0)::INTEGER AS accepted, coalesce(a.completed, 0)::INTEGER AS completed, ${keys}
FROM (SELECT * FROM ${table('practices')} WHERE ${practices.sql}) pr LEFT JOIN a ON a.practice_code = ${p('practice_code')}
ORDER BY ${p('pcn_name')}, ${p('pcn_code')}, ${p('practice_name')}, ${p('practice_code')}`,
		params: ['completed', ...selectParams, ...refs.params, ...practices.params],
		tables: ['practices', 'referrals']
	};
}

/** One row for the area in scope (ICB and PCN): `rows` of the table and each field's recorded count. */
export function activityCompleteness(tableName: Exclude<CompletenessTable, 'referrals'>, filters: Filters, fields: readonly CompletenessField[]): Query {
	const where = scope(tableName, filters, 'pcn');
	const selectParams: Param[] = [];
	const counts = recordedCounts(tableName, fields, selectParams);
	return {
		sql: `SELECT count(*)::INTEGER AS rows, ${counts} FROM ${table(tableName)} WHERE ${where.sql}`,
		params: [...selectParams, ...where.params],
		tables: [tableName]
	};
}
