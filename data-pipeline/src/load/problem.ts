/**
 * The typed table's record of what is wrong with a row: one nullable JSON column, `__problem`,
 * NULL for a clean row, else `{"reason", "code", "identifiers"}` (reason and code NULL when the
 * row is valid but holds an identifier; identifiers a list of `{position, kind}` or NULL). One
 * column rather than three because the Parquet writer spends as much on a column of NULLs as on
 * a column of values: on 43 million GP rows, three such columns cost about 4 CPU seconds.
 */
import { ident } from '../db.js';

/** Name of the problem column. */
export const PROBLEM_COLUMN = '__problem';

const column = ident(PROBLEM_COLUMN);

/**
 * SQL for the problem column from SQL expressions for the reason, its code and the identifier
 * hits (each NULL when absent); `problem` says when the row has any.
 */
export function problemSql(problem: string, reason: string, code: string, hits: string): string {
	return `CASE WHEN ${problem} THEN to_json({'reason': ${reason}, 'code': ${code}, 'identifiers': ${hits}}) END`;
}

/** SQL reading the reason (text, NULL for a valid row) from the problem column. */
export function reasonSql(): string {
	return `(${column} ->> 'reason')`;
}

/** SQL reading the reason code (text, NULL for a valid row) from the problem column. */
export function codeSql(): string {
	return `(${column} ->> 'code')`;
}

/** SQL reading the identifier hits (a list of {position INTEGER, kind VARCHAR}, or NULL) from the problem column. */
export function hitsSql(): string {
	return `from_json(${column} -> 'identifiers', '[{"position": "INTEGER", "kind": "VARCHAR"}]')`;
}
