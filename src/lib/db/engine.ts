/**
 * Start DuckDB-WASM in a Web Worker from the app's own origin. The only module that loads
 * @duckdb/duckdb-wasm, and only dynamically, so server rendering never pulls in its Node build.
 * Only the single-threaded bundles are emitted: eh (exception handling, every current browser)
 * and mvp as the fallback; the threaded coi bundle needs COOP/COEP and was not faster enough to
 * be worth a third 34 MB file (shared/notes/stack.md).
 */
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { DataError } from './errors.js';

/** How to start the engine. */
export interface EngineOptions {
	/** Allow loading a self-hosted (unsigned) extension such as parquet. */
	allowExtensions: boolean;
}

/** A started DuckDB-WASM database and the worker it runs in. */
export interface Engine {
	db: AsyncDuckDB;
	/** Stop the worker and free its memory. */
	terminate(): Promise<void>;
}

/** Start DuckDB-WASM; rejects with a DataError of kind 'engine' when the browser cannot run it. */
export async function startEngine(options: EngineOptions): Promise<Engine> {
	try {
		const duckdb = await import('@duckdb/duckdb-wasm');
		const bundle = await duckdb.selectBundle({
			mvp: { mainModule: abs(mvpWasm), mainWorker: abs(mvpWorker) },
			eh: { mainModule: abs(ehWasm), mainWorker: abs(ehWorker) }
		});
		const worker = new Worker(bundle.mainWorker!);
		const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
		await db.instantiate(bundle.mainModule);
		await db.open({
			// Aggregates would otherwise reach JavaScript as BigInt.
			query: { castBigIntToDouble: true },
			allowUnsignedExtensions: options.allowExtensions
		});
		return { db, terminate: () => db.terminate() };
	} catch (cause) {
		throw new DataError('engine', 'This browser could not start the query engine (DuckDB-WASM). Try a current version of Edge, Chrome or Firefox.', { cause });
	}
}

/** Absolute URL: the worker resolves relative URLs against its own script, not the page. */
function abs(url: string): string {
	return new URL(url, location.href).href;
}
