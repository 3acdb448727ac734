/**
 * The connector: the page session's DuckDB-WASM engines, the tables loaded so far, and `query`.
 * The engines start and the manifest is fetched in parallel, and Parquet downloads overlap the
 * engines' start, because DuckDB-WASM alone takes about a second to start.
 *
 * DuckDB-WASM runs one query at a time on one thread, so the tables are split between two
 * engines (`ENGINE_OF`): a page's queries on wellbeing and GP use run beside those on referrals,
 * which on a 2-core machine roughly halves the time a filter change waits for its figures. Each
 * table is loaded once, into its own engine; memory is not doubled.
 */
import type { DatasetName, Manifest, TableName } from '$lib/schema';
import { createDatasetTableFromParquet, datasetTable, type Query } from '$lib/queries';
import { download } from './download.js';
import { DataError } from './errors.js';
import { latestWins } from './latest.js';
import type { Decoder, LoadProgress } from './loader.js';
import { fetchManifest } from './manifest.js';
import type { Result } from './result.js';
import type { DataSettings } from './settings.js';
import { createShard, type Shard } from './shard.js';

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
}

/** The app's handle on DuckDB-WASM. */
export interface Connector {
	/** The checked manifest (rejects with DataError when missing or incompatible). */
	manifest(): Promise<Manifest>;
	/** Load these tables if not loaded yet, reporting progress. */
	load(tables: readonly TableName[], onProgress?: (progress: LoadProgress) => void): Promise<void>;
	/** Load a researcher dataset's Parquet as table `dataset_<name>` (src/lib/queries/datasets.ts), once. */
	loadDataset(name: DatasetName): Promise<void>;
	/** Load the query's tables, run it with its bound parameters and return columns. */
	query(q: Query, options?: QueryOptions): Promise<Result>;
	/** Stop the worker. */
	close(): Promise<void>;
}

/**
 * The engine each table is loaded into. Wellbeing and GP use, the largest tables the Overview,
 * Wellbeing and GP time pages filter, have the second engine; everything else the first. A query
 * whose tables live in both engines (none does today) runs where its first table lives, and
 * that engine loads the others too.
 */
const ENGINE_OF: Record<TableName, 0 | 1> = {
	practices: 0,
	referrals: 0,
	referral_needs: 0,
	contacts: 0,
	signposting: 0,
	workforce: 0,
	gp_monthly: 0,
	wellbeing: 1,
	gp_use: 1
};

/** A connector; nothing starts until the first call. */
export function createConnector(options: ConnectorOptions): Connector {
	const guard = latestWins();
	let manifest: Promise<Manifest> | undefined;

	// A failure is not kept, so calling again (say after the pipeline has run) tries again.
	const getManifest = () =>
		(manifest ??= fetchManifest(options.fileUrl('manifest.json')).catch((error: unknown) => {
			manifest = undefined;
			throw error;
		}));
	const shardOptions = { extensionRepository: options.settings.extensionRepository, manifest: getManifest, fileUrl: options.fileUrl, decoder: options.decoder };
	const shards: Shard[] = [createShard(shardOptions), createShard(shardOptions)];

	/** Load tables into their own engines, with one progress report over all of them. */
	const load = async (tables: readonly TableName[], onProgress?: (progress: LoadProgress) => void) => {
		const groups = shards.map((_, i) => tables.filter((t) => ENGINE_OF[t] === i));
		const latest: (LoadProgress | undefined)[] = shards.map(() => undefined);
		const report = (i: number) => (progress: LoadProgress) => {
			latest[i] = progress;
			const all = latest.filter((p): p is LoadProgress => p !== undefined);
			const sum = (key: 'tablesDone' | 'tablesTotal' | 'bytesLoaded' | 'bytesTotal') => all.reduce((total, p) => total + p[key], 0);
			onProgress?.({ table: progress.table, stage: progress.stage, tablesDone: sum('tablesDone'), tablesTotal: sum('tablesTotal'), bytesLoaded: sum('bytesLoaded'), bytesTotal: sum('bytesTotal') });
		};
		await Promise.all(groups.map((group, i) => (group.length > 0 || (tables.length === 0 && i === 0) ? shards[i]!.load(group, report(i)) : undefined)));
	};

	/** The engine for a query: the one holding all its tables, else its first table's. */
	const shardFor = (q: Query): Shard =>
		shards.find((shard) => q.tables.length > 0 && q.tables.every((t) => shard.has(t))) ?? shards[q.tables.length > 0 ? ENGINE_OF[q.tables[0]!] : 0]!;

	const run = async (q: Query): Promise<Result> => {
		const shard = shardFor(q);
		await shard.load(q.tables);
		return shard.run(q);
	};

	const datasets = new Map<DatasetName, Promise<void>>();
	const loadDataset = (name: DatasetName) => {
		let loadingDataset = datasets.get(name);
		if (!loadingDataset) {
			loadingDataset = (async () => {
				const file = (await getManifest()).datasets?.files.find((f) => f.name === name && f.format === 'parquet');
				if (!file) throw new DataError('missing-table', `The published data has no "${name}" dataset. Run the pipeline again.`);
				const url = new URL(options.fileUrl(file.file), location.href).href;
				const conn = await shards[0]!.connection();
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
		loadDataset,
		query: (q, queryOptions) => (queryOptions?.key ? guard(queryOptions.key, () => run(q)) : run(q)),
		close: async () => {
			await Promise.all(shards.map((shard) => shard.close()));
		}
	};
}
