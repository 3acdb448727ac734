/**
 * The Wellbeing page's figures from its query results: the summary of every measure, the
 * distributions of the chosen measure and its paired change by group. Disclosure control
 * first, then percentages, means and intervals from what may be shown. Pure.
 * Band movement and completeness are in wellbeing-bands.ts and wellbeing-completeness.ts.
 */
import { benchmarkLabel, disclose, discloseCount, DEFAULT_CHANGE_THRESHOLDS, suppressHierarchy, type BenchmarkLabel, type DisclosedValue } from '../metrics/index.js';
import { AGE_BANDS, NEEDS, SEXES } from '../schema/enums.js';
import { MEASURES, type MeasureSpec } from '../schema/instruments.js';
import { IMD_QUINTILES, valueLabel } from '../filters/filters.js';
import type { ChangeDimension } from '../queries/wellbeing.js';
import type { ShownInterval } from './overview.js';
import { count, num, text, type Row } from './rows.js';
import { sharePercent, shownMean } from './share.js';

/** The measure the page shows first: ONS4 life satisfaction, the most widely collected. */
export const DEFAULT_MEASURE_KEY = 'ons4.life_satisfaction';

/** A measure's key in the page URL (`m=ons4.life_satisfaction`). */
export function measureKey(spec: Pick<MeasureSpec, 'instrument' | 'measure'>): string {
	return `${spec.instrument}.${spec.measure}`;
}

/** The measure of a URL key; the default for a missing or unknown key. */
export function measureFromKey(key: string | null): MeasureSpec {
	return MEASURES.find((m) => measureKey(m) === key) ?? MEASURES.find((m) => measureKey(m) === DEFAULT_MEASURE_KEY)!;
}

/** A measure's name on these pages: SWEMWBS is analysed on its metric score, not the raw total its spec names. */
export function measureLabel(spec: Pick<MeasureSpec, 'instrument' | 'label'>): string {
	return spec.instrument === 'swemwbs' ? 'SWEMWBS (metric score)' : spec.label;
}

/** Meaningful change of every instrument in words, e.g. 'ONS4 1 point, WEMWBS 3 points, ...'. */
export function thresholdsText(): string {
	const names: Record<string, string> = { ons4: 'ONS4', wemwbs: 'WEMWBS', swemwbs: 'SWEMWBS', ucla3: 'UCLA-3' };
	return Object.values(DEFAULT_CHANGE_THRESHOLDS)
		.map((t) => `${names[t.instrument]} ${t.points} ${t.instrument === 'swemwbs' ? 'metric ' : ''}point${t.points === 1 ? '' : 's'}`)
		.join(', ');
}

/** One instrument/measure of the summary table. */
export interface MeasureSummary {
	spec: MeasureSpec;
	key: string;
	/** Meaningful change in points (metric points for SWEMWBS). */
	threshold: number;
	baseline: DisclosedValue;
	followUp: DisclosedValue;
	pairs: DisclosedValue;
	/** Unrounded pairs, for bases and sentences that need to know whether there are any. */
	pairCount: number;
	meanBaseline: DisclosedValue;
	meanFollowUp: DisclosedValue;
	meanChange: DisclosedValue;
	changeInterval: ShownInterval | null;
	improved: DisclosedValue;
	improvedInterval: ShownInterval | null;
	worse: DisclosedValue;
	worseInterval: ShownInterval | null;
	/** Standardised response mean: mean change / sd of change. */
	srm: DisclosedValue;
}

/** Every measure of the export format, in display order, from wellbeingByMeasure rows (absent = none). */
export function measureSummaries(rows: Row[]): MeasureSummary[] {
	return MEASURES.map((spec) => {
		const r = rows.find((x) => text(x, 'instrument') === spec.instrument && text(x, 'measure') === spec.measure);
		const pairs = count(r, 'n_paired');
		const sd = num(r, 'sd_change');
		const mean = num(r, 'mean_change');
		const change = shownMean(mean, sd, pairs);
		const improved = sharePercent(count(r, 'improved'), pairs);
		const worse = sharePercent(count(r, 'worse'), pairs);
		return {
			spec,
			key: measureKey(spec),
			threshold: DEFAULT_CHANGE_THRESHOLDS[spec.instrument].points,
			baseline: discloseCount(count(r, 'n_baseline')),
			followUp: discloseCount(count(r, 'n_follow_up')),
			pairs: discloseCount(pairs),
			pairCount: pairs,
			meanBaseline: disclose({ kind: 'mean', value: num(r, 'mean_baseline'), n: pairs }),
			meanFollowUp: disclose({ kind: 'mean', value: num(r, 'mean_follow_up'), n: pairs }),
			meanChange: change.value,
			changeInterval: change.interval,
			improved: improved.value,
			improvedInterval: improved.interval,
			worse: worse.value,
			worseInterval: worse.interval,
			srm: disclose({ kind: 'mean', value: mean !== null && sd ? mean / sd : null, n: pairs })
		};
	});
}

/** Score bins of a measure's distribution chart. */
export interface Bins {
	/** Lowest score of the first bin. */
	min: number;
	width: number;
	count: number;
	/** One label per bin, e.g. '7', '14–17', '33 to 35'. */
	labels: string[];
}

/**
 * Bins for a measure: one per score up to 15 scores (ONS4, UCLA-3); otherwise about 15 bins of
 * equal width with the top score folded into the last (WEMWBS 4 points; SWEMWBS metric scores,
 * which are not whole numbers, 2 points, labelled "from ... to under ...").
 */
export function distributionBins(spec: MeasureSpec): Bins {
	const continuous = spec.instrument === 'swemwbs';
	const scores = spec.max - spec.min + (continuous ? 0 : 1);
	const width = !continuous && scores <= 15 ? 1 : continuous ? 2 : Math.ceil(scores / 15);
	const binCount = Math.max(1, Math.floor(scores / width));
	const labels = Array.from({ length: binCount }, (_, i) => {
		const lo = spec.min + i * width;
		const last = i === binCount - 1;
		if (continuous) return last ? `${lo} to ${spec.max}` : `${lo} to <${lo + width}`;
		const hi = last ? spec.max : lo + width - 1;
		return hi === lo ? String(lo) : `${lo}–${hi}`;
	});
	return { min: spec.min, width, count: binCount, labels };
}

/** Baseline and follow-up scores of the pairs per bin, disclosed. */
export interface Distribution {
	labels: string[];
	baseline: DisclosedValue[];
	followUp: DisclosedValue[];
	/** Pairs counted (unrounded). */
	pairs: number;
}

/**
 * Binned distributions from wellbeingDistribution rows. Each timepoint's bins and their total
 * (the pairs, shown in the summary table) go through secondary suppression, so a hidden bin
 * cannot be recovered from the others.
 */
export function distribution(rows: Row[], bins: Bins): Distribution {
	const byBin = new Map(rows.map((r) => [count(r, 'bin'), r]));
	const disclosed = (key: string) => {
		const values = bins.labels.map((_, i) => count(byBin.get(i), key));
		const cells = suppressHierarchy([
			{ id: 'all', parent_id: null, value: values.reduce((s, v) => s + v, 0) },
			...values.map((value, i) => ({ id: `bin${i}`, parent_id: 'all', value }))
		]);
		return cells.slice(1).map((c) => ({ value: c.shown, suppressed: c.suppressed }));
	};
	const pairs = [...byBin.values()].reduce((s, r) => s + count(r, 'baseline'), 0);
	return { labels: bins.labels, baseline: disclosed('baseline'), followUp: disclosed('follow_up'), pairs };
}

/** Paired change in one group of a breakdown. */
export interface GroupChange {
	/** The group's value as the query gives it; null = not recorded. */
	key: string | null;
	name: string;
	pairs: DisclosedValue;
	mean: DisclosedValue;
	interval: ShownInterval | null;
	/** Against the overall mean change, as Fingertips (change is improvement-positive). */
	benchmark: BenchmarkLabel;
}

/** Display order of each breakdown's values (PCNs are sorted by name instead). */
const DIMENSION_ORDER: Record<Exclude<ChangeDimension, 'pcn'>, readonly (string | number)[]> = {
	need: NEEDS,
	imd: IMD_QUINTILES,
	age: AGE_BANDS,
	sex: SEXES
};

/** What a breakdown is called on screen. */
export const DIMENSION_NAMES: Record<ChangeDimension, string> = { pcn: 'PCN', need: 'need', imd: 'IMD quintile', age: 'age band', sex: 'sex' };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A group's name on screen; `pcnName` names PCN codes. */
export function groupName(dimension: ChangeDimension, key: string | null, pcnName: (code: string) => string | undefined): string {
	if (key === null) return 'Not recorded';
	if (dimension === 'pcn') return pcnName(key) ?? key;
	if (dimension === 'imd') return `IMD ${valueLabel('imd', Number(key))}`;
	return capitalise(valueLabel(dimension, key));
}

/**
 * Paired change by group from wellbeingChangeBy rows, in display order with "Not recorded" last,
 * each labelled against `overall` (the shown overall mean change).
 */
export function changeByGroup(rows: Row[], dimension: ChangeDimension, overall: number | null, pcnName: (code: string) => string | undefined): GroupChange[] {
	const groups = rows.map((r) => {
		const key = text(r, 'grp');
		const pairs = count(r, 'pairs');
		const shown = shownMean(num(r, 'mean_change'), num(r, 'sd_change'), pairs);
		return {
			key,
			name: groupName(dimension, key, pcnName),
			pairs: discloseCount(pairs),
			mean: shown.value,
			interval: shown.interval,
			benchmark: benchmarkLabel(shown.interval, overall, 'higher_is_better')
		};
	});
	const rank = (g: GroupChange) => {
		if (g.key === null) return Number.MAX_SAFE_INTEGER;
		if (dimension === 'pcn') return 0;
		const order = DIMENSION_ORDER[dimension].map(String).indexOf(g.key);
		return order < 0 ? Number.MAX_SAFE_INTEGER - 1 : order;
	};
	return groups.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'en-GB'));
}
