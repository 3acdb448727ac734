/**
 * One DuckDB-WASM engine (a Web Worker) with the tables loaded into it so far and its prepared
 * statements. The connector runs a few of these side by side (see `connector.ts`): DuckDB-WASM
 * runs one query at a time on one thread, so two engines answer a page's queries in parallel.
 */
import type { AsyncDuckDBConnection, AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import type { Manifest, TableName } from '$lib/schema';
import { disableExtensionAutoload, loadParquetExtension, setExtensionRepository, type Query } from '$lib/queries';
import { startEngine, type Engine } from './engine.js';
import { DataError } from './errors.js';
import { loadTables, type Decoder, type LoadProgress } from './loader.js';
import { toResult, type Result } from './result.js';

/** What a shard needs from its connector. */
export interface ShardOptions {
	/** Self-hosted extension repository (null: Parquet is decoded in the browser). */
	extensionRepository: string | null;
	manifest: () => Promise<Manifest>;
	fileUrl: (file: string) => string;
	decoder: () => Promise<Decoder>;
}

/** One engine and what is loaded into it. */
export interface Shard {
	/** The engine's connection; the engine starts on the first call. */
	connection(): Promise<AsyncDuckDBConnection>;
	/** Whether a table is loaded or loading here. */
	has(table: TableName): boolean;
	/** Load these tables here if not loaded yet. */
	load(tables: readonly TableName[], onProgress?: (progress: LoadProgress) => void): Promise<void>;
	/** Run a query whose tables are loaded (see `load`), with its bound parameters. */
	run(q: Query): Promise<Result>;
	/** Stop the worker and forget its tables. */
	close(): Promise<void>;
}

/** Prepared statements kept per engine (each holds a little worker memory). */
const MAX_STATEMENTS = 64;

/** A shard; nothing starts until the first call. */
export function createShard(options: ShardOptions): Shard {
	const loading = new Map<TableName, Promise<void>>();
	let engine: Promise<{ engine: Engine; conn: AsyncDuckDBConnection }> | undefined;

	const connection = async () => {
		engine ??= (async () => {
			const repository = options.extensionRepository;
			const started = await startEngine({ allowExtensions: repository !== null });
			const conn = await started.db.connect();
			if (!repository) {
				for (const q of disableExtensionAutoload()) await conn.query(q.sql);
				return { engine: started, conn };
			}
			const base = new URL(repository, location.href).href;
			try {
				for (const q of [setExtensionRepository(base), ...loadParquetExtension()]) await conn.query(q.sql);
			} catch (cause) {
				throw new DataError(
					'engine',
					`The DuckDB parquet extension could not be loaded from ${base} (PUBLIC_SIGNPOST_DUCKDB_EXTENSIONS). Provide it there or unset the setting.`,
					{ cause }
				);
			}
			return { engine: started, conn };
		})();
		return (await engine).conn;
	};

	const load = async (tables: readonly TableName[], onProgress?: (progress: LoadProgress) => void) => {
		const fresh = [...new Set(tables)].filter((t) => !loading.has(t));
		const conn = connection();
		if (fresh.length > 0) {
			const decoder = options.extensionRepository ? null : options.decoder();
			decoder?.catch(() => undefined); // reported through the first decode instead
			const decode: Decoder | null = decoder && (async (bytes, spec) => (await decoder)(bytes, spec));
			const run = options.manifest().then((m) => loadTables(fresh, { manifest: m, connection: conn, fileUrl: options.fileUrl, decode, onProgress }));
			// A failed load is forgotten so a retry can try again.
			run.catch(() => fresh.forEach((t) => loading.delete(t)));
			for (const t of fresh) loading.set(t, run);
		}
		await Promise.all([conn, ...tables.map((t) => loading.get(t))]);
	};

	// Prepared statements are kept by SQL text: a filter change usually reruns the same shapes of
	// query with new values, and preparing costs a round trip to the worker each time.
	const statements = new Map<string, Promise<AsyncPreparedStatement>>();
	const prepared = (conn: AsyncDuckDBConnection, sql: string) => {
		let statement = statements.get(sql);
		if (statement) statements.delete(sql); // re-inserted below: most recently used last
		else {
			statement = conn.prepare(sql);
			statement.catch(() => statements.delete(sql));
		}
		statements.set(sql, statement);
		if (statements.size > MAX_STATEMENTS) {
			const [oldest, evicted] = statements.entries().next().value!;
			statements.delete(oldest);
			void evicted.then((st) => st.close()).catch(() => undefined);
		}
		return statement;
	};

	return {
		connection,
		has: (table) => loading.has(table),
		load,
		run: async (q) => {
			const conn = await connection();
			if (q.params.length === 0) return toResult(await conn.query(q.sql));
			return toResult(await (await prepared(conn, q.sql)).query(...q.params));
		},
		close: async () => {
			const started = engine;
			engine = undefined;
			loading.clear();
			statements.clear();
			if (started) await (await started).engine.terminate();
		}
	};
}
