/** Fetch `first-view.json`, the figures the app draws before DuckDB-WASM has started. */
import { resolve } from '$app/paths';
import { FIRST_VIEW_FILE, type FirstView } from '$lib/schema';
import { fetchPublishedJson } from './manifest.js';

/** Where the app serves the first view (src/routes/data), for the dashboard layout's fetch and the page's preload hint. */
export function firstViewUrl(): string {
	return resolve('/data/[...path]', { path: FIRST_VIEW_FILE });
}

/** The first view at `url`, checked against this app's schema version. */
export function fetchFirstView(url: string, fetcher: typeof fetch = fetch): Promise<FirstView> {
	return fetchPublishedJson<FirstView>(url, 'first view', fetcher);
}
