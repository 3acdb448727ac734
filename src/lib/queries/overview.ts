/**
 * Queries behind the Overview page. Each returns unrounded aggregates; disclosure control and
 * intervals are applied afterwards by src/lib/figures (the same code in the app and in the
 * pipeline's first-view figures). Counts are cast to INTEGER and sums to DOUBLE so that both
 * DuckDB-WASM and node DuckDB return plain numbers.
 */
import { NO_FILTERS, type Filters } from '../filters/filters.js';
import type { MonthRange } from '../filters/period.js';
import { DEFAULT_CHANGE_THRESHOLDS } from '../metrics/thresholds.js';
import { INSTRUMENTS } from '../schema/instruments.js';
import { filterTables, filterWhere } from './filter-sql.js';
import { column, table, type Query } from './query.js';

/** Geography only: list sizes and practice lists ignore demographic and period filters. */
export function geographyOnly(filters: Filters): Filters {
	return { ...NO_FILTERS, icb: filters.icb, pcn: filters.pcn, prac: filters.prac };
}

/**
 * The Overview's referral figures in one query, so that a filter change costs one round trip to
 * DuckDB-WASM and one filtered scan of referrals rather than four. Each row has a `part`:
 *  - 'total': one row, `referrals`, distinct `people`, `accepted`, `with_status` (referrals with
 *    a recorded status) and link worker `contacts` (null when no contacts file was delivered);
 *  - 'month': per month of the period with referrals, `key` ('YYYY-MM'), `referrals`, `accepted`;
 *  - 'pcn': per PCN in the geography, `key` (PCN code), `name`, `patients` (sum of practice list
 *    sizes; null when none were given) and `referrals` (0 when none);
 *  - 'area': one row, `patients` and `practices` in the geography.
 * List sizes and practice lists follow the geography filters only. `overviewReferralParts`
 * splits the rows into the four shapes the figures read.
 */
export function overviewReferrals(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	const geo = filterWhere('practices', geographyOnly(filters), period);
	const r = (name: string) => column('referrals', name);
	const p = (name: string) => column('practices', name);
	return {
		sql: `WITH r AS (
	SELECT ${r('pcn_code')} AS pcn_code, ${r('referral_month')} AS month, ${r('person_id')} AS person_id,
		${r('accepted')} AS accepted, ${r('contacts')} AS contacts
	FROM ${table('referrals')} WHERE ${where.sql}
), cell AS (
	SELECT pcn_code, month, count(*) AS referrals, count(*) FILTER (WHERE accepted) AS accepted,
		count(accepted) AS with_status, sum(contacts) AS contacts
	FROM r GROUP BY pcn_code, month
), p AS (
	SELECT ${p('pcn_code')} AS pcn_code, min(${p('pcn_name')}) AS pcn_name, sum(${p('list_size')}) AS patients, count(*) AS practices
	FROM ${table('practices')} WHERE ${geo.sql} GROUP BY ${p('pcn_code')}
)
SELECT 'total' AS part, NULL AS key, NULL AS name, coalesce(sum(referrals), 0)::INTEGER AS referrals,
	(SELECT count(DISTINCT person_id) FROM r)::INTEGER AS people, coalesce(sum(accepted), 0)::INTEGER AS accepted,
	coalesce(sum(with_status), 0)::INTEGER AS with_status, sum(contacts)::DOUBLE AS contacts, NULL::DOUBLE AS patients, NULL::INTEGER AS practices
FROM cell
UNION ALL
SELECT 'month', strftime(month, '%Y-%m'), NULL, sum(referrals)::INTEGER, NULL, sum(accepted)::INTEGER, NULL, NULL, NULL, NULL
FROM cell GROUP BY month
UNION ALL
SELECT 'pcn', p.pcn_code, p.pcn_name, coalesce(sum(cell.referrals), 0)::INTEGER, NULL, NULL, NULL, NULL, p.patients::DOUBLE, NULL
FROM p LEFT JOIN cell USING (pcn_code) GROUP BY p.pcn_code, p.pcn_name, p.patients
UNION ALL
SELECT 'area', NULL, NULL, NULL, NULL, NULL, NULL, NULL, sum(patients)::DOUBLE, coalesce(sum(practices), 0)::INTEGER
FROM p
ORDER BY part, name, key`,
		params: [...where.params, ...geo.params],
		tables: ['referrals', 'practices']
	};
}

/** The rows of `overviewReferrals` in the shapes the Overview's figures read (values as given). */
export interface OverviewReferralParts<V = unknown> {
	/** One row: referrals, people, accepted, with_status, contacts. */
	referrals: Record<string, V>[];
	/** Per month with referrals, in order: month ('YYYY-MM'), referrals, accepted. */
	monthly: Record<string, V>[];
	/** Per PCN by name: pcn_code, pcn_name, patients, referrals. */
	pcns: Record<string, V>[];
	/** One row: patients, practices. */
	patients: Record<string, V>[];
}

/** Split the rows of `overviewReferrals` by part (see there), renaming `key` and `name`. */
export function overviewReferralParts<V>(rows: readonly Record<string, V>[]): OverviewReferralParts<V> {
	// [field in the part's rows, column of the query]
	const part = (name: string, fields: [string, string][]) =>
		rows.filter((row) => row.part === name).map((row) => Object.fromEntries(fields.map(([to, from]) => [to, row[from]!])));
	const same = (...names: string[]): [string, string][] => names.map((n) => [n, n]);
	return {
		referrals: part('total', same('referrals', 'people', 'accepted', 'with_status', 'contacts')),
		monthly: part('month', [['month', 'key'], ...same('referrals', 'accepted')]),
		pcns: part('pcn', [['pcn_code', 'key'], ['pcn_name', 'name'], ...same('patients', 'referrals')]),
		patients: part('area', same('patients', 'practices'))
	};
}

/**
 * Per instrument and measure: referrals with a baseline, with a follow-up, pairs, mean and
 * sample sd of the paired change, and pairs improved / worse by at least the instrument's
 * meaningful change (DEFAULT_CHANGE_THRESHOLDS, bound as parameters).
 */
export function wellbeingByMeasure(filters: Filters, period: MonthRange, groupBy: 'none' | 'pcn' = 'none'): Query {
	const where = filterWhere('wellbeing', filters, period);
	const c = (name: string) => column('wellbeing', name);
	// Thresholds as CASE arms with bound values; the 1e-9 tolerance matches summariseWellbeing.
	const threshold = `CASE ${c('instrument')} ${INSTRUMENTS.map(() => 'WHEN ? THEN ?').join(' ')} END`;
	const thresholdParams = INSTRUMENTS.flatMap((i) => [i, DEFAULT_CHANGE_THRESHOLDS[i].points]);
	const group = groupBy === 'pcn' ? `${c('pcn_code')}, ` : '';
	return {
		sql: `SELECT ${group}${c('instrument')} AS instrument, ${c('measure')} AS measure,
	count(${c('baseline_value')})::INTEGER AS n_baseline,
	count(${c('follow_up_value')})::INTEGER AS n_follow_up,
	count(*) FILTER (WHERE ${c('paired')})::INTEGER AS n_paired,
	avg(${c('change')}) FILTER (WHERE ${c('paired')}) AS mean_change,
	stddev_samp(${c('change')}) FILTER (WHERE ${c('paired')}) AS sd_change,
	avg(${c('baseline_value')}) FILTER (WHERE ${c('paired')}) AS mean_baseline,
	avg(${c('follow_up_value')}) FILTER (WHERE ${c('paired')}) AS mean_follow_up,
	count(*) FILTER (WHERE ${c('paired')} AND ${c('change')} >= ${threshold} - 1e-9)::INTEGER AS improved,
	count(*) FILTER (WHERE ${c('paired')} AND ${c('change')} <= -(${threshold}) + 1e-9)::INTEGER AS worse
FROM ${table('wellbeing')} WHERE ${where.sql}
GROUP BY ${group}${c('instrument')}, ${c('measure')} ORDER BY ${group}${c('instrument')}, ${c('measure')}`,
		params: [...thresholdParams, ...thresholdParams, ...where.params],
		tables: ['wellbeing', ...filterTables('wellbeing', filters)]
	};
}

/**
 * Per cohort: people, covered people, and over covered people the sums of appointments before
 * and after and the mean and sample sd of appointments avoided (before minus after).
 */
export function gpUseByCohort(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('gp_use', filters, period);
	const c = (name: string) => column('gp_use', name);
	const eligible = `${c('covered')} AND ${c('appts_before')} IS NOT NULL AND ${c('appts_after')} IS NOT NULL`;
	return {
		sql: `SELECT ${c('cohort')} AS cohort, count(*)::INTEGER AS people,
	count(*) FILTER (WHERE ${eligible})::INTEGER AS eligible,
	coalesce(sum(${c('appts_before')}) FILTER (WHERE ${eligible}), 0)::DOUBLE AS appts_before,
	coalesce(sum(${c('appts_after')}) FILTER (WHERE ${eligible}), 0)::DOUBLE AS appts_after,
	avg(${c('appts_before')} - ${c('appts_after')}) FILTER (WHERE ${eligible}) AS mean_avoided,
	stddev_samp(${c('appts_before')} - ${c('appts_after')}) FILTER (WHERE ${eligible}) AS sd_avoided
FROM ${table('gp_use')} WHERE ${where.sql} GROUP BY ${c('cohort')} ORDER BY ${c('cohort')}`,
		params: where.params,
		tables: ['gp_use', ...filterTables('gp_use', filters)]
	};
}

/**
 * The Overview's queries for a view, one per table read (each is a round trip to DuckDB-WASM and
 * a filtered scan): the page runs them on a filter change, the pipeline for the first view.
 */
export function overviewQueries(filters: Filters, period: MonthRange): { referrals: Query; wellbeing: Query; gp: Query } {
	return { referrals: overviewReferrals(filters, period), wellbeing: wellbeingByMeasure(filters, period), gp: gpUseByCohort(filters, period) };
}

/** The range of referral months in the data: `first`, `last` ('YYYY-MM'; null when empty). */
export function referralMonthRange(): Query {
	const month = column('referrals', 'referral_month');
	return {
		sql: `SELECT strftime(min(${month}), '%Y-%m') AS first, strftime(max(${month}), '%Y-%m') AS last FROM ${table('referrals')}`,
		params: [],
		tables: ['referrals']
	};
}

/** Every practice with its PCN and ICB names, for the geography filter. */
export function areaList(): Query {
	const c = (name: string) => column('practices', name);
	return {
		sql: `SELECT ${c('icb_code')} AS icb_code, ${c('icb_name')} AS icb_name, ${c('pcn_code')} AS pcn_code, ${c('pcn_name')} AS pcn_name,
	${c('practice_code')} AS practice_code, ${c('practice_name')} AS practice_name
FROM ${table('practices')} ORDER BY ${c('icb_name')}, ${c('pcn_name')}, ${c('practice_name')}, ${c('practice_code')}`,
		params: [],
		tables: ['practices']
	};
}
