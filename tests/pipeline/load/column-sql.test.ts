import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES, type ColumnSpec } from '../../../src/lib/schema/index.js';
import { Db } from '../../../data-pipeline/src/db.js';
import { columnSql } from '../../../data-pipeline/src/load/column-sql.js';

/**
 * The typing rules as first written (plain, slower SQL): the faster expressions the pipeline uses
 * must give exactly the same typed value for every text.
 */
const REFERENCE = {
	date: (v: string) => `CASE
		WHEN length(${v}) = 10 AND substr(${v}, 5, 1) = '-' AND substr(${v}, 8, 1) = '-' AND ascii(${v}) BETWEEN 48 AND 57 THEN TRY_CAST(${v} AS DATE)
		WHEN length(${v}) = 10 AND substr(${v}, 3, 1) = '/' AND substr(${v}, 6, 1) = '/' AND ascii(${v}) BETWEEN 48 AND 57
			THEN TRY_CAST(substr(${v}, 7, 4) || '-' || substr(${v}, 4, 2) || '-' || substr(${v}, 1, 2) AS DATE)
	END`,
	month: (v: string) => `CASE WHEN length(${v}) = 7 AND substr(${v}, 5, 1) = '-' AND ascii(${v}) BETWEEN 48 AND 57 THEN TRY_CAST(${v} || '-01' AS DATE) END`,
	int: (v: string, min: number, max: number) =>
		`CASE WHEN TRY_CAST(${v} AS INTEGER)::VARCHAR = ltrim(${v}, '+') AND TRY_CAST(${v} AS INTEGER) BETWEEN ${min} AND ${max} THEN TRY_CAST(${v} AS INTEGER) END`,
	list: (v: string, values: readonly string[], separator: string) => {
		const items = `list_filter(list_transform(string_split(${v}, '${separator}'), x -> lower(trim(x))), x -> x <> '')`;
		const bad = `list_filter(${items}, x -> x NOT IN (${values.map((x) => `'${x}'`).join(', ')}))`;
		return `CASE WHEN len(${bad}) = 0 THEN array_to_string(list_sort(list_distinct(${items})), ';') END`;
	}
};

const column = (file: string, name: string): ColumnSpec => FILES.find((f) => f.name === file)!.columns.find((c) => c.name === name)!;

const TEXTS: Record<string, string[]> = {
	date: ['', '2024-05-01', '31/12/2024', '2024-02-30', '2024-5-1', '1/2/2025', '2024/05/01', '2024-05-01 ', '+024-05-01', '-024-05-01', '12024-05-01', '2024-05-011', 'é024-05-01', '2024-05-0é', 'ab/cd/efgh', '29/02/2024', '29/02/2023', '00/01/2024', '2024-00-10', '2024-13-01', '20240501', '2024-05-01T00', '2024–05–01', '/024-05-01', ':024-05-01', '0/01/2024', '9/01/2024', ':1/01/2024'],
	month: ['', '2024-05', '2024-5', '2024-13', '2024-00', '202-05', '2024/05', '2024-05-01', '+024-05', 'é024-05', '2024-0é', '2024-1 ', '2024-+1', '0000-01', '9999-12', '/024-05', ':024-05', '0024-05'],
	int: ['0', '60', '61', '-1', '+5', '++5', '05', '5.0', '1e1', '1_0', ' 5', '5 ', 'x', '', '2147483648', '-0', '+0', '٣', '+-5', '+05', '+', '-5'],
	list: ['', ' ', 'housing', 'HOUSING', ' housing ; other ', 'housing;;housing', ';', ';;', 'housing;', ';housing', 'x;housing', 'money debt', 'money_debt;other;housing', 'other;money_debt;housing;other', 'housing\t', 'housing;x', 'loneliness_isolation;housing', ' ; ']
};

describe('column typing matches the rules as first written', () => {
	let db: Db;
	beforeAll(async () => {
		db = await Db.open(':memory:', { threads: 1 });
	});
	afterAll(() => db.close());

	/** [text, typed by the pipeline, typed by the reference] for each text. */
	async function both(col: ColumnSpec, texts: readonly string[], reference: string): Promise<unknown[][]> {
		const sql = columnSql(col, 'v', 'typed');
		const values = texts.map((t) => `('${t.replaceAll("'", "''")}')`).join(', ');
		const rows = await db.all<{ v: string; got: unknown; want: unknown }>(
			`SELECT v, ${sql.typed} AS got, ${reference} AS want FROM (SELECT *${sql.inputs.map((i) => `, ${i}`).join('')} FROM (SELECT nullif(text, '') AS v FROM (VALUES ${values}) t(text)))`
		);
		return rows.map((r) => [r.v, String(r.got), String(r.want)]);
	}

	it('every column of the contract types a missing value as NULL', async () => {
		for (const spec of FILES) {
			for (const col of spec.columns) {
				const sql = columnSql(col, 'v', 'typed');
				const row = await db.one<{ missing: boolean }>(
					`SELECT (${sql.typed}) IS NULL AS missing FROM (SELECT *${sql.inputs.map((i) => `, ${i}`).join('')} FROM (SELECT NULL::VARCHAR AS v))`
				);
				expect(row?.missing, `${spec.file} ${col.name}`).toBe(true);
			}
		}
	});

	it.each([
		['date', column('referrals', 'referral_date'), REFERENCE.date('v')],
		['month', column('gp_appointments', 'month'), REFERENCE.month('v')],
		['int', column('gp_appointments', 'appointments'), REFERENCE.int('v', 0, 60)],
		['list', column('referrals', 'needs'), (() => {
			const t = column('referrals', 'needs').type as { values: readonly string[]; separator: string };
			return REFERENCE.list('v', t.values, t.separator);
		})()]
	])('%s', async (kind, col, reference) => {
		const rows = await both(col, TEXTS[kind]!, reference);
		for (const [text, got, want] of rows) expect(got, String(text)).toBe(want);
		// The corpus holds valid and invalid texts alike.
		expect(rows.some(([, got]) => got === 'null')).toBe(true);
		expect(rows.some(([, got]) => got !== 'null')).toBe(true);
	});
});
