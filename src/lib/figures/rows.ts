/**
 * Reading small aggregate results as rows. Aggregates have a handful of rows, so per-row
 * objects are cheap here; record-level data never goes through this.
 */

/** A result row as both DuckDB-WASM (Arrow `toJSON`) and node DuckDB (`getRowObjectsJS`) give it. */
export type Row = Record<string, unknown>;

/** A numeric field; null when absent or not a finite number. BigInts are converted. */
export function num(row: Row | undefined, key: string): number | null {
	const v = row?.[key];
	if (typeof v === 'bigint') return Number(v);
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A count field: a whole number, 0 when absent. */
export function count(row: Row | undefined, key: string): number {
	return Math.round(num(row, key) ?? 0);
}

/** A text field; null when absent. */
export function text(row: Row | undefined, key: string): string | null {
	const v = row?.[key];
	return typeof v === 'string' ? v : v === null || v === undefined ? null : String(v);
}
