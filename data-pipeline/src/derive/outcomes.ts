/**
 * Derived outcome tables: wellbeing pairs, GP use around each index date, and GP use by month
 * relative to it. Each function returns the SELECT that fills the table.
 */
import { SWEMWBS_METRIC_BY_RAW, SWEMWBS_RAW_MIN } from '../../../src/lib/metrics/swemwbs.js';
import { DEFAULT_CHANGE_THRESHOLDS } from '../../../src/lib/metrics/thresholds.js';
import { CHANGE_TOLERANCE } from '../../../src/lib/metrics/wellbeing-summary.js';
import { INSTRUMENTS, MEASURES } from '../../../src/lib/schema/index.js';
import { str } from '../load/column-sql.js';

/**
 * Baseline, follow-up and paired change per referral, instrument and measure.
 * Baseline: the earliest score labelled baseline, else the earliest unlabelled score.
 * Follow-up: the latest labelled follow_up, else the latest unlabelled score after the baseline.
 * Review scores are never paired. SWEMWBS raw sums become metric scores through Warwick's table
 * (src/lib/metrics/swemwbs.ts). `meaningful_change` compares the paired change with the
 * instrument's meaningful change (src/lib/metrics/thresholds.ts) once, here, so that the app's
 * queries count improved and worse pairs without a per-row CASE.
 */
export function wellbeingSql(): string {
	const conv = SWEMWBS_METRIC_BY_RAW.map((metric, i) => `(${SWEMWBS_RAW_MIN + i}, ${metric})`).join(', ');
	// The instrument's meaningful change, with the same tolerance as summariseWellbeing.
	const threshold = `CASE v.instrument ${INSTRUMENTS.map((i) => `WHEN ${str(i)} THEN ${DEFAULT_CHANGE_THRESHOLDS[i].points}`).join(' ')} END`;
	const direction = `CASE ${MEASURES.map((m) => `WHEN instrument = ${str(m.instrument)} AND measure = ${str(m.measure)} THEN ${m.higher_is_better ? 1 : -1}`).join(' ')} END`;
	// The date and score of the earliest (or latest) score of a kind: plain aggregates per row, a
	// struct per group only (building a struct per row cost more than the aggregation). A date
	// is unique within a group (one score per referral, instrument, measure and date).
	const pick = (fn: 'min' | 'max', filter: string, as: string) =>
		`${fn}(assessment_date) FILTER (WHERE ${filter}) AS ${as}_d, arg_${fn}(score, assessment_date) FILTER (WHERE ${filter}) AS ${as}_s`;
	const pair = (as: string) => `CASE WHEN ${as}_d IS NOT NULL THEN {'d': ${as}_d, 's': ${as}_s} END`;
	return `WITH a AS (
		SELECT referral_id, instrument, measure,
			${pick('min', "timepoint = 'baseline'", 'bl_l')}, ${pick('min', 'timepoint IS NULL', 'bl_u')},
			${pick('max', "timepoint = 'follow_up'", 'fu_l')}, ${pick('max', 'timepoint IS NULL', 'fu_u')}
		FROM final_wellbeing GROUP BY ALL
	), g AS (
		SELECT referral_id, instrument, measure, coalesce(${pair('bl_l')}, ${pair('bl_u')}) AS bl, ${pair('fu_l')} AS fu_l, ${pair('fu_u')} AS fu_u FROM a
	), p AS (
		SELECT *, CASE WHEN fu_l.d > bl.d THEN fu_l WHEN fu_l IS NULL AND fu_u.d > bl.d THEN fu_u END AS fu FROM g
	), conv(raw, metric) AS (VALUES ${conv}),
	v AS (
		SELECT p.*,
			CASE WHEN instrument = 'swemwbs' THEN cb.metric ELSE bl.s END AS baseline_value,
			CASE WHEN instrument = 'swemwbs' THEN cf.metric ELSE fu.s END AS follow_up_value,
			${direction} AS direction
		FROM p LEFT JOIN conv cb ON cb.raw = p.bl.s LEFT JOIN conv cf ON cf.raw = p.fu.s
	)
	SELECT r.icb_code, r.pcn_code, r.practice_code, v.referral_id, v.instrument, v.measure,
		v.bl.d AS baseline_date, v.bl.s AS baseline_score, v.fu.d AS follow_up_date, v.fu.s AS follow_up_score,
		v.baseline_value, v.follow_up_value, v.fu IS NOT NULL AND v.bl IS NOT NULL AS paired,
		round((v.follow_up_value - v.baseline_value) * v.direction, 10) AS change,
		CASE WHEN v.fu IS NOT NULL AND v.bl IS NOT NULL THEN
			CASE WHEN change >= ${threshold} - ${CHANGE_TOLERANCE} THEN 1 WHEN change <= -(${threshold}) + ${CHANGE_TOLERANCE} THEN -1 ELSE 0 END
		END::INTEGER AS meaningful_change,
		(v.fu.d - v.bl.d)::INTEGER AS days_between, r.referral_month, r.financial_year, r.accepted,
		r.referral_source, r.needs, r.age_band, r.sex, r.ethnic_group, r.imd_decile, r.imd_quintile
	FROM v JOIN out_referrals r USING (referral_id)`;
}

/** The index events: every referral (cohort referred) and every comparison person. */
const INDEX_EVENTS = `
	SELECT icb_code, pcn_code, practice_code, 'referred' AS cohort, referral_id, person_id, referral_date AS index_date,
		age_band, sex, ethnic_group, imd_decile, imd_quintile, referral_source, needs FROM out_referrals
	UNION ALL
	SELECT p.icb_code, p.pcn_code, c.practice_code, 'comparison', NULL, c.person_id, c.index_date,
		c.age_band, c.sex, c.ethnic_group, c.imd_decile, sp_quintile(c.imd_decile), NULL, NULL FROM final_comparison c JOIN ref_practices p USING (practice_code)`;

/**
 * The groups of index events that gp_monthly sums over (practice, cohort and financial year of
 * the index date), numbered, as the temp table `gp_groups`. The numbers are only join keys, so
 * their order does not matter.
 */
export function gpGroupsSql(): string {
	return `SELECT row_number() OVER ()::INTEGER AS grp, * FROM (
		SELECT DISTINCT icb_code, pcn_code, practice_code, cohort, sp_fy(index_date) AS financial_year FROM (${INDEX_EVENTS})
	)`;
}

/** A first-of-month date as a month number (year * 12 + month), for arithmetic on months. */
const monthNumber = (d: string) => `(year(${d}) * 12 + month(${d}))::INTEGER`;

/**
 * The GP months the joins read, with their month number: comparing and subtracting integers per
 * joined row costs a fraction of date arithmetic with intervals.
 */
const GP_MONTHS = `SELECT person_id, appointments, ${monthNumber('month')} AS mn FROM final_gp_appointments`;

/**
 * The index events for the GP joins, as the temp table `gp_index`: each event (a referral, or a
 * comparison person) with `grp`, its group in `gp_groups`, `m`, its index month, and `mn`, that
 * month's number. The joins identify an event by its row id in this table, so that they group
 * tens of millions of GP rows by small integers instead of several text columns.
 */
export function gpIndexSql(): string {
	return `SELECT *, ${monthNumber('m')} AS mn FROM (
		SELECT e.*, g.grp, sp_month(e.index_date) AS m
		FROM (${INDEX_EVENTS}) e
		JOIN gp_groups g ON g.practice_code = e.practice_code AND g.cohort = e.cohort AND g.financial_year = sp_fy(e.index_date)
	)`;
}

/**
 * GP appointments in the W months before and after the index month (which is excluded),
 * counted only where the extract covers all 2W months. Reads `gp_index`; binds `$w`.
 */
export function gpUseSql(): string {
	return `WITH win AS (
		SELECT i.rowid AS ev,
			count(g.mn) FILTER (WHERE g.mn < i.mn) AS mb,
			count(g.mn) FILTER (WHERE g.mn > i.mn) AS ma,
			sum(g.appointments) FILTER (WHERE g.mn < i.mn) AS ab,
			sum(g.appointments) FILTER (WHERE g.mn > i.mn) AS aa
		FROM gp_index i JOIN (${GP_MONTHS}) g ON g.person_id = i.person_id
			AND g.mn BETWEEN i.mn - $w::INTEGER AND i.mn + $w::INTEGER AND g.mn <> i.mn
		GROUP BY i.rowid
	)
	SELECT i.icb_code, i.pcn_code, i.practice_code, i.cohort, i.referral_id, i.person_id, i.index_date,
		i.m AS index_month, sp_fy(i.index_date) AS financial_year, $w::INTEGER AS window_months,
		coalesce(w.mb, 0)::INTEGER AS months_before, coalesce(w.ma, 0)::INTEGER AS months_after,
		coalesce(w.mb = $w AND w.ma = $w, false) AS covered,
		CASE WHEN w.mb = $w AND w.ma = $w THEN w.ab END::INTEGER AS appts_before,
		CASE WHEN w.mb = $w AND w.ma = $w THEN w.aa END::INTEGER AS appts_after,
		i.age_band, i.sex, i.ethnic_group, i.imd_decile, i.imd_quintile, i.referral_source, i.needs
	FROM gp_index i LEFT JOIN win w ON w.ev = i.rowid`;
}

/** Appointments and people covered by month relative to the index month, -12 to 12. Reads `gp_index` and `gp_groups`. */
export function gpMonthlySql(): string {
	return `WITH agg AS (
		SELECT i.grp, g.mn - i.mn AS relative_month, count(*) AS people, sum(g.appointments) AS appointments
		FROM gp_index i JOIN (${GP_MONTHS}) g ON g.person_id = i.person_id AND g.mn BETWEEN i.mn - 12 AND i.mn + 12
		GROUP BY ALL
	)
	SELECT g.icb_code, g.pcn_code, g.practice_code, g.cohort, g.financial_year, a.relative_month,
		a.people::INTEGER AS people, a.appointments::INTEGER AS appointments
	FROM agg a JOIN gp_groups g USING (grp)`;
}
