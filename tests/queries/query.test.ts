/**
 * The query layer's identifiers and its Parquet loading, run by node DuckDB against a table built
 * from the published schema. (Each page's queries are tested on real publications in
 * tests/queries/filter-sql.test.ts and tests/figures/.)
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { column, createTableFromParquet, table } from '../../src/lib/queries/index.js';
import { TABLES } from '../../src/lib/schema/index.js';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
	instance = await DuckDBInstance.create(':memory:');
	conn = await instance.connect();
	const spec = TABLES.find((t) => t.name === 'referrals')!;
	await conn.run(`CREATE TABLE referrals (${spec.columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
	const add = async (id: string, date: string, fy: string) =>
		conn.run(`INSERT INTO referrals (referral_id, referral_date, referral_month, financial_year) VALUES ($1, $2::DATE, date_trunc('month', $2::DATE), $3)`, [id, date, fy]);
	await add('r1', '2024-03-31', '2023/24');
	await add('r2', '2024-04-01', '2024/25');
	await add('r3', '2024-04-20', '2024/25');
	await add('r4', '2025-01-05', '2024/25');
});

afterAll(() => {
	conn?.closeSync();
	instance?.closeSync();
});

describe('identifiers', () => {
	it('come only from the schema', () => {
		expect(table('referrals')).toBe('"referrals"');
		expect(column('referrals', 'financial_year')).toBe('"financial_year"');
		expect(() => column('referrals', 'nhs_number')).toThrow(/Unknown column/);
		expect(() => table('people' as never)).toThrow(/Unknown table/);
	});
});

describe('loading with the parquet extension', () => {
	it('creates a table from a Parquet file named by a bound parameter', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'signpost-queries-'));
		try {
			const file = join(dir, "it's.parquet");
			await conn.run(`COPY referrals TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
			const fresh = await DuckDBInstance.create(':memory:');
			const other = await fresh.connect();
			const q = createTableFromParquet('referrals', file);
			await other.run(q.sql, q.params);
			expect((await other.runAndReadAll('SELECT count(*)::INTEGER AS n FROM referrals')).getRowObjectsJson()).toEqual([{ n: 4 }]);
			other.closeSync();
			fresh.closeSync();
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
