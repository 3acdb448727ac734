/**
 * CSV that Excel opens correctly and every other tool reads: UTF-8 with a byte order mark (so
 * Excel does not guess Windows-1252), CRLF line ends, RFC 4180 quoting, ISO dates, and numbers
 * in plain decimal notation (never 1e-7). Text that Excel would run as a formula gets a leading
 * apostrophe.
 */
import { VALUE_DECIMALS, type DatasetColumn } from '../../../src/lib/schema/index.js';

/** A row of a dataset: column name to value (null = empty). */
export type DatasetRow = Record<string, string | number | null>;

const BOM = '\uFEFF';
const EOL = '\r\n';

/** The whole CSV text of `rows` with `columns` as the header. */
export function toCsv(columns: readonly DatasetColumn[], rows: readonly DatasetRow[]): string {
	const lines = [columns.map((c) => quote(c.name)).join(',')];
	for (const row of rows) lines.push(columns.map((c) => cell(c, row[c.name] ?? null)).join(','));
	return BOM + lines.join(EOL) + EOL;
}

function cell(column: DatasetColumn, value: string | number | null): string {
	if (value === null) return '';
	switch (column.type) {
		case 'integer':
			if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`internal error: ${column.name} must be a whole number, got ${value}`);
			return String(value);
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`internal error: ${column.name} must be a finite number, got ${value}`);
			return plainNumber(value);
		case 'date':
			if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`internal error: ${column.name} must be an ISO date, got ${value}`);
			return value;
		case 'string':
			return quote(defuse(String(value)));
	}
}

/** Fixed-point text with at most VALUE_DECIMALS decimals and no trailing zeros: '12.5', '-0.25', '3'. */
export function plainNumber(x: number): string {
	const text = x.toFixed(VALUE_DECIMALS);
	const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
	return trimmed === '-0' ? '0' : trimmed;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling inner quotes. */
function quote(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Excel runs text starting with = + - @ (or a tab or CR) as a formula; an apostrophe stops it. */
function defuse(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
