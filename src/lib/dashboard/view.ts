/**
 * What a dashboard page is showing, from its URL and the first view: the filters, the period
 * they resolve to, its months, a description for summaries and export stamps, and area names.
 */
import { describeFilters, NO_FILTERS, parseFilters, resolvePeriod, sameFilters, type Filters } from '../filters/filters.js';
import { addMonths, periodMonths, type MonthRange, type Period } from '../filters/period.js';
import type { FirstView } from '../schema/first-view.js';

/** One area of the geography filter. */
export interface Area {
	code: string;
	name: string;
	/** ICB of a PCN, PCN of a practice. */
	parent: string | null;
}

/** The geography of the published data, for the filters and for names. */
export interface Geography {
	icbs: Area[];
	pcns: Area[];
	practices: Area[];
	name: (kind: 'icb' | 'pcn' | 'prac', code: string) => string | undefined;
}

/** Areas from the first view's practice list (already sorted by name). */
export function geographyOf(view: FirstView): Geography {
	const icbs = new Map<string, Area>();
	const pcns = new Map<string, Area>();
	const practices = new Map<string, Area>();
	for (const row of view.areas) {
		const icb = String(row.icb_code);
		const pcn = String(row.pcn_code);
		const prac = String(row.practice_code);
		if (!icbs.has(icb)) icbs.set(icb, { code: icb, name: String(row.icb_name ?? icb), parent: null });
		if (!pcns.has(pcn)) pcns.set(pcn, { code: pcn, name: String(row.pcn_name ?? pcn), parent: icb });
		if (!practices.has(prac)) practices.set(prac, { code: prac, name: String(row.practice_name ?? prac), parent: pcn });
	}
	const maps = { icb: icbs, pcn: pcns, prac: practices };
	return { icbs: [...icbs.values()], pcns: [...pcns.values()], practices: [...practices.values()], name: (kind, code) => maps[kind].get(code)?.name };
}

/** The resolved view of a page. */
export interface PageView {
	filters: Filters;
	period: Period;
	range: MonthRange;
	/** Months from range.from to range.to inclusive. */
	months: string[];
	/** describeFilters lines. */
	lines: string[];
	/** Whether the filters equal the default view (the first view's figures apply). */
	isDefault: boolean;
}

/** Resolve the URL's filters against the data. */
export function pageView(params: URLSearchParams, firstView: FirstView, geography: Geography): PageView {
	const filters = parseFilters(params);
	const period = resolvePeriod(filters, firstView.default_year ?? '2024/25');
	const range = periodMonths(period);
	const months: string[] = [];
	for (let m = range.from; m <= range.to && months.length < 240; m = addMonths(m, 1)) months.push(m);
	const defaultYear = filters.period === null || (filters.period.kind === 'year' && filters.period.year === firstView.default_year);
	const isDefault = defaultYear && sameFilters({ ...filters, period: null }, NO_FILTERS);
	const defaultNote = firstView.default_year_complete ? 'latest complete' : 'latest; not yet complete';
	return { filters, period, range, months, lines: describeFilters(filters, period, geography.name, defaultNote), isDefault };
}
