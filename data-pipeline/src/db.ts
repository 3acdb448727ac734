/**
 * The pipeline's only door to DuckDB (@duckdb/node-api): open a database, run statements with
 * bound parameters, read rows as plain JSON-safe objects.
 */
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

/** A parameter value bound to a prepared statement. */
export type Param = string | number | boolean | null;

/** Positional (`$1`) or named (`$name`) parameters. */
export type Params = readonly Param[] | Readonly<Record<string, Param>>;

/** A thin connection wrapper: every value goes in as a bound parameter, never spliced into SQL. */
export class Db {
	private constructor(
		private readonly instance: DuckDBInstance,
		private readonly connection: DuckDBConnection
	) {}

	/** Open an in-memory database (or a file) with settings the pipeline relies on. */
	static async open(path = ':memory:', options: { threads?: number; memory_limit?: string } = {}): Promise<Db> {
		const config: Record<string, string> = {
			// Never try to download extensions: closed NHS networks, and node DuckDB hangs instead of failing.
			autoload_known_extensions: 'false',
			autoinstall_known_extensions: 'false',
			preserve_insertion_order: 'true'
		};
		if (options.threads) config.threads = String(options.threads);
		if (options.memory_limit) config.memory_limit = options.memory_limit;
		const instance = await DuckDBInstance.create(path, config);
		const connection = await instance.connect();
		return new Db(instance, connection);
	}

	/** Run a statement (several, separated by semicolons, when no params are given). */
	async run(sql: string, params?: Params): Promise<void> {
		if (params === undefined) {
			await this.connection.run(sql);
			return;
		}
		await this.connection.run(sql, params as DuckDBValue[]);
	}

	/** Run a query and return its rows as objects; BIGINT and HUGEINT arrive as numbers. */
	async all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
		const reader = await this.connection.runAndReadAll(sql, params as DuckDBValue[] | undefined);
		return reader.getRowObjectsJS().map((row) => normalise(row)) as T[];
	}

	/** Run a query returning one row, or undefined. */
	async one<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
		return (await this.all<T>(sql, params))[0];
	}

	/** Append rows of integers and strings to an existing table, fast (no SQL per row). */
	async append(table: string, rows: readonly (readonly (number | string | null)[])[]): Promise<void> {
		const appender = await this.connection.createAppender(table);
		for (const row of rows) {
			for (const value of row) {
				if (value === null) appender.appendNull();
				else if (typeof value === 'number') appender.appendInteger(value);
				else appender.appendVarchar(value);
			}
			appender.endRow();
		}
		appender.closeSync();
	}

	/** Close the connection and the database. */
	close(): void {
		this.connection.closeSync();
		this.instance.closeSync();
	}
}

/** Quote an identifier that comes from the schema or from generated names (never from data). */
export function ident(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** Quote a string literal for the few places DuckDB takes no parameter (file paths in COPY, read_csv options). */
export function literal(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

function normalise(row: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(row)) {
		out[key] = typeof value === 'bigint' ? Number(value) : value;
	}
	return out;
}
