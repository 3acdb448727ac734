/**
 * Queries behind the Overview page. Each returns unrounded aggregates; disclosure control and
 * intervals are applied afterwards by src/lib/figures (the same code in the app and in the
 * pipeline's first-view figures). Counts are cast to INTEGER and sums to DOUBLE so that both
 * DuckDB-WASM and node DuckDB return plain numbers.
 */
import { NO_FILTERS, type Filters } from '../filters/filters.js';
import type { MonthRange } from '../filters/period.js';
import { filterTables, filterWhere } from './filter-sql.js';
import { num, text, type Row } from '../figures/rows.js';
import { column, table, type Query } from './query.js';

/** Geography only: list sizes and practice lists ignore demographic and period filters. */
export function geographyOnly(filters: Filters): Filters {
	return { ...NO_FILTERS, icb: filters.icb, pcn: filters.pcn, prac: filters.prac };
}

/**
 * The Overview's referral counts for a view, in one filtered scan of referrals: a row per PCN and
 * month with referrals (`pcn_code`, `month` 'YYYY-MM', `referrals`, `accepted`, `with_status`:
 * referrals with a recorded status, `contacts`: link worker contacts, null when no contacts file
 * was delivered; `people` null), then one row with `people`, the distinct people referred
 * (counted on `person_key`; other fields null). The totals, months and PCNs are sums of these cells (`overviewReferralParts`):
 * cheaper than asking DuckDB for each shape, which costs a pipeline per shape on every change.
 */
export function overviewReferrals(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	const r = (name: string) => column('referrals', name);
	return {
		sql: `WITH r AS (
	SELECT ${r('pcn_code')} AS pcn_code, ${r('referral_month')} AS month, ${r('person_key')} AS person_key,
		${r('accepted')} AS accepted, ${r('contacts')} AS contacts
	FROM ${table('referrals')} WHERE ${where.sql}
)
SELECT pcn_code, strftime(month, '%Y-%m') AS month, count(*)::INTEGER AS referrals, count(*) FILTER (WHERE accepted)::INTEGER AS accepted,
	count(accepted)::INTEGER AS with_status, sum(contacts)::DOUBLE AS contacts, NULL::INTEGER AS people
FROM r GROUP BY pcn_code, month
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, count(DISTINCT person_key)::INTEGER FROM r`,
		params: where.params,
		tables: ['referrals']
	};
}

/**
 * Every practice loaded, for the PCNs of any geography: `icb_code`, `pcn_code`, `pcn_name`,
 * `practice_code` and `list_size` (null when none was given), by PCN name, PCN and practice.
 * Filters of no kind apply, so one answer serves every view of the session: the page asks once
 * and keeps it, and `overviewReferralParts` picks the view's geography from it. (A query per new
 * PCN or practice cost a filter change a second round trip to DuckDB-WASM, 8 ms or so under load.)
 */
export function overviewPractices(): Query {
	const p = (name: string) => column('practices', name);
	return {
		sql: `SELECT ${p('icb_code')} AS icb_code, ${p('pcn_code')} AS pcn_code, ${p('pcn_name')} AS pcn_name, ${p('practice_code')} AS practice_code,
	${p('list_size')}::DOUBLE AS list_size
FROM ${table('practices')} ORDER BY ${p('pcn_name')}, ${p('pcn_code')}, ${p('practice_code')}`,
		params: [],
		tables: ['practices']
	};
}

/** A row of `OverviewReferralParts`: plain values, as first-view.json stores them. */
export type PartRow = Record<string, string | number | null>;

/** The Overview's referral figures in the shapes its figures read. */
export interface OverviewReferralParts {
	/** One row: referrals, people, accepted, with_status, contacts (null when no contacts file). */
	referrals: PartRow[];
	/** Per month with referrals, in order: month ('YYYY-MM'), referrals, accepted. */
	monthly: PartRow[];
	/** Per PCN of the geography, by name: pcn_code, pcn_name, patients, referrals (0 when none). */
	pcns: PartRow[];
	/** One row: patients (null when no list sizes), practices. */
	patients: PartRow[];
}

/**
 * Sum the cells of `overviewReferrals` into the total, monthly and PCN figures, and the practices
 * of `overviewPractices` in the view's geography (`filters`' ICB, PCN and practice, as
 * filterWhere applies them) into its PCNs and the area's patients and practices. Sums of whole
 * counts, so exactly what SQL's sum would give; a sum over nothing but nulls is null, as in SQL.
 */
export function overviewReferralParts(cells: readonly Row[], practices: readonly Row[], filters: Filters): OverviewReferralParts {
	const counts = cells.filter((c) => c.pcn_code !== null && c.pcn_code !== undefined);
	const people = cells.find((c) => c.pcn_code === null || c.pcn_code === undefined);
	const sum = (rows: readonly Row[], key: string) => {
		let total: number | null = null;
		for (const row of rows) {
			const v = num(row, key);
			if (v !== null) total = (total ?? 0) + v;
		}
		return total;
	};
	const inView = practices.filter(
		(p) =>
			(filters.icb === null || text(p, 'icb_code') === filters.icb) &&
			(filters.pcn === null || text(p, 'pcn_code') === filters.pcn) &&
			(filters.prac === null || text(p, 'practice_code') === filters.prac)
	);
	// Groups in order of first appearance (practices come by PCN name, as the page lists PCNs).
	const groups = (key: string, rows: readonly Row[] = counts) => {
		const out = new Map<string, Row[]>();
		for (const c of rows) {
			const k = text(c, key) ?? '';
			const group = out.get(k);
			if (group) group.push(c);
			else out.set(k, [c]);
		}
		return out;
	};
	const byMonth = groups('month');
	const byPcn = groups('pcn_code');
	const areas = [...groups('pcn_code', inView)].map(([pcn, rows]) => ({ pcn_code: pcn, pcn_name: text(rows[0], 'pcn_name'), patients: sum(rows, 'list_size'), practices: rows.length }));
	return {
		referrals: [
			{
				referrals: sum(counts, 'referrals') ?? 0,
				people: num(people, 'people') ?? 0,
				accepted: sum(counts, 'accepted') ?? 0,
				with_status: sum(counts, 'with_status') ?? 0,
				contacts: sum(counts, 'contacts')
			}
		],
		monthly: [...byMonth.keys()].sort().map((month) => ({ month, referrals: sum(byMonth.get(month)!, 'referrals'), accepted: sum(byMonth.get(month)!, 'accepted') })),
		pcns: areas.map((a) => ({ pcn_code: a.pcn_code, pcn_name: a.pcn_name, patients: a.patients, referrals: sum(byPcn.get(a.pcn_code) ?? [], 'referrals') ?? 0 })),
		patients: [{ patients: sum(inView, 'list_size'), practices: inView.length }]
	};
}

/**
 * Per instrument and measure: referrals with a baseline, with a follow-up, pairs, mean and
 * sample sd of the paired change, and pairs improved / worse by at least the instrument's
 * meaningful change (the pipeline's `meaningful_change`, from DEFAULT_CHANGE_THRESHOLDS).
 */
export function wellbeingByMeasure(filters: Filters, period: MonthRange, groupBy: 'none' | 'pcn' = 'none'): Query {
	const where = filterWhere('wellbeing', filters, period);
	const c = (name: string) => column('wellbeing', name);
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
	count(*) FILTER (WHERE ${c('meaningful_change')} = 1)::INTEGER AS improved,
	count(*) FILTER (WHERE ${c('meaningful_change')} = -1)::INTEGER AS worse
FROM ${table('wellbeing')} WHERE ${where.sql}
GROUP BY ${group}${c('instrument')}, ${c('measure')} ORDER BY ${group}${c('instrument')}, ${c('measure')}`,
		params: where.params,
		tables: ['wellbeing', ...filterTables('wellbeing', filters)]
	};
}

/**
 * Per cohort: people, covered people (`eligible`), and over covered people the sums of
 * appointments before and after and the mean and sample sd of appointments avoided (before minus
 * after). gp_use's counts are null unless the record covers both windows, both together
 * (tests/pipeline/planted-effects.test.ts), so the aggregates skip the uncovered by themselves:
 * no FILTER clause re-evaluated per aggregate (a third faster on 1,000,000 referrals).
 */
export function gpUseByCohort(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('gp_use', filters, period);
	const c = (name: string) => column('gp_use', name);
	const avoided = `${c('appts_before')} - ${c('appts_after')}`;
	return {
		sql: `SELECT ${c('cohort')} AS cohort, count(*)::INTEGER AS people,
	count(${avoided})::INTEGER AS eligible,
	coalesce(sum(${c('appts_before')}), 0)::DOUBLE AS appts_before,
	coalesce(sum(${c('appts_after')}), 0)::DOUBLE AS appts_after,
	avg(${avoided}) AS mean_avoided,
	stddev_samp(${avoided}) AS sd_avoided
FROM ${table('gp_use')} WHERE ${where.sql} GROUP BY ${c('cohort')} ORDER BY ${c('cohort')}`,
		params: where.params,
		tables: ['gp_use', ...filterTables('gp_use', filters)]
	};
}

/**
 * The Overview's queries for a view, one per table read (each is a round trip to DuckDB-WASM and
 * a filtered scan): the page runs them on a filter change, the pipeline for the first view.
 */
export function overviewQueries(filters: Filters, period: MonthRange): { referrals: Query; practices: Query; wellbeing: Query; gp: Query } {
	return { referrals: overviewReferrals(filters, period), practices: overviewPractices(), wellbeing: wellbeingByMeasure(filters, period), gp: gpUseByCohort(filters, period) };
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
