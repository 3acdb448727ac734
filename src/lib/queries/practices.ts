/**
 * Per-practice queries behind the Compare practices page (funnel plots) and the Referrals page's
 * rates by practice. Every practice of the geography is returned, with zeros where it has no
 * records, so PCN and area totals can be summed from the rows and secondary suppression sees
 * every sibling. Aggregates are unrounded; disclosure control happens in src/lib/figures.
 */
import type { Filters } from '../filters/filters.js';
import type { MonthRange } from '../filters/period.js';
import type { Instrument } from '../schema/instruments.js';
import { filterTables, filterWhere } from './filter-sql.js';
import { geographyOnly } from './overview.js';
import { column, table, type Param, type Query } from './query.js';

/** The practices of the geography with their PCN: the left side of every per-practice query. */
function practiceList(filters: Filters, period: MonthRange): { sql: string; params: Param[] } {
	const geo = filterWhere('practices', geographyOnly(filters), period);
	const c = (name: string) => column('practices', name);
	return {
		sql: `SELECT ${c('icb_code')} AS icb_code, ${c('pcn_code')} AS pcn_code, ${c('pcn_name')} AS pcn_name,
		${c('practice_code')} AS practice_code, ${c('practice_name')} AS practice_name, ${c('list_size')} AS list_size
	FROM ${table('practices')} WHERE ${geo.sql}`,
		params: geo.params
	};
}

const ORDER = 'ORDER BY p.pcn_name, p.pcn_code, p.practice_name, p.practice_code';

/**
 * Per practice: PCN, registered patients (`list_size`, null without list sizes) and referrals
 * in the period under every filter.
 */
export function practiceReferrals(filters: Filters, period: MonthRange): Query {
	const practices = practiceList(filters, period);
	const where = filterWhere('referrals', filters, period);
	return {
		sql: `WITH p AS (${practices.sql}), r AS (
	SELECT ${column('referrals', 'practice_code')} AS practice_code, count(*)::INTEGER AS referrals
	FROM ${table('referrals')} WHERE ${where.sql} GROUP BY 1
)
SELECT p.icb_code, p.pcn_code, p.pcn_name, p.practice_code, p.practice_name, p.list_size::DOUBLE AS list_size,
	coalesce(r.referrals, 0)::INTEGER AS referrals
FROM p LEFT JOIN r USING (practice_code) ${ORDER}`,
		params: [...practices.params, ...where.params],
		tables: ['practices', 'referrals']
	};
}

/**
 * Per practice, for one wellbeing measure: referrals with a paired score (`pairs`) and those who
 * improved by at least the instrument's meaningful change (`improved`; the pipeline's `meaningful_change`).
 */
export function practiceWellbeing(filters: Filters, period: MonthRange, instrument: Instrument, measure: string): Query {
	const practices = practiceList(filters, period);
	const where = filterWhere('wellbeing', filters, period);
	const c = (name: string) => column('wellbeing', name);
	return {
		sql: `WITH p AS (${practices.sql}), w AS (
	SELECT ${c('practice_code')} AS practice_code,
		count(*) FILTER (WHERE ${c('paired')})::INTEGER AS pairs,
		count(*) FILTER (WHERE ${c('meaningful_change')} = 1)::INTEGER AS improved
	FROM ${table('wellbeing')} WHERE ${where.sql} AND ${c('instrument')} = ? AND ${c('measure')} = ? GROUP BY 1
)
SELECT p.icb_code, p.pcn_code, p.pcn_name, p.practice_code, p.practice_name,
	coalesce(w.pairs, 0)::INTEGER AS pairs, coalesce(w.improved, 0)::INTEGER AS improved
FROM p LEFT JOIN w USING (practice_code) ${ORDER}`,
		params: [...practices.params, ...where.params, instrument, measure],
		tables: ['practices', 'wellbeing', ...filterTables('wellbeing', filters)]
	};
}

/**
 * Per practice, referred cohort only: people whose GP record covers both windows (`eligible`) and
 * the mean and sample sd of their appointments avoided (before minus after).
 */
export function practiceGpUse(filters: Filters, period: MonthRange): Query {
	const practices = practiceList(filters, period);
	const where = filterWhere('gp_use', filters, period);
	const c = (name: string) => column('gp_use', name);
	const eligible = `${c('covered')} AND ${c('appts_before')} IS NOT NULL AND ${c('appts_after')} IS NOT NULL`;
	return {
		sql: `WITH p AS (${practices.sql}), g AS (
	SELECT ${c('practice_code')} AS practice_code, count(*)::INTEGER AS eligible,
		avg(${c('appts_before')} - ${c('appts_after')}) AS mean_avoided,
		stddev_samp(${c('appts_before')} - ${c('appts_after')}) AS sd_avoided
	FROM ${table('gp_use')} WHERE ${where.sql} AND ${c('cohort')} = ? AND ${eligible} GROUP BY 1
)
SELECT p.icb_code, p.pcn_code, p.pcn_name, p.practice_code, p.practice_name,
	coalesce(g.eligible, 0)::INTEGER AS eligible, g.mean_avoided, g.sd_avoided
FROM p LEFT JOIN g USING (practice_code) ${ORDER}`,
		params: [...practices.params, ...where.params, 'referred'],
		tables: ['practices', 'gp_use', ...filterTables('gp_use', filters)]
	};
}
