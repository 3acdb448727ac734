/**
 * Queries behind the GP time freed page (the all-area figures per cohort are overview.ts'
 * gpUseByCohort). Each returns unrounded aggregates; src/lib/figures/gp-time.ts applies
 * disclosure control, differences-in-differences and intervals.
 */
import type { Filters } from '../filters/filters.js';
import type { MonthRange } from '../filters/period.js';
import { DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS } from '../metrics/gp-use.js';
import { filterTables, filterWhere } from './filter-sql.js';
import { column, table, type Query } from './query.js';

const g = (name: string) => column('gp_use', name);

/**
 * Appointments and people by month relative to the index month (-12 to 12) per cohort:
 * `cohort`, `relative_month`, `people` (index events whose GP record covers that month) and
 * `appointments`. gp_monthly carries no demographics and keeps the index date's financial year
 * only: see {@link gpMonthlyNotApplied}.
 */
export function gpMonthlyByCohort(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('gp_monthly', filters, period);
	const m = (name: string) => column('gp_monthly', name);
	return {
		sql: `SELECT ${m('cohort')} AS cohort, ${m('relative_month')} AS relative_month,
	sum(${m('people')})::DOUBLE AS people, sum(${m('appointments')})::DOUBLE AS appointments
FROM ${table('gp_monthly')} WHERE ${where.sql}
GROUP BY ${m('cohort')}, ${m('relative_month')} ORDER BY ${m('cohort')}, ${m('relative_month')}`,
		params: where.params,
		tables: ['gp_monthly']
	};
}

/** Filters the monthly GP table cannot apply, in words, for the chart's notes. */
export function gpMonthlyNotApplied(filters: Filters, period: MonthRange): string[] {
	return filterWhere('gp_monthly', filters, period).notApplied;
}

/** Filters the per-person GP table cannot apply (need and source for the comparison cohort). */
export function gpUseNotApplied(filters: Filters, period: MonthRange): string[] {
	return filterWhere('gp_use', filters, period).notApplied;
}

/** Per-group moments of appointments avoided over eligible people (covered, both counts present). */
function groupStats(): string {
	const eligible = `${g('covered')} AND ${g('appts_before')} IS NOT NULL AND ${g('appts_after')} IS NOT NULL`;
	return `count(*)::INTEGER AS people,
	count(*) FILTER (WHERE ${eligible})::INTEGER AS eligible,
	coalesce(sum(${g('appts_before')}) FILTER (WHERE ${eligible}), 0)::DOUBLE AS appts_before,
	coalesce(sum(${g('appts_after')}) FILTER (WHERE ${eligible}), 0)::DOUBLE AS appts_after,
	avg(${g('appts_before')} - ${g('appts_after')}) FILTER (WHERE ${eligible}) AS mean_avoided,
	stddev_samp(${g('appts_before')} - ${g('appts_after')}) FILTER (WHERE ${eligible}) AS sd_avoided`;
}

/** As gpUseByCohort, per PCN: `pcn_code`, `cohort` and the same columns. */
export function gpUseByPcn(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('gp_use', filters, period);
	return {
		sql: `SELECT ${g('pcn_code')} AS pcn_code, ${g('cohort')} AS cohort, ${groupStats()}
FROM ${table('gp_use')} WHERE ${where.sql} GROUP BY ${g('pcn_code')}, ${g('cohort')} ORDER BY ${g('pcn_code')}, ${g('cohort')}`,
		params: where.params,
		tables: ['gp_use', ...filterTables('gp_use', filters)]
	};
}

/**
 * As gpUseByCohort, split by baseline use: `attender` is 'frequent' for eligible people with at
 * least ceil(8 x W / 6) appointments in the W months before (DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS
 * bound, W from each row's window_months), else 'other' (people not eligible fall under
 * 'other' but are not counted in `eligible`).
 */
export function gpUseByAttendance(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('gp_use', filters, period);
	const frequent = `${g('appts_before')} >= ceil(? * ${g('window_months')} / 6.0)`;
	return {
		sql: `SELECT ${g('cohort')} AS cohort, attender, ${groupStats()}
FROM (SELECT *, CASE WHEN ${frequent} THEN 'frequent' ELSE 'other' END AS attender FROM ${table('gp_use')} WHERE ${where.sql})
GROUP BY ${g('cohort')}, attender ORDER BY ${g('cohort')}, attender`,
		params: [DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS, ...where.params],
		tables: ['gp_use', ...filterTables('gp_use', filters)]
	};
}
