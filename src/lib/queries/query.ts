/**
 * What every query function returns, and the only way query text names tables and columns:
 * identifiers come from the published schema (src/lib/schema), values are always bound.
 */
import { TABLES, type TableName } from '../schema/index.js';

/** A value bound to a `?` placeholder: DuckDB-WASM prepared statements accept only these. */
export type Param = string | number | boolean | null;

/** SQL with its bound parameters and the tables it reads (so the caller can load just those). */
export interface Query {
	sql: string;
	params: Param[];
	/**
	 * The tables read. The first other than practices decides which DuckDB-WASM engine runs the
	 * query (src/lib/db/connector.ts); any table that engine lacks is loaded into it too.
	 */
	tables: TableName[];
}

/** A published table's name as a quoted identifier; throws for a name not in the schema. */
export function table(name: TableName): string {
	if (!TABLES.some((t) => t.name === name)) throw new Error(`Unknown table: ${name}`);
	return quote(name);
}

/** A column of a published table as a quoted identifier; throws for a column not in the schema. */
export function column(tableName: TableName, name: string): string {
	const spec = TABLES.find((t) => t.name === tableName);
	if (!spec?.columns.some((c) => c.name === name)) throw new Error(`Unknown column: ${tableName}.${name}`);
	return quote(name);
}

function quote(identifier: string): string {
	return `"${identifier.replaceAll('"', '""')}"`;
}
