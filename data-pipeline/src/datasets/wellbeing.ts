/**
 * The wellbeing_change and wellbeing_change_by_group datasets: paired change by area, financial
 * year of referral, instrument and measure, overall and by one demographic dimension at a time.
 */
import { AGE_BANDS, BREAKDOWNS, datasetSpec, ETHNIC_GROUPS, NEEDS, SEXES, type DatasetSpec } from '../../../src/lib/schema/index.js';
import { fetch, periodsIn, toRows, type Context, type DatasetPlan, type Pending } from './context.js';
import type { Area } from './geography.js';
import type { Period } from './periods.js';
import { monthRange, wellbeingFigures } from './queries.js';
import { cellId } from './registry.js';

interface WellbeingRow {
	area_type: string;
	area_code: string;
	period: string;
	instrument: string;
	measure: string;
	grp: string | null;
	with_baseline: number;
	pairs: number;
	improved: number;
	worse: number;
	baseline_mean: number | null;
	baseline_sd: number | null;
	follow_up_mean: number | null;
	follow_up_sd: number | null;
	change_mean: number | null;
	change_sd: number | null;
}

/** Groups of each dimension, every one published (zeros included) so totals and groups line up. */
export const GROUPS: Record<(typeof BREAKDOWNS)[number], readonly string[]> = {
	age_band: [...AGE_BANDS, 'not_recorded'],
	sex: [...SEXES, 'not_recorded'],
	ethnic_group: [...ETHNIC_GROUPS, 'not_recorded'],
	imd_quintile: ['1', '2', '3', '4', '5', 'not_recorded'],
	need: [...NEEDS, 'not_recorded']
};

/** Registry series of one instrument/measure. */
export function wellbeingSeries(m: { instrument: string; measure: string }) {
	const q = `${m.instrument}:${m.measure}`;
	return { baseline: `wb_baseline:${q}`, pairs: `wb_pairs:${q}`, improved: `wb_improved:${q}`, worse: `wb_worse:${q}` };
}

type Group = { dimension: string; value: string } | undefined;
type Measure = { instrument: string; measure: string };

/** Aggregated rows by area, period, measure and group. */
class RowIndex {
	private readonly rows = new Map<string, WellbeingRow>();

	constructor(readonly periods: Period[]) {}

	/** Add query rows; `dimension` names the split of their `grp` (none for totals). */
	add(rows: readonly WellbeingRow[], dimension?: string): void {
		for (const r of rows) this.rows.set(RowIndex.key(`${r.area_type}:${r.area_code}`, r.period, r, r.grp === null || !dimension ? undefined : { dimension, value: r.grp }), r);
	}

	get(m: Measure, p: Period, a: Area, g: Group): WellbeingRow | undefined {
		return this.rows.get(RowIndex.key(a.key, p.label, m, g));
	}

	/** Register the four counts of one measure, period, area and group (zeros where no row). */
	register(registry: Context['registry'], m: Measure, p: Period, a: Area, g: Group): void {
		const r = this.get(m, p, a, g);
		const s = wellbeingSeries(m);
		const values: [string, number][] = [
			[s.baseline, r?.with_baseline ?? 0],
			[s.pairs, r?.pairs ?? 0],
			[s.improved, r?.improved ?? 0],
			[s.worse, r?.worse ?? 0]
		];
		for (const [series, value] of values) registry.add({ series, period: p, area: a, group: g }, value);
	}

	private static key(area: string, period: string, m: Measure, g: Group): string {
		return `${area}|${period}|${m.instrument}|${m.measure}|${g ? `${g.dimension}=${g.value}` : ''}`;
	}
}

const memo = new WeakMap<Context, Promise<RowIndex>>();

/** Wellbeing without a split, for every area: shared by wellbeing_change and the indicators dataset. */
export function wellbeingTotals(ctx: Context): Promise<RowIndex> {
	let t = memo.get(ctx);
	if (!t) {
		t = (async () => {
			const range = (await fetch<{ first: string | null; last: string | null }>(ctx, monthRange('out_wellbeing', 'referral_month')))[0]!;
			const index = new RowIndex(periodsIn(ctx, range.first, range.last, ['financial_year']));
			index.add(await fetch<WellbeingRow>(ctx, wellbeingFigures('none', ['practice', 'pcn', 'icb', 'region'])));
			return index;
		})();
		memo.set(ctx, t);
	}
	return t;
}

/** wellbeing_change: every area. */
export async function wellbeingPlan(ctx: Context): Promise<DatasetPlan> {
	const totals = await wellbeingTotals(ctx);
	const spec = datasetSpec('wellbeing_change');
	for (const m of ctx.measures) for (const p of totals.periods) for (const a of ctx.geo.areas) totals.register(ctx.registry, m, p, a, undefined);
	return { spec, rows: () => toRows(pendingRows(ctx, spec, totals, ctx.geo.areas, [undefined])) };
}

/**
 * wellbeing_change_by_group: PCNs, ICBs, regions, and the practices that add up to an ICB
 * directly (no PCN, or a PCN split across ICBs): without them the ICB minus its PCNs would
 * reveal those practices' groups.
 */
export async function wellbeingByGroupPlan(ctx: Context): Promise<DatasetPlan> {
	const totals = await wellbeingTotals(ctx);
	const spec = datasetSpec('wellbeing_change_by_group');
	const direct = new Set(ctx.geo.areas.filter((a) => a.type === 'icb').flatMap((a) => a.parts.filter((p) => p.type === 'practice')));
	const areas = ctx.geo.areas.filter((a) => a.type !== 'practice' || direct.has(a));
	const types = [...new Set(areas.map((a) => a.type))];
	const index = new RowIndex(totals.periods);
	for (const dimension of BREAKDOWNS) {
		ctx.registry.dimension(dimension, { values: GROUPS[dimension], additive: dimension !== 'need' });
		index.add(await fetch<WellbeingRow>(ctx, wellbeingFigures(dimension, types)), dimension);
	}
	const groups: Group[] = BREAKDOWNS.flatMap((dimension) => GROUPS[dimension].map((value) => ({ dimension, value })));
	for (const m of ctx.measures) for (const p of index.periods) for (const a of areas) for (const g of groups) index.register(ctx.registry, m, p, a, g);
	return { spec, rows: () => toRows(pendingRows(ctx, spec, index, areas, groups)) };
}

function pendingRows(ctx: Context, spec: DatasetSpec, t: RowIndex, areas: readonly Area[], groups: readonly Group[]): Pending[] {
	const f = ctx.figures;
	const out: Pending[] = [];
	for (const m of ctx.measures) {
		const s = wellbeingSeries(m);
		for (const g of groups) {
			for (const indicator of spec.indicators) {
				for (const a of areas) {
					for (const p of t.periods) {
						const id = (series: string) => cellId({ series, period: p, area: a, group: g });
						const r = t.get(m, p, a, g);
						const n = r?.pairs ?? 0;
						const stats = (mean: number | null, sd: number | null) => ({ n, mean, sd });
						const figure = (() => {
							switch (indicator.id) {
								case 'with_baseline':
									return f.count(id(s.baseline), 'referrals');
								case 'pairs':
									return f.count(id(s.pairs), 'referrals');
								case 'baseline_mean':
									return f.mean(id(s.pairs), stats(r?.baseline_mean ?? null, r?.baseline_sd ?? null), 'people');
								case 'follow_up_mean':
									return f.mean(id(s.pairs), stats(r?.follow_up_mean ?? null, r?.follow_up_sd ?? null), 'people');
								case 'change_mean':
									return f.mean(id(s.pairs), stats(r?.change_mean ?? null, r?.change_sd ?? null), 'people');
								case 'improved_share':
									return f.share(id(s.improved), id(s.pairs), 'referrals');
								case 'worse_share':
									return f.share(id(s.worse), id(s.pairs), 'referrals');
								default:
									throw new Error(`internal error: no figure for ${indicator.id}`);
							}
						})();
						const extra = { instrument: m.instrument, measure: m.measure, ...(g ? { breakdown: g.dimension, breakdown_value: g.value } : {}) };
						out.push({ area: a, period: p, indicator, extra, figure });
					}
				}
			}
		}
	}
	return out;
}
