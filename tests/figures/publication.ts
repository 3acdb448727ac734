/**
 * A small demo publication for figure tests: a demo delivery through the real pipeline, node
 * DuckDB views over its Parquet, and every table's record-level rows (dates as 'YYYY-MM-DD'
 * text) so tests can recompute figures by hand in TypeScript.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemo } from '../../data-pipeline/src/demo/generate.js';
import { runPipeline } from '../../data-pipeline/src/run.js';
import type { Row } from '../../src/lib/figures/rows.js';
import { createViewOfParquet, table, type Query } from '../../src/lib/queries/index.js';
import { TABLES, type FirstView, type TableName } from '../../src/lib/schema/index.js';
import { tempRoot } from '../pipeline/helpers.js';

/** A publication open in node DuckDB. */
export interface Publication {
	rows(q: Query): Promise<Row[]>;
	/** Record-level rows of every published table. */
	data: Record<TableName, Row[]>;
	firstView: FirstView;
	close(): Promise<void>;
}

/** Publish `referrals` demo referrals with `seed` and open the result. */
export async function openPublication(referrals: number, seed: string): Promise<Publication> {
	const root = await tempRoot('signpost-figures-');
	const delivery = join(root.dir, 'delivery');
	const published = join(root.dir, 'published');
	await generateDemo({ out: delivery, referrals, seed, dirty: false });
	await runPipeline({
		inputs: [delivery],
		out: published,
		reference: join(delivery, 'reference/gp-reg-pat-prac-map.csv'),
		list_sizes: join(delivery, 'reference/list-sizes.csv'),
		window_months: 6,
		today: '2026-10-01',
		log: { info: () => undefined, warn: () => undefined }
	});
	const instance = await DuckDBInstance.create(':memory:');
	const conn: DuckDBConnection = await instance.connect();
	const rows = async (q: Query) => (await conn.runAndReadAll(q.sql, q.params as never)).getRowObjectsJS() as Row[];
	const data = {} as Record<TableName, Row[]>;
	for (const spec of TABLES) {
		await conn.run(createViewOfParquet(spec.name, join(published, `${spec.name}.parquet`)).sql);
		const dates = spec.columns.filter((c) => c.type === 'DATE').map((c) => c.name);
		const select = spec.columns.map((c) => (dates.includes(c.name) ? `strftime("${c.name}", '%Y-%m-%d') AS "${c.name}"` : `"${c.name}"`)).join(', ');
		data[spec.name] = await rows({ sql: `SELECT ${select} FROM ${table(spec.name)}`, params: [], tables: [] });
	}
	const firstView = JSON.parse(await readFile(join(published, 'first-view.json'), 'utf8')) as FirstView;
	return {
		rows,
		data,
		firstView,
		close: async () => {
			conn.closeSync();
			instance.closeSync();
			await root.cleanup();
		}
	};
}

/** Whether a record's month column ('YYYY-MM-DD') falls in a month range. */
export function inRange(date: unknown, range: { from: string; to: string }): boolean {
	const month = String(date).slice(0, 7);
	return month >= range.from && month <= range.to;
}

/** Count rows by a key. */
export function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
	const out = new Map<string, number>();
	for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + 1);
	return out;
}
