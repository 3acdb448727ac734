/**
 * Queries behind the Wellbeing page (the per-measure summary is overview.ts' wellbeingByMeasure).
 * Each returns unrounded aggregates over paired scores of one instrument/measure; disclosure
 * control, percentages and intervals are applied by src/lib/figures/wellbeing.ts.
 */
import type { Filters } from '../filters/filters.js';
import type { MonthRange } from '../filters/period.js';
import { ONS4_BANDS, type Ons4Measure } from '../metrics/ons4-bands.js';
import { INSTRUMENTS, type MeasureSpec } from '../schema/instruments.js';
import { filterTables, filterWhere } from './filter-sql.js';
import type { Row } from '../figures/rows.js';
import { column, table, type Param, type Query } from './query.js';

/** Dimensions paired change can be broken down by. */
export const CHANGE_DIMENSIONS = ['pcn', 'need', 'imd', 'age', 'sex'] as const;

/** One breakdown dimension. */
export type ChangeDimension = (typeof CHANGE_DIMENSIONS)[number];

const w = (name: string) => column('wellbeing', name);

/** The filtered paired rows of one measure as a CTE named `pairs`, with its parameters. */
function pairsCte(filters: Filters, period: MonthRange, spec: Pick<MeasureSpec, 'instrument' | 'measure'>): { sql: string; params: Param[] } {
	const where = filterWhere('wellbeing', filters, period);
	return {
		sql: `pairs AS (SELECT * FROM ${table('wellbeing')} WHERE ${where.sql} AND ${w('instrument')} = ? AND ${w('measure')} = ? AND ${w('paired')})`,
		params: [...where.params, spec.instrument, spec.measure]
	};
}

/**
 * Baseline and follow-up scores of the pairs in bins: `bin` (0-based: floor((value - min) /
 * width), the top score folded into the last bin), `baseline` and `follow_up` counts.
 */
export function wellbeingDistribution(
	filters: Filters,
	period: MonthRange,
	spec: Pick<MeasureSpec, 'instrument' | 'measure'>,
	bins: { min: number; width: number; count: number }
): Query {
	const pairs = pairsCte(filters, period, spec);
	const bin = (value: string) => `least(floor((${w(value)} - ?) / ?), ?)::INTEGER`;
	const binParams = [bins.min, bins.width, bins.count - 1];
	return {
		sql: `WITH ${pairs.sql}, scores AS (
	SELECT 'baseline' AS timepoint, ${bin('baseline_value')} AS bin FROM pairs
	UNION ALL
	SELECT 'follow_up', ${bin('follow_up_value')} FROM pairs
)
SELECT bin, count(*) FILTER (WHERE timepoint = 'baseline')::INTEGER AS baseline,
	count(*) FILTER (WHERE timepoint = 'follow_up')::INTEGER AS follow_up
FROM scores GROUP BY bin ORDER BY bin`,
		params: [...pairs.params, ...binParams, ...binParams],
		tables: ['wellbeing', ...filterTables('wellbeing', filters)]
	};
}

/** The column a breakdown groups by, and the table it comes from (joined on referral_id). */
const DIMENSION_SOURCE: Record<ChangeDimension, { table: 'wellbeing' | 'referrals' | 'referral_needs'; column: string }> = {
	pcn: { table: 'wellbeing', column: 'pcn_code' },
	need: { table: 'referral_needs', column: 'need' },
	imd: { table: 'referrals', column: 'imd_quintile' },
	age: { table: 'referrals', column: 'age_band' },
	sex: { table: 'referrals', column: 'sex' }
};

/**
 * Paired change of one measure by a dimension: `grp` (text; null = not recorded), `pairs`,
 * `mean_change` and `sd_change`. A referral with several needs counts once under each need.
 */
export function wellbeingChangeBy(filters: Filters, period: MonthRange, spec: Pick<MeasureSpec, 'instrument' | 'measure'>, dimension: ChangeDimension): Query {
	const pairs = pairsCte(filters, period, spec);
	const source = DIMENSION_SOURCE[dimension];
	const change = w('change');
	const from =
		source.table === 'wellbeing'
			? `SELECT ${w(source.column)}::VARCHAR AS grp, ${change} AS change FROM pairs`
			: `SELECT d.grp, pairs.${change} AS change FROM pairs JOIN (
		SELECT ${column(source.table, 'referral_id')} AS referral_id, ${column(source.table, source.column)}::VARCHAR AS grp FROM ${table(source.table)}
	) d ON d.referral_id = pairs.${w('referral_id')}`;
	return {
		sql: `WITH ${pairs.sql}
SELECT grp, count(*)::INTEGER AS pairs, avg(change) AS mean_change, stddev_samp(change) AS sd_change
FROM (${from}) GROUP BY grp ORDER BY grp`,
		params: pairs.params,
		tables: ['wellbeing', ...(source.table === 'wellbeing' ? [] : [source.table]), ...filterTables('wellbeing', filters)]
	};
}

/**
 * ONS4 band at baseline and at follow-up of each pair, counted: `baseline_band`,
 * `follow_up_band`, `pairs`. The bands' cut-offs (ONS4_BANDS) are bound as parameters.
 */
export function ons4BandPairs(filters: Filters, period: MonthRange, measure: Ons4Measure): Query {
	const pairs = pairsCte(filters, period, { instrument: 'ons4', measure });
	const bands = ONS4_BANDS[measure];
	const band = (value: string) => `CASE ${bands.map(() => `WHEN ${w(value)} <= ? THEN ?`).join(' ')} END`;
	const bandParams = bands.flatMap(([name, top]) => [top, name]);
	return {
		sql: `WITH ${pairs.sql}
SELECT baseline_band, follow_up_band, count(*)::INTEGER AS pairs
FROM (SELECT ${band('baseline_value')} AS baseline_band, ${band('follow_up_value')} AS follow_up_band FROM pairs)
GROUP BY baseline_band, follow_up_band ORDER BY baseline_band, follow_up_band`,
		params: [...pairs.params, ...bandParams, ...bandParams],
		tables: ['wellbeing', ...filterTables('wellbeing', filters)]
	};
}

/**
 * Completeness of wellbeing scores among accepted referrals, per PCN (`pcn_code`, null on the
 * total row) and per instrument (`instrument`: each instrument, and 'any' for any of them):
 * `accepted` referrals, and of those how many have a `baseline`, a `follow_up` and a `paired`
 * score for at least one measure of the instrument. Two queries, one per DuckDB-WASM engine
 * (src/lib/db/connector.ts), put together by `wellbeingCompletenessRows`: `accepted` counts
 * accepted referrals in referrals, `scores` counts those with scores in wellbeing, which carries
 * each referral's filter columns and accepted flag, so the same filters select the same referrals.
 */
export function wellbeingCompleteness(filters: Filters, period: MonthRange): { accepted: Query; scores: Query } {
	const referrals = filterWhere('referrals', filters, period);
	const r = (name: string) => column('referrals', name);
	const where = filterWhere('wellbeing', filters, period);
	return {
		accepted: {
			sql: `SELECT ${r('pcn_code')} AS pcn_code, count(*)::INTEGER AS accepted
FROM ${table('referrals')} WHERE ${referrals.sql} AND ${r('accepted')}
GROUP BY GROUPING SETS ((${r('pcn_code')}), ())
ORDER BY pcn_code NULLS LAST`,
			params: referrals.params,
			tables: ['referrals']
		},
		scores: {
			sql: `WITH per AS (
	SELECT ${w('referral_id')} AS referral_id, ${w('pcn_code')} AS pcn_code, ${w('instrument')}::VARCHAR AS instrument,
		bool_or(${w('baseline_value')} IS NOT NULL) AS b, bool_or(${w('follow_up_value')} IS NOT NULL) AS f, bool_or(${w('paired')}) AS p
	FROM ${table('wellbeing')} WHERE ${where.sql} AND ${w('accepted')} GROUP BY ALL
), flags AS (
	SELECT * FROM per
	UNION ALL
	SELECT referral_id, pcn_code, 'any', bool_or(b), bool_or(f), bool_or(p) FROM per GROUP BY referral_id, pcn_code
)
SELECT pcn_code, instrument,
	count(*) FILTER (WHERE b)::INTEGER AS baseline,
	count(*) FILTER (WHERE f)::INTEGER AS follow_up,
	count(*) FILTER (WHERE p)::INTEGER AS paired
FROM flags
GROUP BY GROUPING SETS ((pcn_code, instrument), (instrument))
ORDER BY pcn_code NULLS LAST, instrument`,
			params: where.params,
			tables: ['wellbeing', ...filterTables('wellbeing', filters)]
		}
	};
}

/**
 * The rows of `wellbeingCompleteness` as one row per PCN with accepted referrals (then the total,
 * `pcn_code` null) and instrument ('any' and each instrument, by name): pcn_code, instrument, accepted,
 * baseline, follow_up, paired (0 where no accepted referral of the PCN has a score).
 */
export function wellbeingCompletenessRows(accepted: readonly Row[], scores: readonly Row[]): Row[] {
	const key = (pcn: unknown, instrument: unknown) => `${pcn === null || pcn === undefined ? '' : String(pcn)}\u0000${String(instrument)}`;
	const byKey = new Map(scores.map((s) => [key(s.pcn_code, s.instrument), s]));
	// In code-unit order, as the query's ORDER BY on text gives them ('any' first).
	const instruments = ['any', ...INSTRUMENTS].sort();
	return accepted.flatMap((a) =>
		instruments.map((instrument) => {
			const s = byKey.get(key(a.pcn_code, instrument));
			return {
				pcn_code: a.pcn_code ?? null,
				instrument,
				accepted: a.accepted,
				baseline: s?.baseline ?? 0,
				follow_up: s?.follow_up ?? 0,
				paired: s?.paired ?? 0
			};
		})
	);
}
