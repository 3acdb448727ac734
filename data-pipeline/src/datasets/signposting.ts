/** The signposting dataset: onward referrals by activity, area and period, with the share attended. */
import { ACTIVITIES, datasetSpec } from '../../../src/lib/schema/index.js';
import { fetch, periodsIn, toRows, type Context, type DatasetPlan, type Pending } from './context.js';
import type { Area } from './geography.js';
import type { Period } from './periods.js';
import { monthRange, signpostingFigures } from './queries.js';
import { cellId, type CellKey } from './registry.js';

interface SignpostingRow {
	area_type: string;
	area_code: string;
	period: string;
	activity: string | null;
	signposts: number;
	attended: number;
	recorded: number;
}

/** Register the signposting counts and return the plan (no rows when signposting.csv was not delivered). */
export async function signpostingPlan(ctx: Context): Promise<DatasetPlan> {
	const spec = datasetSpec('signposting');
	const has = ctx.delivered.has('signposting');
	const range = has ? (await fetch<{ first: string | null; last: string | null }>(ctx, monthRange('out_signposting', 'signpost_month')))[0]! : { first: null, last: null };
	const periods = periodsIn(ctx, range.first, range.last, ['financial_year', 'quarter']);
	const rows = has ? await fetch<SignpostingRow>(ctx, signpostingFigures()) : [];
	const index = new Map(rows.map((r) => [`${r.area_type}:${r.area_code}|${r.period}|${r.activity ?? 'all'}`, r]));
	ctx.registry.dimension('activity', { values: ACTIVITIES, additive: true });
	const activities = ['all', ...ACTIVITIES];
	const key = (series: string, activity: string, p: Period, a: Area): CellKey => ({ series, period: p, area: a, group: activity === 'all' ? undefined : { dimension: 'activity', value: activity } });
	for (const activity of activities) {
		for (const p of periods) {
			for (const a of ctx.geo.areas) {
				const r = index.get(`${a.key}|${p.label}|${activity}`);
				ctx.registry.add(key('sp_signposts', activity, p, a), r?.signposts ?? 0);
				ctx.registry.add(key('sp_attended', activity, p, a), r?.attended ?? 0);
				ctx.registry.add(key('sp_recorded', activity, p, a), r?.recorded ?? 0);
			}
		}
	}
	return {
		spec,
		rows: () => {
			const f = ctx.figures;
			const pending: Pending[] = [];
			for (const indicator of spec.indicators) {
				for (const activity of activities) {
					for (const a of ctx.geo.areas) {
						for (const p of periods) {
							const id = (series: string) => cellId(key(series, activity, p, a));
							const figure = indicator.id === 'signposts' ? f.count(id('sp_signposts'), 'onward referrals') : f.share(id('sp_attended'), id('sp_recorded'), 'onward referrals');
							pending.push({ area: a, period: p, indicator, extra: { activity }, figure });
						}
					}
				}
			}
			return toRows(pending);
		}
	};
}
