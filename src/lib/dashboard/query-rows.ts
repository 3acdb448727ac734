/**
 * Run an aggregate query in DuckDB-WASM and read its (few) rows. Requests sharing a key are
 * latest-wins: when filters change quickly an older answer is dropped, never drawn over a newer.
 */
import { connector, isStale } from '$lib/db';
import type { Row } from '$lib/figures/rows.js';
import type { Query } from '$lib/queries';

/**
 * Rows of an aggregate query, or null when a newer request with the same key superseded it.
 * `cache`: answer a repeat of the same query from its first result (see QueryOptions).
 */
export async function queryRows(q: Query, key: string, options: { cache?: boolean } = {}): Promise<Row[] | null> {
	try {
		const start = performance.now();
		const result = await connector().query(q, { key, cache: options.cache });
		// One measure per query, for `npm run bench:app` and the browser's performance panel.
		performance.measure(`signpost:query:${key}`, { start });
		return result.table.toArray().map((row) => (row as { toJSON(): Row }).toJSON());
	} catch (error) {
		if (isStale(error)) return null;
		throw error;
	}
}

/** Start DuckDB-WASM and load tables in the background (after the first view is drawn). */
export function warmUp(tables: Parameters<ReturnType<typeof connector>['load']>[0]): void {
	const start = () => void connector().load(tables).catch((error: unknown) => console.warn('Background load failed', error));
	if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 2000 });
	else setTimeout(start, 200);
}
