/**
 * Test helpers for the demo generator: run it once per option set into a temporary folder, and
 * read its files back with a reader written here (not the generator's), so a quoting or
 * encoding slip in the generator cannot hide behind the same slip in the check.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo, type DemoOptions } from '../../data-pipeline/src/demo/generate.js';

/** A CSV file read back: header, data rows, and how it was encoded. */
export interface CsvTable {
	header: string[];
	rows: string[][];
	encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
	crlf: boolean;
	/** Line number (1-based, header = 1) where each data row starts. */
	lines: number[];
}

const runs = new Map<string, Promise<string>>();

/** Generate a delivery (once per distinct options within a test file) and return its folder. */
export function generated(options: Omit<DemoOptions, 'out' | 'log'>): Promise<string> {
	const key = JSON.stringify(options);
	let run = runs.get(key);
	if (!run) {
		const out = mkdtempSync(join(tmpdir(), 'signpost-demo-'));
		run = generateDemo({ ...options, out }).then(() => out);
		runs.set(key, run);
	}
	return run;
}

/** Decode bytes as the contract allows: UTF-8 (with or without BOM), else Windows-1252. */
export function decode(bytes: Uint8Array): { text: string; encoding: CsvTable['encoding'] } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
	}
}

// Windows-1252 differs from Latin-1 in 0x80-0x9F. Decoded by hand: Node 20's one-shot
// TextDecoder('windows-1252') leaves 0x92 (a curly apostrophe) as a control character.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decode Windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte);
	return text;
}

/** Read a CSV file of a delivery. */
export function readTable(path: string): CsvTable {
	const { text, encoding } = decode(readFileSync(path));
	const { records, lines } = parseCsv(text);
	const [header = [], ...rows] = records;
	return { header, rows, encoding, crlf: text.includes('\r\n'), lines: lines.slice(1) };
}

/** RFC 4180: fields split on commas, quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): { records: string[][]; lines: number[] } {
	const records: string[][] = [];
	const lines: number[] = [];
	let record: string[] = [];
	let field = '';
	let inQuotes = false;
	let atFieldStart = true;
	let line = 1;
	let recordLine = 1;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (inQuotes) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') inQuotes = false;
			else {
				if (ch === '\n') line++;
				field += ch;
			}
			continue;
		}
		if (ch === '"' && atFieldStart) {
			inQuotes = true;
			atFieldStart = false;
		} else if (ch === ',') {
			record.push(field);
			field = '';
			atFieldStart = true;
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			record.push(field);
			records.push(record);
			lines.push(recordLine);
			record = [];
			field = '';
			atFieldStart = true;
			line++;
			recordLine = line;
		} else {
			field += ch;
			atFieldStart = false;
		}
	}
	if (inQuotes) throw new Error('CSV ends inside a quoted field');
	if (field !== '' || record.length > 0) {
		record.push(field);
		records.push(record);
		lines.push(recordLine);
	}
	return { records, lines };
}

/** The rows of a table as objects keyed by lower-cased, trimmed header names. */
export function rowObjects(table: CsvTable): Record<string, string>[] {
	const names = table.header.map((h) => h.trim().toLowerCase());
	return table.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i] ?? ''])));
}

/** The planted truth of a delivery; tests read it as loosely typed JSON and assert on its values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function planted(dir: string): Record<string, any> {
	return JSON.parse(readFileSync(join(dir, 'truth', 'planted.json'), 'utf8'));
}
