/**
 * The aggregations behind the datasets, in DuckDB over the published tables (`out_*`) and
 * `ds_area_members`. Each function returns `{ sql, params }`; values are bound, identifiers come
 * from the schema. Counts, sums, means, standard deviations and medians are computed here;
 * intervals, comparisons and disclosure control in TypeScript with src/lib/metrics.
 */
import { CHANGE_TOLERANCE, DEFAULT_CHANGE_THRESHOLDS } from '../../../src/lib/metrics/index.js';
import { INSTRUMENTS, type BREAKDOWNS } from '../../../src/lib/schema/index.js';
import type { Params } from '../db.js';

/** A query and its bound parameters. */
export interface Query {
	sql: string;
	params: Params;
}

/** Periods of an event, by its financial year, quarter and month columns (month only for PCNs when `$month_area` is set). */
const periods = (fy: string, q: string, month: string | null) =>
	`unnest([{'type': 'financial_year', 'label': ${fy}}, {'type': 'quarter', 'label': ${fy} || ' ' || ${q}}${month ? `, {'type': 'month', 'label': strftime(${month}, '%Y-%m')}` : ''}])`;

/** First and last month ('YYYY-MM') of a date column of a table. */
export function monthRange(table: string, column: string): Query {
	return { sql: `SELECT strftime(min(${column}), '%Y-%m') AS first, strftime(max(${column}), '%Y-%m') AS last FROM ${table}`, params: [] };
}

/** Referral counts, people, acceptance and days to first contact by area and period. */
export function referralFigures(): Query {
	return {
		sql: `WITH f AS (
			SELECT m.area_type, m.area_code, ${periods('r.financial_year', 'r.fy_quarter', 'r.referral_month')} AS p,
				r.person_id, r.accepted, r.days_to_first_contact AS days
			FROM out_referrals r JOIN ds_area_members m USING (practice_code)
		)
		SELECT area_type, area_code, p.type AS period_type, p.label AS period,
			count(*)::INTEGER AS referrals, count(DISTINCT person_id)::INTEGER AS people,
			count(accepted)::INTEGER AS status_recorded, count(*) FILTER (WHERE accepted)::INTEGER AS accepted,
			count(days)::INTEGER AS first_contact, median(days)::DOUBLE AS days_median,
			avg(days)::DOUBLE AS days_mean, stddev_samp(days)::DOUBLE AS days_sd
		FROM f WHERE p.type <> 'month' OR area_type = $month_area
		GROUP BY ALL`,
		params: { month_area: 'pcn' }
	};
}

/** Link worker contacts by area and period of the contact date. */
export function contactFigures(): Query {
	return {
		sql: `WITH f AS (
			SELECT m.area_type, m.area_code, ${periods('c.financial_year', 'c.fy_quarter', 'c.contact_month')} AS p
			FROM out_contacts c JOIN ds_area_members m USING (practice_code)
		)
		SELECT area_type, area_code, p.type AS period_type, p.label AS period, count(*)::INTEGER AS contacts
		FROM f WHERE p.type <> 'month' OR area_type = $month_area
		GROUP BY ALL`,
		params: { month_area: 'pcn' }
	};
}

/** The group a referral falls in, per dimension ('not_recorded' when missing); null = no split. */
const GROUP_EXPRESSION: Record<(typeof BREAKDOWNS)[number] | 'none', string> = {
	none: 'NULL::VARCHAR',
	age_band: "coalesce(r.age_band, 'not_recorded')",
	sex: "coalesce(r.sex, 'not_recorded')",
	ethnic_group: "coalesce(r.ethnic_group, 'not_recorded')",
	imd_quintile: "coalesce(r.imd_quintile::VARCHAR, 'not_recorded')",
	need: "coalesce(n.need, 'not_recorded')"
};

/**
 * Wellbeing by area, financial year of referral, instrument, measure and (optionally) one
 * dimension: counts with a baseline, pairs, improved and worse (by each instrument's meaningful
 * change, classified as summariseWellbeing does), and means and sds of the pairs.
 */
export function wellbeingFigures(dimension: keyof typeof GROUP_EXPRESSION, areaTypes: readonly string[]): Query {
	const params: Record<string, string | number> = { tol: CHANGE_TOLERANCE };
	const cases = INSTRUMENTS.map((instrument, i) => {
		params[`i${i}`] = instrument;
		params[`t${i}`] = DEFAULT_CHANGE_THRESHOLDS[instrument].points;
		return `WHEN $i${i} THEN $t${i}`;
	}).join(' ');
	areaTypes.forEach((t, i) => (params[`a${i}`] = t));
	const needs = dimension === 'need' ? 'LEFT JOIN (SELECT DISTINCT referral_id, need FROM out_referral_needs) n USING (referral_id)' : '';
	const paired = (col: string, fn: string) => `${fn}(${col}) FILTER (WHERE change IS NOT NULL)::DOUBLE`;
	return {
		sql: `WITH w AS (
			SELECT w.practice_code, w.financial_year AS period, w.instrument, w.measure, w.baseline_value, w.follow_up_value, w.change,
				CASE w.instrument ${cases} END AS threshold, ${GROUP_EXPRESSION[dimension]} AS grp
			FROM out_wellbeing w JOIN out_referrals r USING (referral_id) ${needs}
		)
		SELECT m.area_type, m.area_code, w.period, w.instrument, w.measure, w.grp,
			count(w.baseline_value)::INTEGER AS with_baseline, count(w.change)::INTEGER AS pairs,
			count(*) FILTER (WHERE w.change >= w.threshold - $tol)::INTEGER AS improved,
			count(*) FILTER (WHERE w.change <= -w.threshold + $tol)::INTEGER AS worse,
			${paired('baseline_value', 'avg')} AS baseline_mean, ${paired('baseline_value', 'stddev_samp')} AS baseline_sd,
			${paired('follow_up_value', 'avg')} AS follow_up_mean, ${paired('follow_up_value', 'stddev_samp')} AS follow_up_sd,
			${paired('change', 'avg')} AS change_mean, ${paired('change', 'stddev_samp')} AS change_sd
		FROM w JOIN ds_area_members m USING (practice_code)
		WHERE ${areaTypes.length > 0 ? `m.area_type IN (${areaTypes.map((_, i) => `$a${i}`).join(', ')})` : 'false'}
		GROUP BY ALL`,
		params
	};
}

/**
 * GP use of covered people by area, financial year of the index date, cohort and baseline use
 * (grp null = everyone): people, means and sds of before, after and avoided, and avoided in total.
 */
export function gpFigures(frequentFrom: number): Query {
	const stats = (col: string, name: string) => `avg(${col})::DOUBLE AS ${name}_mean, stddev_samp(${col})::DOUBLE AS ${name}_sd`;
	return {
		sql: `WITH g AS (
			SELECT practice_code, financial_year AS period, cohort, appts_before AS b, appts_after AS a,
				CASE WHEN appts_before >= $frequent THEN 'frequent_attender' ELSE 'other' END AS grp
			FROM out_gp_use WHERE covered AND appts_before IS NOT NULL AND appts_after IS NOT NULL
		)
		SELECT m.area_type, m.area_code, g.period, g.cohort, g.grp, count(*)::INTEGER AS people,
			${stats('g.b', 'before')}, ${stats('g.a', 'after')}, ${stats('g.b - g.a', 'avoided')}, sum(g.b - g.a)::INTEGER AS avoided_total
		FROM g JOIN ds_area_members m USING (practice_code)
		GROUP BY GROUPING SETS ((m.area_type, m.area_code, g.period, g.cohort, g.grp), (m.area_type, m.area_code, g.period, g.cohort))`,
		params: { frequent: frequentFrom }
	};
}

/** Signposting by area, period and activity (activity null = all): records, attended, attendance recorded. */
export function signpostingFigures(): Query {
	return {
		sql: `WITH s AS (
			SELECT practice_code, activity, attended, ${periods('financial_year', 'fy_quarter', null)} AS p FROM out_signposting
		)
		SELECT m.area_type, m.area_code, s.p.type AS period_type, s.p.label AS period, s.activity,
			count(*)::INTEGER AS signposts, count(*) FILTER (WHERE s.attended = $yes)::INTEGER AS attended,
			count(*) FILTER (WHERE s.attended IN ($yes, $no))::INTEGER AS recorded
		FROM s JOIN ds_area_members m USING (practice_code)
		GROUP BY GROUPING SETS ((m.area_type, m.area_code, s.p.type, s.p.label, s.activity), (m.area_type, m.area_code, s.p.type, s.p.label))`,
		params: { yes: 'yes', no: 'no' }
	};
}

/**
 * Link worker FTE by area and period: each month's FTE summed over the area's PCNs
 * (`ds_pcn_areas`), then averaged over the period's months with a record.
 */
export function workforceFigures(): Query {
	return {
		sql: `WITH monthly AS (
			SELECT a.area_type, a.area_code, w.workforce_month AS month, w.financial_year, w.fy_quarter, sum(w.fte) AS fte
			FROM out_workforce w JOIN ds_pcn_areas a USING (pcn_code) GROUP BY ALL
		), f AS (
			SELECT area_type, area_code, fte, ${periods('financial_year', 'fy_quarter', 'month')} AS p FROM monthly
		)
		SELECT area_type, area_code, p.type AS period_type, p.label AS period, avg(fte)::DOUBLE AS fte, count(*)::INTEGER AS months
		FROM f GROUP BY ALL`,
		params: []
	};
}
