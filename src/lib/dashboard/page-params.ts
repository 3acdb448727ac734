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
