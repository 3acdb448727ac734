/**
 * A page's own URL parameters (e.g. the Wellbeing page's measure, `m`), kept beside the shared
 * filters: a filter change keeps them and a page control changes only its own.
 */
import { DIMENSION_VALUES } from '../filters/filters.js';

/** Parameters the shared filters own (src/lib/filters/filters.ts). */
const FILTER_PARAMS: ReadonlySet<string> = new Set(['p', 'icb', 'pcn', 'prac', ...Object.keys(DIMENSION_VALUES)]);

/** Whether a URL parameter belongs to the shared filters. */
export function isFilterParam(name: string): boolean {
	return FILTER_PARAMS.has(name);
}

/** The page's own parameters of `params` (everything the filters do not own). */
export function pageOnlyParams(params: URLSearchParams): URLSearchParams {
	return new URLSearchParams([...params].filter(([name]) => !isFilterParam(name)));
}

/** Path and query of `url` with `changes` applied: a value sets a parameter, null removes it. */
export function withParams(url: URL, changes: Record<string, string | null>): string {
	const params = new URLSearchParams(url.searchParams);
	for (const [name, value] of Object.entries(changes)) {
		if (value === null) params.delete(name);
		else params.set(name, value);
	}
	const query = params.toString();
	return `${url.pathname}${query ? `?${query}` : ''}`;
}
