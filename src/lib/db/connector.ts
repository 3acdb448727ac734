/**
 * The connector: two DuckDB-WASM engines per page session (each in its own Web Worker), the
 * tables loaded into each, and `query`. An engine starts when a table or query first needs it,
 * in parallel with fetching the manifest, and Parquet downloads overlap its start, because
 * DuckDB-WASM alone takes about a second to start.
 */
import type { AsyncDuckDBConnection, AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import type { DatasetName, Manifest, TableName } from '$lib/schema';
import { createDatasetTableFromParquet, datasetTable, disableExtensionAutoload, loadParquetExtension, setExtensionRepository, type Query } from '$lib/queries';
import { download } from './download.js';
import { startEngine, type Engine } from './engine.js';
import { DataError } from './errors.js';
import { latestWins } from './latest.js';
import { loadTables, type Decoder, type LoadProgress } from './loader.js';
import { fetchManifest } from './manifest.js';
import { toResult, type Result } from './result.js';
import type { DataSettings } from './settings.js';

/** How to reach the data. */
export interface ConnectorOptions {
	/** URL of a published file (e.g. `manifest.json`, `referrals.parquet`). */
	fileUrl: (file: string) => string;
	settings: DataSettings;
	/** Decoder used when no extension repository is set; loaded lazily so its wasm is fetched only when needed. */
	decoder: () => Promise<Decoder>;
}

/** Options of one query. */
export interface QueryOptions {
	/** Requests sharing a key are latest-wins: an older one rejects with StaleResultError. */
	key?: string;
	/**
	 * Keep the result and answer the same SQL and parameters from it again. The loaded tables never
	 * change within a session, so a kept result stays true; meant for small lookups that many views
	 * share (the PCNs of an area), so that a filter change does not ask DuckDB again.
	 */
	cache?: boolean;
}

/** The tables being loaded at a moment, whoever asked for them, and their Parquet bytes so far. */
export interface LoadingState {
	tables: TableName[];
	bytesLoaded: number;
	bytesTotal: number;
}

/** The app's handle on DuckDB-WASM. */
export interface Connector {
	/** The checked manifest (rejects with DataError when missing or incompatible). */
	manifest(): Promise<Manifest>;
	/** Load these tables if not loaded yet (each into its engine); `watchLoading` follows the progress. */
	load(tables: readonly TableName[]): Promise<void>;
	/**
	 * Follow every table load, including those a query starts: `listener` is called with the
	 * tables in flight and their bytes on each change, and with null once none is. Returns the
	 * function that stops following.
	 */
	watchLoading(listener: (state: LoadingState | null) => void): () => void;
	/** Load a researcher dataset's Parquet as table `dataset_<name>` (src/lib/queries/datasets.ts), once. */
	loadDataset(name: DatasetName): Promise<void>;
	/** Load the query's tables, run it with its bound parameters and return columns. */
	query(q: Query, options?: QueryOptions): Promise<Result>;
	/** Stop the worker. */
	close(): Promise<void>;
}

/** Prepared statements kept per connector (each holds a little worker memory). */
const MAX_STATEMENTS = 64;
/** Results kept for `cache` queries (small lookups; the oldest is dropped first). */
const MAX_CACHED = 32;

/** One DuckDB-WASM engine (its own Web Worker), the tables loaded into it and its prepared statements. */
interface Slot {
	engine?: Promise<{ engine: Engine; conn: AsyncDuckDBConnection }>;
	loading: Map<TableName, Promise<void>>;
	statements: Map<string, Promise<AsyncPreparedStatement>>;
}

/** Engines per page session. */
const ENGINES = 2;

/**
 * The engine each table lives in. A DuckDB-WASM engine runs one query at a time on one thread,
 * so a page's queries on referral activity and on outcomes run side by side only in two engines.
 * Each table is loaded once, so the data take no more memory than in one engine (the second
 * engine adds its own runtime). On 1,000,000 referrals it took the Overview's filter change from a
 * median of 102 ms (p95 145) to 85-94 ms (p95 119-126); at demo size, where the queries are mostly
 * fixed costs, it made little difference on its own (README, Performance).
 */
const HOME: Record<TableName, number> = {
	practices: 0,
	referrals: 0,
	referral_needs: 0,
	contacts: 0,
	signposting: 0,
	workforce: 0,
	wellbeing: 1,
	gp_use: 1,
	gp_monthly: 1
};

/**
 * The engine a query runs in: the home of its first table other than practices (a small table,
 * loaded wherever it is needed). A query reading tables of both engines loads the others into
 * that engine as well, so a query module lists its largest table first (see Query.tables).
 */
function engineFor(tables: readonly TableName[]): number {
	const main = tables.find((t) => t !== 'practices') ?? tables[0];
	return main ? HOME[main] : 0;
}

/** A connector; nothing starts until the first call. */
export function createConnector(options: ConnectorOptions): Connector {
	const guard = latestWins();
	const engines = Array.from({ length: ENGINES }, (): Slot => ({ loading: new Map(), statements: new Map() }));
	let manifest: Promise<Manifest> | undefined;

	// Every load in flight (one per loadTables call) and its latest progress, for watchLoading.
	const inFlight = new Map<symbol, { tables: readonly TableName[]; progress: LoadProgress | null }>();
	const watchers = new Set<(state: LoadingState | null) => void>();
	const notify = () => {
		const loads = [...inFlight.values()];
		const state: LoadingState | null =
			loads.length === 0
				? null
				: {
						tables: [...new Set(loads.flatMap((l) => l.tables))],
						bytesLoaded: loads.reduce((a, l) => a + (l.progress?.bytesLoaded ?? 0), 0),
						bytesTotal: loads.reduce((a, l) => a + (l.progress?.bytesTotal ?? 0), 0)
					};
		for (const watcher of watchers) watcher(state);
	};

	// A failure is not kept, so calling again (say after the pipeline has run) tries again.
	const getManifest = () =>
		(manifest ??= fetchManifest(options.fileUrl('manifest.json')).catch((error: unknown) => {
			manifest = undefined;
			throw error;
		}));
	const getConnection = async (index = 0) => {
		const slot = engines[index]!;
		slot.engine ??= (async () => {
			const repository = options.settings.extensionRepository;
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
		return (await slot.engine).conn;
	};

	/** Load `tables` into engine `index`. */
	const loadInto = async (index: number, tables: readonly TableName[]) => {
		const { loading } = engines[index]!;
		const fresh = [...new Set(tables)].filter((t) => !loading.has(t));
		const connection = getConnection(index);
		if (fresh.length > 0) {
			const decoder = options.settings.extensionRepository ? null : options.decoder();
			decoder?.catch(() => undefined); // reported through the first decode instead
			const decode: Decoder | null = decoder && (async (bytes, spec) => (await decoder)(bytes, spec));
			const id = Symbol();
			inFlight.set(id, { tables: fresh, progress: null });
			notify();
			const progress = (p: LoadProgress) => {
				inFlight.set(id, { tables: fresh, progress: p });
				notify();
			};
			const run = getManifest().then((m) => loadTables(fresh, { manifest: m, connection, fileUrl: options.fileUrl, decode, onProgress: progress }));
			// A failed load is forgotten so a retry can try again.
			run.catch(() => fresh.forEach((t) => loading.delete(t)));
			void run
				.catch(() => undefined)
				.finally(() => {
					inFlight.delete(id);
					notify();
				});
			for (const t of fresh) loading.set(t, run);
		}
		await Promise.all([connection, ...tables.map((t) => loading.get(t))]);
	};

	// Each table into its home engine.
	const load = async (tables: readonly TableName[]) => {
		const groups = new Map<number, TableName[]>();
		for (const t of new Set(tables)) groups.set(HOME[t], [...(groups.get(HOME[t]) ?? []), t]);
		await Promise.all([...groups].map(([index, group]) => loadInto(index, group)));
	};

	// Prepared statements are kept by SQL text: a filter change usually reruns the same shapes of
	// query with new values, and preparing costs a round trip to the worker each time.
	const prepared = (index: number, conn: AsyncDuckDBConnection, sql: string) => {
		const { statements } = engines[index]!;
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

	const run = async (q: Query): Promise<Result> => {
		const index = engineFor(q.tables);
		await loadInto(index, q.tables);
		const conn = await getConnection(index);
		if (q.params.length === 0) return toResult(await conn.query(q.sql));
		return toResult(await (await prepared(index, conn, q.sql)).query(...q.params));
	};

	const cached = new Map<string, Promise<Result>>();
	const runCached = (q: Query): Promise<Result> => {
		const key = `${q.sql}\u0000${JSON.stringify(q.params)}`;
		let result = cached.get(key);
		if (!result) {
			result = run(q);
			result.catch(() => cached.delete(key)); // a failure is not kept
			cached.set(key, result);
			if (cached.size > MAX_CACHED) cached.delete(cached.keys().next().value!);
		}
		return result;
	};

	const datasets = new Map<DatasetName, Promise<void>>();
	const loadDataset = (name: DatasetName) => {
		let loadingDataset = datasets.get(name);
		if (!loadingDataset) {
			loadingDataset = (async () => {
				const file = (await getManifest()).datasets?.files.find((f) => f.name === name && f.format === 'parquet');
				if (!file) throw new DataError('missing-table', `The published data has no "${name}" dataset. Run the pipeline again.`);
				const url = new URL(options.fileUrl(file.file), location.href).href;
				const conn = await getConnection();
				if (options.settings.extensionRepository) {
					const q = createDatasetTableFromParquet(name, url);
					const statement = await conn.prepare(q.sql);
					try {
						await statement.query(...q.params);
					} finally {
						await statement.close();
					}
					return;
				}
				const [bytes, decode] = await Promise.all([download(url, () => undefined), options.decoder()]);
				const ipc = await decode(bytes).catch((cause: unknown) => {
					throw new DataError('decode', `The "${name}" dataset could not be read. Run the pipeline again.`, { cause });
				});
				await conn.insertArrowFromIPCStream(ipc, { name: datasetTable(name).slice(1, -1), create: true });
			})();
			loadingDataset.catch(() => datasets.delete(name));
			datasets.set(name, loadingDataset);
		}
		return loadingDataset;
	};

	return {
		manifest: getManifest,
		load,
		watchLoading: (listener) => {
			watchers.add(listener);
			return () => watchers.delete(listener);
		},
		loadDataset,
		query: (q, queryOptions) => {
			const answer = () => (queryOptions?.cache ? runCached(q) : run(q));
			return queryOptions?.key ? guard(queryOptions.key, answer) : answer();
		},
		close: async () => {
			for (const slot of engines) {
				if (slot.engine) await (await slot.engine).engine.terminate();
				slot.engine = undefined;
				slot.loading.clear();
				slot.statements.clear();
			}
			cached.clear();
		}
	};
}
