/**
 * Read one delivery file into a raw all-text DuckDB table, one column per header field, keeping
 * every record: rows DuckDB's reader cannot split (too many fields, an unclosed quote) are kept
 * in a side table with their DuckDB line so that they are rejected, not lost.
 */
import { Db, ident, literal } from '../db.js';

/** Marker DuckDB uses for a field that is absent (row too short): it cannot occur in text. */
const ABSENT = '\u0001';

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
 * Create `table` with columns c0..c{n-1} (VARCHAR, '' for empty, NULL for absent) from `path`,
 * which must be UTF-8. Returns the records DuckDB could not split. `quotedNewlines` (from the
 * scan) switches to the single-threaded reader: DuckDB's parallel reader refuses null padding
 * when a quoted field holds a line break.
 */
export async function readCsvRaw(db: Db, path: string, table: string, fieldCount: number, quotedNewlines = false): Promise<StructuralReject[]> {
	const columns = Array.from({ length: fieldCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
	const rejects = `${table}__rejects`;
	const scans = `${table}__scans`;
	await db.run(
		`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_csv(${literal(path)},
			header = false, skip = 1, auto_detect = false, delim = ',', quote = '"', escape = '"',
			all_varchar = true, null_padding = true, parallel = ${quotedNewlines ? 'false' : 'true'}, nullstr = ${literal(ABSENT)}, strict_mode = true,
			store_rejects = true, rejects_table = ${literal(rejects)}, rejects_scan = ${literal(scans)},
			columns = {${columns}})`
	);
	const rows = await db.all<{ line: number; error_type: string; error_message: string; csv_line: string }>(
		`SELECT line, error_type, error_message, csv_line FROM ${ident(rejects)} ORDER BY line`
	);
	await db.run(`DROP TABLE ${ident(rejects)}; DROP TABLE ${ident(scans)}`);
	// DuckDB may log one record more than once (one entry per broken field); keep one per line.
	const byLine = new Map<number, StructuralReject>();
	for (const r of rows) {
		if (!byLine.has(r.line)) {
			byLine.set(r.line, { dline: r.line, ...describe(r.error_type, r.error_message, fieldCount), text: r.csv_line.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '') });
		}
	}
	return [...byLine.values()];
}

/** DuckDB's error type as a reason for the rejects file and a stable code for the manifest. */
function describe(type: string, message: string, fieldCount: number): { error: string; code: string } {
	if (type === 'TOO MANY COLUMNS') return { error: `too many fields (the header has ${fieldCount})`, code: 'too many fields' };
	if (type === 'UNQUOTED VALUE') return { error: 'a quoted field is not closed properly', code: 'a quoted field is not closed properly' };
	if (type === 'INVALID UNICODE') return { error: 'text is not valid UTF-8 or Windows-1252', code: 'text is not valid UTF-8 or Windows-1252' };
	return { error: `unreadable row: ${message}`, code: 'unreadable row' };
}
