/**
 * Load published tables into DuckDB: download each Parquet file (with progress), decode it to
 * Arrow in the browser and insert it; or, where a deployment self-hosts DuckDB's parquet
 * extension, let DuckDB read the file itself.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { TABLES, type Manifest, type TableName, type TableSpec } from '$lib/schema';
import { categoricalCounts, createTableFromParquet, settleTable } from '$lib/queries';
import { download } from './download.js';
import { DataError } from './errors.js';

/** Where loading stands; `bytes*` count Parquet bytes over all requested tables. */
export interface LoadProgress {
	table: TableName;
	stage: 'download' | 'decode' | 'insert' | 'done';
	tablesDone: number;
	tablesTotal: number;
	bytesLoaded: number;
	bytesTotal: number;
}

/** Parquet bytes -> Arrow IPC stream (`spec` when the file is a published table). */
export type Decoder = (bytes: Uint8Array, spec?: TableSpec) => Promise<Uint8Array>;

/** What loading needs from its caller. */
export interface LoadContext {
	manifest: Manifest;
	/** Resolves once the engine is up: downloads start before it does. */
	connection: Promise<AsyncDuckDBConnection>;
	/** URL of a published file, from its manifest name. */
	fileUrl: (file: string) => string;
	/** Null when the self-hosted parquet extension reads the files instead. */
	decode: Decoder | null;
	onProgress?: (progress: LoadProgress) => void;
}

/** Load `tables` (none already loaded) into DuckDB under their published names. */
export async function loadTables(tables: readonly TableName[], ctx: LoadContext): Promise<void> {
	const outputs = tables.map((name) => {
		const output = ctx.manifest.outputs.find((o) => o.name === name);
		if (!output) throw new DataError('missing-table', `The published data has no "${name}" table. Run the pipeline again with the deliveries that provide it.`);
		return output;
	});
	const loaded = new Map<TableName, number>();
	const bytesTotal = outputs.reduce((sum, o) => sum + o.bytes, 0);
	let tablesDone = 0;
	const report = (table: TableName, stage: LoadProgress['stage']) => {
		const bytesLoaded = [...loaded.values()].reduce((a, b) => a + b, 0);
		ctx.onProgress?.({ table, stage, tablesDone, tablesTotal: tables.length, bytesLoaded, bytesTotal });
	};
	await Promise.all(
		outputs.map(async (output) => {
			const name = output.name as TableName;
			const spec = TABLES.find((t) => t.name === name)!;
			const url = new URL(ctx.fileUrl(output.file), location.href).href;
			if (ctx.decode) {
				report(name, 'download');
				const bytes = await download(url, (n) => {
					loaded.set(name, n);
					report(name, 'download');
				});
				report(name, 'decode');
				const ipc = await ctx.decode(bytes, spec).catch((cause: unknown) => {
					throw new DataError('decode', `The published "${name}" table could not be read. Run the pipeline again.`, { cause });
				});
				const conn = await ctx.connection;
				report(name, 'insert');
				await conn.insertArrowFromIPCStream(ipc, { name, create: true });
			} else {
				const conn = await ctx.connection;
				report(name, 'insert');
				const q = createTableFromParquet(name, url);
				const statement = await conn.prepare(q.sql);
				try {
					await statement.query(...q.params);
				} finally {
					await statement.close();
				}
				loaded.set(name, output.bytes);
			}
			// Period order and ENUM columns (settleTable), for faster filters.
			const conn = await ctx.connection;
			const counted = categoricalCounts(name);
			const counts = counted ? ((await conn.query(counted.sql)).get(0)?.toJSON() as Record<string, unknown> | undefined) : undefined;
			for (const q of settleTable(name, counts)) await conn.query(q.sql);
			tablesDone++;
			report(name, 'done');
		})
	);
}
