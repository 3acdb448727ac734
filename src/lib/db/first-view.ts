/** Fetch `first-view.json`, the figures the app draws before DuckDB-WASM has started. */
import type { FirstView } from '$lib/schema';
import { fetchPublishedJson } from './manifest.js';

/** The first view at `url`, checked against this app's schema version. */
export function fetchFirstView(url: string, fetcher: typeof fetch = fetch): Promise<FirstView> {
	return fetchPublishedJson<FirstView>(url, 'first view', fetcher);
}
