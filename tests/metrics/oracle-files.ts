import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file so tests work from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared oracle folder beside the repository (never copied into it). */
export const oracleDir = path.resolve(repoRoot, '../shared/oracles');

/** True when the oracle folder is absent; oracle suites skip with a visible message. */
export const oraclesMissing = !existsSync(oracleDir);
if (oraclesMissing) console.warn(`[metrics tests] ${oracleDir} not found: oracle comparisons are skipped`);

/** One CSV row keyed by header; fields as strings ('' for empty). */
export type CsvRow = Record<string, string>;

/** Read a CSV from the oracle folder: quoted fields, a BOM and embedded newlines in quotes allowed. */
export function readOracle(relative: string): CsvRow[] {
	const text = readFileSync(path.join(oracleDir, relative), 'utf8').replace(/^\uFEFF/, '');
	const records = parseCsv(text);
	const header = (records.shift() ?? []).map((h) => h.trim());
	return records.filter((r) => r.some((f) => f !== '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Number from a CSV field: null when empty; accepts scipy's `np.float64(...)` wrapper. */
export function num(field: string | undefined): number | null {
	if (field === undefined || field.trim() === '') return null;
	const m = /^np\.float64\((.*)\)$/.exec(field.trim());
	return Number(m ? m[1] : field);
}

/** Like {@link num} but throws when the field is empty. */
export function req(field: string | undefined): number {
	const v = num(field);
	if (v === null || Number.isNaN(v)) throw new Error(`expected a number, got ${field}`);
	return v;
}

/** Relative difference |a - b| / |b| (absolute when b = 0). */
export function relDiff(a: number, b: number): number {
	return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

/** Same to `digits` significant figures: relative difference under 5 x 10^-digits. */
export function sameSig(a: number, b: number, digits = 6): boolean {
	return relDiff(a, b) < 5 * 10 ** -digits;
}

function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}
