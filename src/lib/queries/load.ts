/**
 * Statements the data layer runs to set DuckDB up and load tables. Kept here with every other
 * piece of SQL; the connector executes them.
 */
import type { TableName } from '../schema/index.js';
import { table, type Query } from './query.js';

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

/** Create a published table from a Parquet URL with the parquet extension. */
export function createTableFromParquet(name: TableName, url: string): Query {
	return { sql: `CREATE OR REPLACE TABLE ${table(name)} AS SELECT * FROM read_parquet(?)`, params: [url], tables: [] };
}

/** A view of a published table over its Parquet file (node DuckDB, which has the extension built in). */
export function createViewOfParquet(name: TableName, path: string): Query {
	// CREATE VIEW cannot take a bound parameter for the path; it is the pipeline's own output path, escaped.
	return { sql: `CREATE OR REPLACE VIEW ${table(name)} AS SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')`, params: [], tables: [] };
}
