/**
 * Statements the data layer runs to set DuckDB up and load tables. Kept here with every other
 * piece of SQL; the connector executes them.
 */
import type { TableName } from '../schema/index.js';
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

/** Re-create a table loaded from Arrow in period order (see `periodOrder`); null when it has no period. */
export function orderByPeriod(name: TableName): Query | null {
	const order = periodOrder(name);
	return order ? { sql: `CREATE OR REPLACE TABLE ${table(name)} AS SELECT * FROM ${table(name)}${order}`, params: [], tables: [] } : null;
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

/** Create a published table from a Parquet URL with the parquet extension, in period order (see `periodOrder`). */
export function createTableFromParquet(name: TableName, url: string): Query {
	return { sql: `CREATE OR REPLACE TABLE ${table(name)} AS SELECT * FROM read_parquet(?)${periodOrder(name)}`, params: [url], tables: [] };
}

/** A view of a published table over its Parquet file (node DuckDB, which has the extension built in). */
export function createViewOfParquet(name: TableName, path: string): Query {
	// CREATE VIEW cannot take a bound parameter for the path; it is the pipeline's own output path, escaped.
	return { sql: `CREATE OR REPLACE VIEW ${table(name)} AS SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')`, params: [], tables: [] };
}
