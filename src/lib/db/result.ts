/**
 * Query results as columns. Converting Arrow to one object per row costs about 400 ms per 100k
 * rows (shared/notes/stack.md), so results stay columnar: numbers as typed arrays, strings as
 * arrays, ready for Plot's columnar channels.
 */
import type { Table } from 'apache-arrow';

/** One column: a typed array for numbers, an array of epoch-ms numbers for dates, an array for strings and booleans. */
export type Column = ArrayLike<unknown>;

/** The result of one query. */
export interface Result {
	numRows: number;
	/** Column names in SELECT order. */
	names: string[];
	/** Columns by name. Numeric nulls read as 0 in typed arrays: use `table` where nulls matter. */
	columns: Record<string, Column>;
	/** The Arrow table itself, for null-aware access (`table.getChild(name)?.isValid(i)`). */
	table: Table;
}

/** Columns of an Arrow table, without copying per row. */
export function toResult(table: Table): Result {
	const names = table.schema.fields.map((f) => f.name);
	const columns: Record<string, Column> = {};
	for (const name of names) columns[name] = (table.getChild(name)?.toArray() as Column | undefined) ?? [];
	return { numRows: table.numRows, names, columns, table };
}
