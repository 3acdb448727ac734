/**
 * What every dataset builder shares: the database, areas, periods, the registry of counts and
 * the figure maker; and turning a builder's figures into rows with the common columns and the
 * comparison with the parent area.
 */
import type { DatasetIndicator, DatasetSpec, PeriodType } from '../../../src/lib/schema/index.js';
import type { Db } from '../db.js';
import type { DatasetRow } from './csv.js';
import { comparison, Figures, type Figure } from './figures.js';
import type { Area, Geography } from './geography.js';
import { periodsBetween, type Period } from './periods.js';
import type { Query } from './queries.js';
import type { Registry } from './registry.js';

/** Shared by the builders of one run. */
export interface Context {
	db: Db;
	geo: Geography;
	registry: Registry;
	figures: Figures;
	/** Every period from the first to the last event month of the run. */
	periods: Period[];
	delivered: ReadonlySet<string>;
	window_months: number;
	/** Instrument/measure pairs with any wellbeing score. */
	measures: { instrument: string; measure: string }[];
}

/** A dataset whose counts are registered; `rows` runs once suppression has. */
export interface DatasetPlan {
	spec: DatasetSpec;
	rows: () => DatasetRow[];
}

/** One row before its comparison is known. */
export interface Pending {
	area: Area;
	period: Period;
	indicator: DatasetIndicator;
	/** Dataset-specific columns (instrument, breakdown, cohort, ...). */
	extra: DatasetRow;
	figure: Figure;
}

/** Run a query, returning its rows. */
export function fetch<T>(ctx: Pick<Context, 'db'>, q: Query): Promise<T[]> {
	return ctx.db.all<T>(q.sql, q.params);
}

/** Periods of the run of the given types that overlap months `first`..`last` (none when first is null). */
export function periodsIn(ctx: Pick<Context, 'periods'>, first: string | null, last: string | null, types: readonly PeriodType[]): Period[] {
	if (first === null || last === null) return [];
	const from = `${first}-01`;
	const to = periodsBetween(last, last)[2]!.end;
	return ctx.periods.filter((p) => types.includes(p.type) && p.end >= from && p.start <= to);
}

/**
 * Rows in the order given, with the common columns and the comparison with the parent's row of
 * the same indicator, period and extra columns. Not compared when the parent is made of this
 * area alone (a one-practice PCN, a region holding one ICB of the data).
 */
export function toRows(pending: readonly Pending[]): DatasetRow[] {
	const extraKey = (p: Pending) => JSON.stringify(p.extra);
	const key = (p: Pending, area: Area) => `${p.indicator.id}|${p.period.key}|${extraKey(p)}|${area.key}`;
	const index = new Map(pending.map((p) => [key(p, p.area), p.figure]));
	return pending.map((p) => {
		const parent = p.area.parent;
		const comparable = parent !== null && parent.practices.length !== p.area.practices.length;
		const f = p.figure;
		return {
			period: p.period.label,
			period_type: p.period.type,
			period_start: p.period.start,
			period_end: p.period.end,
			area_type: p.area.type,
			area_code: p.area.code,
			area_name: p.area.name,
			parent_code: parent?.code ?? null,
			...p.extra,
			indicator: p.indicator.id,
			unit: p.indicator.unit,
			numerator: f.numerator,
			denominator: f.denominator,
			value: f.value,
			lower_95: f.lower_95,
			upper_95: f.upper_95,
			lower_99_8: f.lower_99_8,
			upper_99_8: f.upper_99_8,
			comparison_with_parent: comparison(f, parent ? index.get(key(p, parent)) : undefined, p.indicator.polarity, comparable),
			suppressed: f.suppressed || null
		};
	});
}

/** Figure maker for a registry. */
export function figuresFor(registry: Registry): Figures {
	return new Figures(registry);
}
