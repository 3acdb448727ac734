/**
 * One streaming pass over an input file before DuckDB reads it: checksum, size, encoding, the
 * header record, and where each record starts, so a rejected row can be reported by the line a
 * person sees in a text editor even when quoted fields hold newlines.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { decodeWindows1252 } from './transcode.js';
import { Utf8Check } from './utf8-check.js';

/** Encodings the export format allows. */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/**
 * A point where line numbering changes pace. Record `rec` (0-based among data records, blank
 * lines not counted) is DuckDB line `dline` (newlines outside quotes, blank lines included,
 * header = 1) and starts on physical line `pline`; later records advance all three by one until
 * the next anchor.
 */
export interface Anchor {
	rec: number;
	dline: number;
	pline: number;
}

/** What the scan learnt about a file. */
export interface FileScan {
	sha256: string;
	bytes: number;
	encoding: Encoding;
	/** Header fields as written (BOM removed, not trimmed). */
	header: string[];
	/** Data records, blank lines excluded. */
	records: number;
	anchors: Anchor[];
	/** Some quoted field holds a line break (DuckDB must then read the file on one thread). */
	quoted_newlines: boolean;
	/** The file holds a space somewhere; when it holds none, no value can need trimming. */
	spaces: boolean;
	/**
	 * The file ends inside a quoted field: the last record opened a quote that never closes, so
	 * (RFC 4180) it runs to the end of the file. `byte` is where that record starts.
	 */
	unclosed: { byte: number; dline: number; pline: number } | null;
}

const QUOTE = 0x22;
const SPACE = 0x20;
const LF = 0x0a;
const CR = 0x0d;

/** Scan a CSV file: sha256, byte count, encoding, header, record count and line anchors. */
export async function scanFile(path: string): Promise<FileScan> {
	const hash = createHash('sha256');
	const utf8 = new Utf8Check();
	let bytes = 0;
	let firstBytes: Buffer | null = null;

	// Record state. `line` counts newlines outside quotes (DuckDB's line numbers); `pline` all newlines.
	let inQuotes = false;
	let line = 1;
	let pline = 1;
	let recordStarted = false; // any byte other than CR seen since the last record ended
	let recordStartPline = 1;
	let recordStartLine = 1;
	let recordStartByte = 0;
	let recordQuotedNewline = false;
	let headerDone = false;
	const headerBytes: number[] = [];
	let records = 0;
	const anchors: Anchor[] = [];
	let expectLine = -1; // dline the next record would have if nothing irregular happened
	let expectPline = -1;
	let quotedNewlines = false;
	let spaces = false;

	const endRecord = () => {
		if (!recordStarted) return; // blank line: DuckDB skips it
		if (!headerDone) {
			headerDone = true;
		} else {
			if (recordStartLine !== expectLine || recordStartPline !== expectPline) {
				anchors.push({ rec: records, dline: recordStartLine, pline: recordStartPline });
			}
			records += 1;
		}
		if (recordQuotedNewline) quotedNewlines = true;
		recordQuotedNewline = false;
		// LineMap assumes each record starts one line after the previous one unless an anchor says otherwise.
		expectLine = recordStartLine + 1;
		expectPline = recordStartPline + 1;
		recordStarted = false;
	};

	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		if (!firstBytes) firstBytes = chunk.subarray(0, 3);
		const chunkStart = bytes;
		bytes += chunk.length;
		utf8.push(chunk);
		// One memchr per chunk until a space turns up: a file without any (GP extracts usually)
		// is typed without a trim test per value, which is about a tenth of its load time.
		if (!spaces) spaces = chunk.includes(SPACE);
		// The header byte by byte (it is short); then jump between quotes and line feeds with
		// Buffer.indexOf (memchr), which is several times faster than a byte loop in JS.
		let i = 0;
		for (; i < chunk.length && !headerDone; i++) {
			const b = chunk[i]!;
			if (b !== LF) headerBytes.push(b);
			if (b === LF) {
				if (inQuotes) {
					recordQuotedNewline = true;
					pline += 1;
					continue;
				}
				endRecord();
				line += 1;
				pline += 1;
				continue;
			}
			if (b === CR) continue;
			if (!recordStarted) {
				recordStarted = true;
				recordStartLine = line;
				recordStartPline = pline;
				recordStartByte = chunkStart + i;
			}
			if (b === QUOTE) inQuotes = !inQuotes;
		}
		const end = chunk.length;
		const next = (byte: number, from: number) => {
			const at = chunk.indexOf(byte, from);
			return at === -1 ? end : at;
		};
		let nextQuote = -1; // the first quote at or after i, once looked up
		while (i < end) {
			if (nextQuote < i) nextQuote = next(QUOTE, i);
			if (inQuotes) {
				// Every line feed before the closing quote is inside the field.
				for (let lf = next(LF, i); lf < nextQuote; lf = next(LF, lf + 1)) {
					recordQuotedNewline = true;
					pline += 1;
				}
				if (nextQuote === end) break;
				inQuotes = false;
				i = nextQuote + 1;
				continue;
			}
			if (!recordStarted) {
				const b = chunk[i]!;
				if (b === LF) {
					endRecord();
					line += 1;
					pline += 1;
					i += 1;
					continue;
				}
				if (b === CR) {
					i += 1;
					continue;
				}
				recordStarted = true;
				recordStartLine = line;
				recordStartPline = pline;
				recordStartByte = chunkStart + i;
			}
			const lf = next(LF, i);
			if (nextQuote < lf) {
				inQuotes = true;
				i = nextQuote + 1;
				continue;
			}
			if (lf === end) break;
			endRecord();
			line += 1;
			pline += 1;
			i = lf + 1;
		}
	}
	const validUtf8 = utf8.valid();
	const unclosed = inQuotes && headerDone && recordStarted ? { byte: recordStartByte, dline: recordStartLine, pline: recordStartPline } : null;
	endRecord();

	const hasBom = firstBytes !== null && firstBytes[0] === 0xef && firstBytes[1] === 0xbb && firstBytes[2] === 0xbf;
	const encoding: Encoding = !validUtf8 ? 'windows-1252' : hasBom ? 'utf-8-bom' : 'utf-8';
	const headerText = encoding === 'windows-1252' ? decodeWindows1252(Buffer.from(headerBytes)) : new TextDecoder('utf-8').decode(Buffer.from(headerBytes));
	return { sha256: hash.digest('hex'), bytes, encoding, header: parseHeader(headerText), records, anchors, quoted_newlines: quotedNewlines, spaces, unclosed };
}

/**
 * Scan files one after another in the background, in the given order; element i settles with
 * the scan of `paths[i]`. The scan is JS work on this thread while DuckDB reads on its own
 * threads, so scanning ahead lets the scan of a large file overlap the loading of the files
 * before it. Each promise has a handler attached, so a failure surfaces only where it is awaited.
 */
export function scanInOrder(paths: readonly string[]): Promise<FileScan>[] {
	let previous: Promise<unknown> = Promise.resolve();
	return paths.map((path) => {
		const scan = previous.then(() => scanFile(path));
		previous = scan.catch(() => undefined);
		scan.catch(() => undefined);
		return scan;
	});
}

/** Split one CSV record (no embedded newlines) into fields, RFC 4180 quoting. */
export function parseHeader(text: string): string[] {
	const clean = text.replace(/^\uFEFF/, '').replace(/\r$/, '');
	if (clean === '') return [];
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < clean.length; i++) {
		const ch = clean[i];
		if (quoted) {
			if (ch === '"' && clean[i + 1] === '"') {
				field += '"';
				i += 1;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			fields.push(field);
			field = '';
		} else field += ch;
	}
	fields.push(field);
	return fields;
}
