/**
 * How DuckDB reads a delivery file: every field as text (c0..c{n-1}), RFC 4180, keeping every
 * record. Rows its reader cannot split (too many fields, an unclosed quote) are logged in a
 * rejects table with their DuckDB line, so that they are rejected, not lost.
 */
import { Db, ident, literal } from '../db.js';

/** Marker DuckDB uses for a field that is absent (row too short): it cannot occur in text. */
const ABSENT = '\u0001';

/** A UTF-8 file as DuckDB should read it. */
export interface CsvSource {
	/** The file DuckDB reads (the delivery file, or its UTF-8 or cut-down copy). */
	path: string;
	/** Fields in the header. */
	fieldCount: number;
	/**
	 * Some quoted field holds a line break (from the scan): DuckDB's parallel reader refuses null
	 * padding then, so the file is read on one thread.
	 */
	quotedNewlines: boolean;
	/** Some field may hold a space (from the scan); when none can, values are not trimmed. */
	spaces: boolean;
}

/** A structurally broken record and DuckDB's account of it. */
export interface StructuralReject {
	dline: number;
	/** The reason written to the rejects file. */
	error: string;
	/** The reason's short code, counted in the manifest's rejects_by_reason. */
	code: string;
	text: string;
}

/**
 * The `read_csv(...)` call giving columns c0..c{n-1} (VARCHAR, '' for empty, NULL for absent).
 * With `rejects`, records DuckDB cannot split are logged in the tables `<rejects>` and
 * `<rejects>__scans` (see `takeStructuralRejects`). Rows come in file order as long as the
 * query preserves insertion order, which the row positions of the whole pipeline rely on.
 */
export function readCsvSql(source: CsvSource, rejects?: string): string {
	const columns = Array.from({ length: source.fieldCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
	// Without a rejects table the same records are skipped, unlogged (store_rejects implies ignore_errors).
	const store = rejects ? `store_rejects = true, rejects_table = ${literal(rejects)}, rejects_scan = ${literal(`${rejects}__scans`)},` : 'ignore_errors = true,';
	return `read_csv(${literal(source.path)},
		header = false, skip = 1, auto_detect = false, delim = ',', quote = '"', escape = '"',
		all_varchar = true, null_padding = true, parallel = ${source.quotedNewlines ? 'false' : 'true'}, nullstr = ${literal(ABSENT)}, strict_mode = true,
		${store} columns = {${columns}})`;
}

/**
 * Collect the records DuckDB could not split during a read made with `readCsvSql(source,
 * rejects)`, and drop its rejects tables.
 */
export async function takeStructuralRejects(db: Db, rejects: string, fieldCount: number): Promise<StructuralReject[]> {
	const rows = await db.all<{ line: number; error_type: string; error_message: string; csv_line: string }>(
		`SELECT line, error_type, error_message, csv_line FROM ${ident(rejects)} ORDER BY line`
	);
	await db.run(`DROP TABLE ${ident(rejects)}; DROP TABLE ${ident(`${rejects}__scans`)}`);
	// DuckDB may log one record more than once (one entry per broken field); keep one per line.
	const byLine = new Map<number, StructuralReject>();
	for (const r of rows) {
		if (!byLine.has(r.line)) {
			byLine.set(r.line, { dline: r.line, ...describe(r.error_type, r.error_message, fieldCount), text: r.csv_line.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '') });
		}
	}
	return [...byLine.values()];
}

/**
 * SQL for the text fields of some rows of a file, read again: `__row` (0-based position among the
 * rows DuckDB read, as in the typed table) and c0..c{n-1}, for the rows whose positions
 * `wanted` (a query with a `__row` column) returns. Numbering rows in the read needs one thread
 * and a full pass, so this is kept for the few rows that end up in a rejects file; the read
 * stops after row `last`.
 */
export function rawRowsSql(source: CsvSource, wanted: string, last: number): string {
	return `SELECT * FROM (
		SELECT row_number() OVER () - 1 AS __row, * FROM ${readCsvSql(source)} LIMIT ${Math.trunc(last) + 1}
	) WHERE __row IN (${wanted})`;
}

/** DuckDB's error type as a reason for the rejects file and a stable code for the manifest. */
function describe(type: string, message: string, fieldCount: number): { error: string; code: string } {
	if (type === 'TOO MANY COLUMNS') return { error: `too many fields (the header has ${fieldCount})`, code: 'too many fields' };
	if (type === 'UNQUOTED VALUE') return { error: 'a quoted field is not closed properly', code: 'a quoted field is not closed properly' };
	if (type === 'INVALID UNICODE') return { error: 'text is not valid UTF-8 or Windows-1252', code: 'text is not valid UTF-8 or Windows-1252' };
	return { error: `unreadable row: ${message}`, code: 'unreadable row' };
}
