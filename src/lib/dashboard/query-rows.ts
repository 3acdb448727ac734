/**
 * Run an aggregate query in DuckDB-WASM and read its (few) rows. Requests sharing a key are
 * latest-wins: when filters change quickly an older answer is dropped, never drawn over a newer.
 */
import { connector, isStale } from '$lib/db';
import type { Row } from '$lib/figures/rows.js';
import type { Query } from '$lib/queries';
import { whenIdle } from './idle.js';

/**
 * Rows of an aggregate query, or null when a newer request with the same key superseded it.
 * `cache`: answer a repeat of the same query from its first result (see QueryOptions).
 */
export async function queryRows(q: Query, key: string, options: { cache?: boolean } = {}): Promise<Row[] | null> {
	inFlight++;
	try {
		const start = performance.now();
		const result = await connector().query(q, { key, cache: options.cache });
		// One measure per query, for `npm run bench:app` and the browser's performance panel.
		performance.measure(`signpost:query:${key}`, { start });
		return result.table.toArray().map((row) => (row as { toJSON(): Row }).toJSON());
	} catch (error) {
		if (isStale(error)) return null;
		throw error;
	} finally {
		if (--inFlight === 0) for (const resolve of idle.splice(0)) resolve();
	}
}

/** Queries asked for through queryRows and not yet answered. */
let inFlight = 0;
const idle: (() => void)[] = [];

/** Resolves when no query made through queryRows is under way (at once when none is). */
export function whenQueriesDone(): Promise<void> {
	return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
}

/** Start DuckDB-WASM and load tables in the background (after the first view is drawn). */
export function warmUp(tables: Parameters<ReturnType<typeof connector>['load']>[0]): void {
	const start = () => void connector().load(tables).catch((error: unknown) => console.warn('Background load failed', error));
	void whenIdle(2000, 200).then(start);
}
