/**
 * The filters every page shares, and their short URL form. The URL is the only store: a link
 * shares a view, back and forward step through changes, and reload restores them.
 *
 *   p     period: 2024-25 (financial year), 2024-25q2 (quarter), 2024-04_2025-03 (months)
 *   icb   ICB code          pcn   PCN code          prac  practice code
 *   age   age bands         sex   sexes             eth   ethnic groups
 *   imd   IMD quintiles     need  needs             src   referral sources
 *
 * Lists are comma-separated. Values that are not in the contract's enumerations are dropped,
 * so a mistyped link shows everything rather than nothing.
 */
import { AGE_BANDS, ETHNIC_GROUPS, NEEDS, REFERRAL_SOURCES, SEXES } from '../schema/enums.js';
import { describePeriod, financialYearLabel, financialYearStart, isMonth, type Period } from './period.js';

/** IMD quintiles, 1 = most deprived. */
export const IMD_QUINTILES = [1, 2, 3, 4, 5] as const;

/** The demographic and referral dimensions a page can filter by (lists; empty = all). */
export interface Dimensions {
	age: string[];
	sex: string[];
	eth: string[];
	imd: number[];
	need: string[];
	src: string[];
}

/** Everything a page is filtered by. A null period means the default (latest complete financial year). */
export interface Filters extends Dimensions {
	period: Period | null;
	icb: string | null;
	pcn: string | null;
	prac: string | null;
}

/** The unfiltered state. */
export const NO_FILTERS: Filters = Object.freeze({
	period: null,
	icb: null,
	pcn: null,
	prac: null,
	age: [],
	sex: [],
	eth: [],
	imd: [],
	need: [],
	src: []
}) as Filters;

/** The allowed values of each list dimension, in display order. */
export const DIMENSION_VALUES: { [K in keyof Dimensions]: readonly Dimensions[K][number][] } = {
	age: AGE_BANDS,
	sex: SEXES,
	eth: ETHNIC_GROUPS,
	imd: IMD_QUINTILES,
	need: NEEDS,
	src: REFERRAL_SOURCES
} as const;

/** What each dimension is called on screen. */
export const DIMENSION_LABELS: Record<keyof Dimensions, string> = {
	age: 'Age band',
	sex: 'Sex',
	eth: 'Ethnic group',
	imd: 'IMD quintile',
	need: 'Need',
	src: 'Referral source'
};

const DIMENSIONS = Object.keys(DIMENSION_VALUES) as (keyof Dimensions)[];
const CODE = /^[A-Z0-9]{1,10}$/;

/** Parse the `p` parameter; null when absent or malformed. */
export function parsePeriod(text: string | null): Period | null {
	if (!text) return null;
	const year = /^(\d{4})-(\d{2})(?:q([1-4]))?$/.exec(text);
	if (year) {
		const label = `${year[1]}/${year[2]}`;
		if (financialYearStart(label) === null) return null;
		return year[3] ? { kind: 'quarter', year: label, quarter: Number(year[3]) as 1 | 2 | 3 | 4 } : { kind: 'year', year: label };
	}
	const months = /^(\d{4}-\d{2})_(\d{4}-\d{2})$/.exec(text);
	if (months && isMonth(months[1]!) && isMonth(months[2]!) && months[1]! <= months[2]!) {
		return { kind: 'months', from: months[1]!, to: months[2]! };
	}
	return null;
}

/** The `p` parameter of a period. */
export function formatPeriod(period: Period): string {
	if (period.kind === 'months') return `${period.from}_${period.to}`;
	const short = period.year.replace('/', '-');
	return period.kind === 'quarter' ? `${short}q${period.quarter}` : short;
}

/** Filters from URL search parameters. */
export function parseFilters(params: URLSearchParams): Filters {
	const code = (name: string) => {
		const value = params.get(name)?.trim().toUpperCase() ?? '';
		return CODE.test(value) ? value : null;
	};
	const filters: Filters = { ...NO_FILTERS, period: parsePeriod(params.get('p')), icb: code('icb'), pcn: code('pcn'), prac: code('prac') };
	for (const dim of DIMENSIONS) {
		const allowed = DIMENSION_VALUES[dim] as readonly (string | number)[];
		const given = new Set((params.get(dim) ?? '').split(',').map((s) => s.trim()));
		// Keep the enumeration's order so equal filters give equal URLs.
		(filters[dim] as (string | number)[]) = allowed.filter((v) => given.has(String(v)));
	}
	return filters;
}

/** URL search parameters of filters: only what differs from no filters, in a fixed order. */
export function filtersToParams(filters: Filters): URLSearchParams {
	const params = new URLSearchParams();
	if (filters.period) params.set('p', formatPeriod(filters.period));
	for (const name of ['icb', 'pcn', 'prac'] as const) if (filters[name]) params.set(name, filters[name]);
	for (const dim of DIMENSIONS) {
		const allowed = DIMENSION_VALUES[dim] as readonly (string | number)[];
		const chosen = new Set((filters[dim] as (string | number)[]).map(String));
		const values = allowed.filter((v) => chosen.has(String(v)));
		if (values.length > 0) params.set(dim, values.join(','));
	}
	return params;
}

/** Whether two filter states are the same view. */
export function sameFilters(a: Filters, b: Filters): boolean {
	return filtersToParams(a).toString() === filtersToParams(b).toString();
}

/** The financial year shown when the URL names none. */
export function resolvePeriod(filters: Filters, defaultYear: string): Period {
	return filters.period ?? { kind: 'year', year: defaultYear };
}

/** Names of areas, for the summary (codes are shown when a name is unknown). */
export type AreaNames = (kind: 'icb' | 'pcn' | 'prac', code: string) => string | undefined;

/** Display label of one dimension value (enumeration codes are snake_case). */
export function valueLabel(dim: keyof Dimensions, value: string | number): string {
	if (dim === 'imd') return value === 1 ? '1 (most deprived)' : value === 5 ? '5 (least deprived)' : String(value);
	const text = String(value).replaceAll('_', ' ');
	if (dim === 'src') return { gp: 'GP', vcse: 'VCSE', nurse_or_ahp: 'nurse or AHP' }[value as string] ?? text;
	return text;
}

/**
 * One line per active filter, for the visible summary and for export stamps. `defaultNote` says
 * what the default period is when the URL names none.
 */
export function describeFilters(filters: Filters, period: Period, names: AreaNames = () => undefined, defaultNote = 'latest complete'): string[] {
	const lines = [`Period: ${describePeriod(period)}${filters.period ? '' : ` (${defaultNote})`}`];
	const area = (kind: 'icb' | 'pcn' | 'prac', label: string) => {
		const code = filters[kind];
		if (code) lines.push(`${label}: ${names(kind, code) ?? code} (${code})`);
	};
	area('icb', 'ICB');
	area('pcn', 'PCN');
	area('prac', 'Practice');
	for (const dim of DIMENSIONS) {
		const values = filters[dim] as (string | number)[];
		if (values.length > 0) lines.push(`${DIMENSION_LABELS[dim]}: ${values.map((v) => valueLabel(dim, v)).join(', ')}`);
	}
	return lines;
}

/** The financial years from `first` to `last`, oldest first. */
export function financialYearsBetween(first: string, last: string): string[] {
	const a = financialYearStart(first);
	const b = financialYearStart(last);
	if (a === null || b === null) return [];
	return Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => financialYearLabel(a + i));
}
