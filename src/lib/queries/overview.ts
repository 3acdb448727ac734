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
 * One row: referrals, distinct people, accepted, referrals with a recorded status, link worker
 * contacts (null when no contacts file was delivered), and referrals with a first contact.
 */
export function headlineReferrals(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	return {
		sql: `SELECT count(*)::INTEGER AS referrals,
	count(DISTINCT ${column('referrals', 'person_id')})::INTEGER AS people,
	count(*) FILTER (WHERE ${column('referrals', 'accepted')})::INTEGER AS accepted,
	count(${column('referrals', 'accepted')})::INTEGER AS with_status,
	sum(${column('referrals', 'contacts')})::DOUBLE AS contacts
FROM ${table('referrals')} WHERE ${where.sql}`,
		params: where.params,
		tables: ['referrals']
	};
}

/** Referrals and accepted referrals per month of the period: `month` ('YYYY-MM'), `referrals`, `accepted`. */
export function referralsByMonth(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	const month = column('referrals', 'referral_month');
	return {
		sql: `SELECT strftime(${month}, '%Y-%m') AS month, count(*)::INTEGER AS referrals,
	count(*) FILTER (WHERE ${column('referrals', 'accepted')})::INTEGER AS accepted
FROM ${table('referrals')} WHERE ${where.sql} GROUP BY ${month} ORDER BY ${month}`,
		params: where.params,
		tables: ['referrals']
	};
}

/**
 * Per PCN in the geography: registered patients (sum of practice list sizes; null when no list
 * sizes were given) and referrals in the period. PCNs with no referrals are kept (0).
 */
export function referralsByPcn(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	const geo = filterWhere('practices', geographyOnly(filters), period);
	const pcn = column('practices', 'pcn_code');
	return {
		sql: `WITH p AS (
	SELECT ${pcn} AS pcn_code, min(${column('practices', 'pcn_name')}) AS pcn_name,
		sum(${column('practices', 'list_size')})::DOUBLE AS patients
	FROM ${table('practices')} WHERE ${geo.sql} GROUP BY ${pcn}
), r AS (
	SELECT ${column('referrals', 'pcn_code')} AS pcn_code, count(*)::INTEGER AS referrals
	FROM ${table('referrals')} WHERE ${where.sql} GROUP BY 1
)
SELECT p.pcn_code, p.pcn_name, p.patients, coalesce(r.referrals, 0)::INTEGER AS referrals
FROM p LEFT JOIN r USING (pcn_code) ORDER BY p.pcn_name, p.pcn_code`,
		params: [...geo.params, ...where.params],
		tables: ['practices', 'referrals']
	};
}

/** Registered patients in the geography (null when no list sizes were given). */
export function registeredPatients(filters: Filters, period: MonthRange): Query {
	const geo = filterWhere('practices', geographyOnly(filters), period);
	return {
		sql: `SELECT sum(${column('practices', 'list_size')})::DOUBLE AS patients, count(*)::INTEGER AS practices FROM ${table('practices')} WHERE ${geo.sql}`,
		params: geo.params,
		tables: ['practices']
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
