/**
 * Statements the data layer runs to set DuckDB up and load tables. Kept here with every other
 * piece of SQL; the connector executes them.
 */
import { TABLES, type TableName } from '../schema/index.js';
import { PERIOD_COLUMN } from './filter-sql.js';
import { table, type Query } from './query.js';

/**
 * In the browser, tables are kept in order of their period column (the pipeline's files are in
 * geography order, for reading by scope). DuckDB skips blocks of rows whose months lie outside a
 * query's period, so a one-year view of three years of data reads about a third of the rows: a
 * filter change on 1,000,000 referrals took about a third less time. Geography filters stay fast
 * either way.
 */
function periodOrder(name: TableName): string {
	const period = PERIOD_COLUMN[name];
	return period ? ` ORDER BY "${period}"` : '';
}

/**
 * One row: for each categorical text column (TableColumn.categorical), how many rows have a
 * value, for `settleTable` (an ENUM needs at least one value); null when the table has none.
 */
export function categoricalCounts(name: TableName): Query | null {
	const columns = (TABLES.find((t) => t.name === name)?.columns ?? []).filter((c) => c.categorical).map((c) => c.name);
	if (columns.length === 0) return null;
	return { sql: `SELECT ${columns.map((c) => `count("${c}")::INTEGER AS "${c}"`).join(', ')} FROM ${table(name)}`, params: [], tables: [name] };
}

/**
 * After a published table is loaded: re-create it in period order (`periodOrder`) with its
 * categorical text columns that have values (`counts`: the row of `categoricalCounts`, if any)
 * as ENUMs of the table's own values. Grouping wellbeing by instrument and measure on 1,000,000
 * referrals fell from 54 to 36 ms in DuckDB-WASM, and sex and age filters from 32 to 18 ms; the
 * conversion adds about 0.3 s to loading such a table. The values are sorted, so ORDER BY, min
 * and max keep text order; comparisons with text (filters, CASE arms) work on values the ENUM
 * lacks, and results reach JavaScript as strings.
 */
export function settleTable(name: TableName, counts: Record<string, unknown> = {}): Query[] {
	const categorical = Object.keys(counts).filter((c) => Number(counts[c]) > 0);
	const order = periodOrder(name);
	if (categorical.length === 0 && !order) return [];
	const type = (c: string) => `"enum_${name}_${c}"`;
	const types: Query[] = categorical.map((c) => ({
		sql: `CREATE OR REPLACE TYPE ${type(c)} AS ENUM (SELECT DISTINCT "${c}" FROM ${table(name)} WHERE "${c}" IS NOT NULL ORDER BY 1)`,
		params: [],
		tables: []
	}));
	const replace = categorical.length > 0 ? ` REPLACE (${categorical.map((c) => `"${c}"::${type(c)} AS "${c}"`).join(', ')})` : '';
	return [...types, { sql: `CREATE OR REPLACE TABLE ${table(name)} AS SELECT *${replace} FROM ${table(name)}${order}`, params: [], tables: [] }];
}

/**
 * Point DuckDB at a self-hosted extension repository. SET cannot take a bound parameter, so the
 * value is a string literal; it comes from deployment settings, never from a user, and is escaped.
 */
export function setExtensionRepository(url: string): Query {
	return { sql: `SET custom_extension_repository = '${url.replaceAll("'", "''")}'`, params: [], tables: [] };
}

/** Install and load the parquet extension from the configured repository. */
export function loadParquetExtension(): Query[] {
	return [
		{ sql: 'INSTALL parquet', params: [], tables: [] },
		{ sql: 'LOAD parquet', params: [], tables: [] }
	];
}

/** Never reach for extensions.duckdb.org on our own (offline it fails or hangs). */
export function disableExtensionAutoload(): Query[] {
	return [
		{ sql: 'SET autoinstall_known_extensions = false', params: [], tables: [] },
		{ sql: 'SET autoload_known_extensions = false', params: [], tables: [] }
	];
}

/** Create a published table from a Parquet URL with the parquet extension (then `settleTable`). */
export function createTableFromParquet(name: TableName, url: string): Query {
	return { sql: `CREATE OR REPLACE TABLE ${table(name)} AS SELECT * FROM read_parquet(?)`, params: [url], tables: [] };
}

/** A view of a published table over its Parquet file (node DuckDB, which has the extension built in). */
export function createViewOfParquet(name: TableName, path: string): Query {
	// CREATE VIEW cannot take a bound parameter for the path; it is the pipeline's own output path, escaped.
	return { sql: `CREATE OR REPLACE VIEW ${table(name)} AS SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')`, params: [], tables: [] };
}
