/**
 * The table behind every chart: what the table view shows, what screen readers read and what
 * the CSV export writes. Cells carry display text and the raw value separately so the CSV gets
 * plain numbers (no thousands separators) and suppressed cells read "*" in both.
 */
import type { DisclosedValue } from '../metrics/index.js';

/** One table cell: its text on screen and its value in a CSV. */
export interface Cell {
	text: string;
	raw: string | number | null;
	/** The value is hidden by disclosure control. */
	suppressed?: boolean;
}

/** A column heading; numeric columns are right-aligned. */
export interface TableColumn {
	label: string;
	numeric?: boolean;
}

/** The numbers behind a chart. */
export interface FigureTable {
	caption: string;
	columns: TableColumn[];
	rows: Cell[][];
}

const GB = 'en-GB';

/** Text for a suppressed value (NHS Digital convention). */
export const SUPPRESSED_TEXT = '*';

/** A text cell. */
export function textCell(text: string): Cell {
	return { text, raw: text };
}

/** A disclosure-controlled count or statistic; `digits` decimal places for statistics. */
export function disclosedCell(value: DisclosedValue, digits = 0): Cell {
	if (value.value === null) {
		return value.suppressed ? { text: SUPPRESSED_TEXT, raw: SUPPRESSED_TEXT, suppressed: true } : { text: '–', raw: null };
	}
	return numberCell(value.value, digits);
}

/** A number shown with `digits` decimals; null shows a dash. */
export function numberCell(value: number | null, digits = 0): Cell {
	if (value === null || !Number.isFinite(value)) return { text: '–', raw: null };
	return { text: formatNumber(value, digits), raw: Number(value.toFixed(digits)) };
}

/** A percentage cell from a proportion (0-1), one decimal by default. */
export function percentCell(proportion: number | null, digits = 1): Cell {
	if (proportion === null || !Number.isFinite(proportion)) return { text: '–', raw: null };
	return { text: `${formatNumber(proportion * 100, digits)}%`, raw: Number((proportion * 100).toFixed(digits)) };
}

/**
 * One Intl.NumberFormat per number of decimals. `toLocaleString` with options builds a new
 * formatter on every call, which cost tens of milliseconds per filter change on pages that
 * format a few thousand numbers (tables, tooltips, summaries of 300 PCNs).
 */
const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number in the app's format: en-GB grouping, fixed decimals. */
export function formatNumber(value: number, digits = 0): string {
	let format = numberFormats.get(digits);
	if (!format) {
		format = new Intl.NumberFormat(GB, { minimumFractionDigits: digits, maximumFractionDigits: digits });
		numberFormats.set(digits, format);
	}
	return format.format(value);
}

/** A disclosed value as text ('*' when suppressed, '–' when absent). */
export function formatDisclosed(value: DisclosedValue, digits = 0): string {
	return disclosedCell(value, digits).text;
}

/** Whether any cell of the table is suppressed (the figure then carries the footnote). */
export function hasSuppressed(table: FigureTable): boolean {
	return table.rows.some((row) => row.some((cell) => cell.suppressed));
}
