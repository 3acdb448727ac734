/**
 * The gp_time_freed dataset: GP use before and after the index date for the referred and
 * comparison cohorts, appointments avoided, GP time and cost freed, and difference-in-differences,
 * by area and financial year of the index date, for everyone and by baseline use.
 */
import { DEFAULT_MINUTES_PER_APPOINTMENT, DEFAULT_PRICE_YEAR, DEFAULT_UNIT_COST_GBP, frequentAttenderFrom, gpHours, roundToFive } from '../../../src/lib/metrics/index.js';
import { BASELINE_USE, datasetSpec, type DatasetIndicator } from '../../../src/lib/schema/index.js';
import { fetch, periodsIn, toRows, type Context, type DatasetPlan, type Pending } from './context.js';
import { rounded, scaled, type Figure, type Stats } from './figures.js';
import type { Area } from './geography.js';
import type { Period } from './periods.js';
import { gpFigures, monthRange } from './queries.js';
import { cellId, type CellKey } from './registry.js';

interface GpRow {
	area_type: string;
	area_code: string;
	period: string;
	cohort: string;
	grp: string | null;
	people: number;
	before_mean: number | null;
	before_sd: number | null;
	after_mean: number | null;
	after_sd: number | null;
	avoided_mean: number | null;
	avoided_sd: number | null;
	avoided_total: number | null;
}

type Use = (typeof BASELINE_USE)[number];

/** Register the GP counts (people per cohort and baseline use) and return the plan. */
export async function gpPlan(ctx: Context): Promise<DatasetPlan> {
	const spec = datasetSpec('gp_time_freed');
	const frequentFrom = frequentAttenderFrom(ctx.window_months);
	const has = ctx.delivered.has('gp_appointments');
	const range = has ? (await fetch<{ first: string | null; last: string | null }>(ctx, monthRange('out_gp_use WHERE covered', 'index_month')))[0]! : { first: null, last: null };
	const periods = periodsIn(ctx, range.first, range.last, ['financial_year']);
	const rows = has ? await fetch<GpRow>(ctx, gpFigures(frequentFrom)) : [];
	const index = new Map(rows.map((r) => [`${r.area_type}:${r.area_code}|${r.period}|${r.cohort}|${r.grp ?? 'all'}`, r]));
	const cohorts = ['referred', ...(ctx.delivered.has('comparison') ? ['comparison'] : [])];
	ctx.registry.dimension('baseline_use', { values: ['frequent_attender', 'other'], additive: true });
	const key = (cohort: string, use: Use, p: Period, a: Area): CellKey => ({
		series: `gp_people:${cohort}`,
		period: p,
		area: a,
		group: use === 'all' ? undefined : { dimension: 'baseline_use', value: use }
	});
	const row = (cohort: string, use: Use, p: Period, a: Area) => index.get(`${a.key}|${p.label}|${cohort}|${use}`);
	for (const cohort of cohorts) for (const use of BASELINE_USE) for (const p of periods) for (const a of ctx.geo.areas) ctx.registry.add(key(cohort, use, p, a), row(cohort, use, p, a)?.people ?? 0);

	const assumptions = {
		window_months: ctx.window_months,
		frequent_attender_from: frequentFrom,
		minutes_per_appointment: DEFAULT_MINUTES_PER_APPOINTMENT,
		unit_cost_gbp: DEFAULT_UNIT_COST_GBP,
		price_year: DEFAULT_PRICE_YEAR
	};
	return {
		spec,
		rows: () => {
			const f = ctx.figures;
			const pending: Pending[] = [];
			const stats = (r: GpRow | undefined, what: 'before' | 'after' | 'avoided'): Stats => ({ n: r?.people ?? 0, mean: r?.[`${what}_mean`] ?? null, sd: r?.[`${what}_sd`] ?? null });
			const make = (indicator: DatasetIndicator, cohort: string, use: Use, a: Area, p: Period): Figure | null => {
				const id = cellId(key(cohort, use, p, a));
				const r = row(cohort, use, p, a);
				const perPerson = () => f.mean(id, stats(r, 'avoided'), 'people');
				const people = () => f.cell(id, 'people').shown;
				const total = (factor: number) => {
					const pp = perPerson();
					if (pp.suppressed || people() === null) return { ...pp, denominator: null };
					const avoided = roundToFive(r?.avoided_total ?? 0);
					return { ...scaled(pp, people()! * factor), value: rounded(avoided * factor), numerator: null, denominator: null };
				};
				switch (indicator.id) {
					case 'people':
						return f.count(id, 'people');
					case 'appts_before_mean':
						return f.mean(id, stats(r, 'before'), 'people');
					case 'appts_after_mean':
						return f.mean(id, stats(r, 'after'), 'people');
					case 'avoided_per_person':
						return perPerson();
					case 'avoided_total':
						return cohort === 'referred' ? total(1) : null;
					case 'gp_hours_freed':
						return cohort === 'referred' ? total(gpHours(1, DEFAULT_MINUTES_PER_APPOINTMENT)) : null;
					case 'gp_cost_freed_gbp':
						return cohort === 'referred' ? total(DEFAULT_UNIT_COST_GBP) : null;
					default:
						return null;
				}
			};
			const did = (indicator: DatasetIndicator, use: Use, a: Area, p: Period): Figure | null => {
				const ref = row('referred', use, p, a);
				const comp = row('comparison', use, p, a);
				const d = f.difference(cellId(key('referred', use, p, a)), stats(ref, 'avoided'), cellId(key('comparison', use, p, a)), stats(comp, 'avoided'), 'people');
				const people = f.cell(cellId(key('referred', use, p, a)), 'people').shown;
				switch (indicator.id) {
					case 'did_avoided_per_person':
						return d;
					case 'did_gp_hours_freed':
						return scaled(d, people === null ? null : gpHours(people, DEFAULT_MINUTES_PER_APPOINTMENT));
					case 'did_gp_cost_freed_gbp':
						return scaled(d, people === null ? null : people * DEFAULT_UNIT_COST_GBP);
					default:
						return null;
				}
			};
			const didCohort = cohorts.includes('comparison') ? ['referred_vs_comparison'] : [];
			for (const indicator of spec.indicators) {
				for (const cohort of [...cohorts, ...didCohort]) {
					for (const use of BASELINE_USE) {
						for (const a of ctx.geo.areas) {
							for (const p of periods) {
								const figure = cohort === 'referred_vs_comparison' ? did(indicator, use, a, p) : make(indicator, cohort, use, a, p);
								if (figure) pending.push({ area: a, period: p, indicator, extra: { cohort, baseline_use: use }, figure });
							}
						}
					}
				}
			}
			return toRows(pending).map((r) => ({ ...r, ...assumptions }));
		}
	};
}
