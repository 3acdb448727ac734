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
import { categoricalCounts, column, createTableFromParquet, settleTable, table } from '../../src/lib/queries/index.js';
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

describe('settling a loaded table', () => {
	it('keeps every row, puts them in period order and makes categorical columns ENUMs of their own sorted values', async () => {
		const fresh = await DuckDBInstance.create(':memory:');
		const other = await fresh.connect();
		try {
			const spec = TABLES.find((t) => t.name === 'referrals')!;
			await other.run(`CREATE TABLE referrals (${spec.columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
			await other.run(`INSERT INTO referrals (referral_id, referral_month, sex, financial_year) VALUES
				('r1', DATE '2025-02-01', 'male', '2024/25'), ('r2', DATE '2023-05-01', NULL, '2023/24'),
				('r3', DATE '2024-07-01', 'female', '2024/25'), ('r4', DATE '2023-09-01', 'female', '2023/24')`);
			const read = async (sql: string) => (await other.runAndReadAll(sql)).getRowObjectsJson();
			const [counts] = await read(categoricalCounts('referrals')!.sql);
			expect(counts).toMatchObject({ sex: 3, financial_year: 4, status: 0 });
			for (const q of settleTable('referrals', counts)) await other.run(q.sql);
			expect(await read('SELECT referral_id FROM referrals')).toEqual([{ referral_id: 'r2' }, { referral_id: 'r4' }, { referral_id: 'r3' }, { referral_id: 'r1' }]);
			const types = Object.fromEntries((await read('DESCRIBE referrals')).map((r) => [r.column_name, String(r.column_type)]));
			expect(types.sex).toBe("ENUM('female', 'male')");
			expect(types.financial_year).toBe("ENUM('2023/24', '2024/25')");
			expect(types.referral_id).toBe('VARCHAR');
			// A column with no values stays text: an ENUM needs at least one.
			expect(types.status).toBe('VARCHAR');
			// Text comparisons, including with values the ENUM lacks, and text order.
			expect(await read(`SELECT count(*)::INTEGER AS n FROM referrals WHERE list_contains(string_split('female,other', ','), sex)`)).toEqual([{ n: 2 }]);
			expect(await read(`SELECT count(*)::INTEGER AS n FROM referrals WHERE financial_year BETWEEN '2020/21' AND '2023/24'`)).toEqual([{ n: 2 }]);
			expect(await read('SELECT max(sex)::VARCHAR AS m FROM referrals')).toEqual([{ m: 'male' }]);
		} finally {
			other.closeSync();
			fresh.closeSync();
		}
	});

	it('leaves a table with neither a period nor categorical values alone', () => {
		expect(settleTable('practices')).toEqual([]);
		expect(categoricalCounts('practices')).toBeNull();
		expect(settleTable('referral_needs', { need: 0 })).toEqual([]);
		expect(settleTable('referral_needs', { need: 5 })).toHaveLength(2);
	});
});
