/**
 * What the figures tests share: a small demo publication made by the pipeline, node DuckDB over
 * its Parquet to run the app's query builders, and its record-level rows read back as plain
 * objects so figures can be recomputed independently in TypeScript.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { publishDemo, tempDir } from '../browser/harness.js';
import type { Row } from '../../src/lib/figures/rows.js';
import { addMonths, type MonthRange } from '../../src/lib/filters/period.js';
import { createViewOfParquet, type Query } from '../../src/lib/queries/index.js';
import { TABLES, type FirstView, type TableName } from '../../src/lib/schema/index.js';

/** A published demo with node DuckDB over it. */
export interface Publication {
	dir: string;
	firstView: FirstView;
	/** Rows of an app query, as the app reads them. */
	rows(q: Query): Promise<Row[]>;
	/** Every row of a published table. */
	records<T = Row>(table: TableName): Promise<T[]>;
	close(): Promise<void>;
}

/** Publish a demo of `referrals` referrals into a temp folder and open it. */
export async function publication(referrals: number): Promise<Publication> {
	const root = await tempDir('signpost-figures-');
	const dir = await publishDemo(root, referrals);
	const firstView = JSON.parse(await readFile(join(dir, 'first-view.json'), 'utf8')) as FirstView;
	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	for (const spec of TABLES) await conn.run(createViewOfParquet(spec.name, join(dir, `${spec.name}.parquet`)).sql);
	return {
		dir,
		firstView,
		rows: async (q) => (await conn.runAndReadAll(q.sql, q.params as never)).getRowObjectsJson() as Row[],
		records: async <T>(t: TableName) => (await conn.runAndReadAll(`SELECT * FROM "${t}"`)).getRowObjectsJson() as T[],
		close: async () => {
			conn.closeSync();
			instance.closeSync();
			await rm(root, { recursive: true, force: true });
		}
	};
}

/** Whether a 'YYYY-MM-DD' date's month lies in the range. */
export function inRange(date: string, range: MonthRange): boolean {
	const month = date.slice(0, 7);
	return month >= range.from && month <= range.to;
}

/** The months of a range. */
export function monthsOf(range: MonthRange): string[] {
	const out: string[] = [];
	for (let m = range.from; m <= range.to; m = addMonths(m, 1)) out.push(m);
	return out;
}

/** Group values by a key. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
	const out = new Map<K, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = out.get(k) ?? [];
		list.push(item);
		out.set(k, list);
	}
	return out;
}
