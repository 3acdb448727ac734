/**
 * Queries behind the Referrals and equity page: volume by source and need per month, who is
 * referred, the path from referral to completion, days to first contact, signposting and
 * attendance, link worker FTE and contacts. Unrounded aggregates; months as 'YYYY-MM'; a null
 * category means "not recorded".
 */
import { NO_FILTERS, type Filters } from '../filters/filters.js';
import type { MonthRange } from '../filters/period.js';
import { filterTables, filterWhere } from './filter-sql.js';
import { column, table, type Query } from './query.js';

const r = (name: string) => column('referrals', name);
const month = (name: string) => `strftime(${name}, '%Y-%m')`;

/** Referrals per month and referral source: `month`, `category` (null = not recorded), `referrals`. */
export function referralsBySourceByMonth(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	return {
		sql: `SELECT ${month(r('referral_month'))} AS month, ${r('referral_source')} AS category, count(*)::INTEGER AS referrals
FROM ${table('referrals')} WHERE ${where.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
		params: where.params,
		tables: ['referrals']
	};
}

/**
 * Needs recorded per month: `month`, `category` (a need; null for referrals with none recorded),
 * `referrals` (referrals recording that need: one referral counts under each of its needs).
 */
export function needsByMonth(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	const needs = r('needs');
	return {
		sql: `SELECT month, category, count(*)::INTEGER AS referrals FROM (
	SELECT ${month(r('referral_month'))} AS month,
		unnest(CASE WHEN ${needs} IS NULL OR ${needs} = '' THEN [NULL::VARCHAR] ELSE string_split(${needs}, ';') END) AS category
	FROM ${table('referrals')} WHERE ${where.sql}
) GROUP BY 1, 2 ORDER BY 1, 2`,
		params: where.params,
		tables: ['referrals']
	};
}

/** The demographic dimensions of "who is referred", with their referrals column. */
export const COMPOSITION_COLUMNS = { age: 'age_band', sex: 'sex', eth: 'ethnic_group', imd: 'imd_quintile' } as const;

/** A dimension of {@link referralComposition}. */
export type CompositionDimension = keyof typeof COMPOSITION_COLUMNS;

/**
 * Referrals by age band, sex, ethnic group and IMD quintile in one pass: `dimension` (age, sex,
 * eth, imd), `category` (as text; null = not recorded), `referrals`.
 */
export function referralComposition(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	const dims = Object.entries(COMPOSITION_COLUMNS) as [CompositionDimension, string][];
	const parts = dims.map(
		([, name]) => `SELECT ?::VARCHAR AS dimension, ${r(name)}::VARCHAR AS category, count(*)::INTEGER AS referrals FROM ${table('referrals')} WHERE ${where.sql} GROUP BY 2`
	);
	return {
		sql: `${parts.join('\nUNION ALL\n')}\nORDER BY 1, 2`,
		params: dims.flatMap(([dim]) => [dim, ...where.params]),
		tables: ['referrals']
	};
}

/**
 * One row: the path from referral to completion. `referred`; `with_status` (a status recorded);
 * `accepted` (accepted, in progress or completed); `first_contact` (a first contact date);
 * `completed` (status completed).
 */
export function referralPathway(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	return {
		sql: `SELECT count(*)::INTEGER AS referred, count(${r('status')})::INTEGER AS with_status,
	count(*) FILTER (WHERE ${r('accepted')})::INTEGER AS accepted,
	count(${r('first_contact_date')})::INTEGER AS first_contact,
	count(*) FILTER (WHERE ${r('status')} = ?)::INTEGER AS completed
FROM ${table('referrals')} WHERE ${where.sql}`,
		params: ['completed', ...where.params],
		tables: ['referrals']
	};
}

/** Width of a bin of days to first contact, and the bin from which days are pooled ("8 weeks or more"). */
export const DAYS_BIN_WIDTH = 7;
/** See {@link DAYS_BIN_WIDTH}. */
export const DAYS_LAST_BIN = 8;

/** Referrals with a first contact by week of waiting: `bin` (0 = 0-6 days ... 8 = 56 days or more), `referrals`. */
export function firstContactDaysBins(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	const days = r('days_to_first_contact');
	return {
		// floor of a DOUBLE division: '//' on a bound parameter is typed differently by DuckDB-WASM and node DuckDB.
		sql: `SELECT least(floor(greatest(${days}, 0) / ?::DOUBLE), ?::DOUBLE)::INTEGER AS bin, count(*)::INTEGER AS referrals
FROM ${table('referrals')} WHERE ${where.sql} AND ${days} IS NOT NULL GROUP BY 1 ORDER BY 1`,
		params: [DAYS_BIN_WIDTH, DAYS_LAST_BIN, ...where.params],
		tables: ['referrals']
	};
}

/**
 * One row: referrals with a first contact (`n`) and the quartiles of days to first contact
 * (`p25`, `median`, `p75`; linear interpolation between order statistics, R type 7).
 */
export function firstContactDaysSummary(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('referrals', filters, period);
	const days = r('days_to_first_contact');
	return {
		sql: `SELECT count(${days})::INTEGER AS n, quantile_cont(${days}, 0.25)::DOUBLE AS p25,
	quantile_cont(${days}, 0.5)::DOUBLE AS median, quantile_cont(${days}, 0.75)::DOUBLE AS p75
FROM ${table('referrals')} WHERE ${where.sql}`,
		params: where.params,
		tables: ['referrals']
	};
}

/** How signposting can be grouped. */
export type SignpostingGroup = 'activity' | 'provider_type';

/** Onward referrals by activity (or provider type) and attendance: `category`, `attended` (yes/no/unknown; null = not recorded), `signposts`. */
export function signpostingAttendance(filters: Filters, period: MonthRange, by: SignpostingGroup = 'activity'): Query {
	const where = filterWhere('signposting', filters, period);
	const s = (name: string) => column('signposting', name);
	return {
		sql: `SELECT ${s(by)} AS category, ${s('attended')} AS attended, count(*)::INTEGER AS signposts
FROM ${table('signposting')} WHERE ${where.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
		params: where.params,
		tables: ['signposting', ...filterTables('signposting', filters)]
	};
}

/**
 * Filters for the workforce figures: geography (ICB, PCN) and period only. Link workers are
 * employed by the PCN and serve everyone, so practice and demographic filters do not apply to
 * FTE, and contacts are counted alike so that contacts per FTE compares like with like.
 */
export function workforceFilters(filters: Filters): Filters {
	return { ...NO_FILTERS, period: filters.period, icb: filters.icb, pcn: filters.pcn };
}

/** Link worker FTE per PCN and month: `pcn_code`, `month`, `fte`. */
export function workforceByPcnMonth(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('workforce', workforceFilters(filters), period);
	const w = (name: string) => column('workforce', name);
	return {
		sql: `SELECT ${w('pcn_code')} AS pcn_code, ${month(w('workforce_month'))} AS month, sum(${w('fte')})::DOUBLE AS fte
FROM ${table('workforce')} WHERE ${where.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
		params: where.params,
		tables: ['workforce']
	};
}

/** Link worker contacts per PCN and month (geography and period only, as {@link workforceFilters}): `pcn_code`, `month`, `contacts`. */
export function contactsByPcnMonth(filters: Filters, period: MonthRange): Query {
	const where = filterWhere('contacts', workforceFilters(filters), period);
	const c = (name: string) => column('contacts', name);
	return {
		sql: `SELECT ${c('pcn_code')} AS pcn_code, ${month(c('contact_month'))} AS month, count(*)::INTEGER AS contacts
FROM ${table('contacts')} WHERE ${where.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
		params: where.params,
		tables: ['contacts']
	};
}
