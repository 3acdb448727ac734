/**
 * Load one file of one delivery: scan it, re-encode it if it is Windows-1252, match its header,
 * then read it once with DuckDB into a typed table (a Parquet file in the staging folder) with a
 * reason for every bad row and the identifiers found in any field.
 */
import { existsSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileSpec } from '../../../src/lib/schema/index.js';
import { literal, type Db } from '../db.js';
import { PipelineError } from '../errors.js';
import { matchHeader, type HeaderMatch } from './header.js';
import { findIdentifiers, findIdentifiersInText } from './identifiers.js';
import { LineMap } from './lines.js';
import { readCsvSql, takeStructuralRejects, type CsvSource, type StructuralReject } from './read-csv.js';
import { scanFile, type FileScan } from './scan-file.js';
import { decodeWindows1252, transcodeWindows1252 } from './transcode.js';
import { typedSelectSql } from './typed-sql.js';

/** A delivery folder and its position in the run (later deliveries supersede earlier ones). */
export interface Delivery {
	ordinal: number;
	label: string;
	path: string;
}

/** Everything known about one loaded file. */
export interface LoadedFile {
	delivery: Delivery;
	spec: FileSpec;
	path: string;
	scan: FileScan;
	header: HeaderMatch;
	/**
	 * The typed rows (see `typedSelectSql`) as a Parquet file, in the order DuckDB read them: a
	 * row's `file_row_number` is its position, which `lines` turns into a line.
	 */
	typed: string;
	/** Rows in the typed table: every record DuckDB could split. */
	rows: number;
	/** How DuckDB reads the file, to fetch the original fields of rejected rows again. */
	source: CsvSource;
	structural: StructuralReject[];
	lines: LineMap;
	/** Identifiers found in values, with the line a person sees. */
	identifiers: { column: string; line: number; kind: string }[];
}

/**
 * Load `spec.file` of a delivery if present; returns null when the file is absent. `scanned`
 * is the file's scan when the caller started it ahead of time (see `scanInOrder`).
 */
export async function loadFile(db: Db, delivery: Delivery, spec: FileSpec, workDir: string, scanned?: Promise<FileScan>): Promise<LoadedFile | null> {
	const path = join(delivery.path, spec.file);
	if (!existsSync(path)) return null;
	const scan = await (scanned ?? scanFile(path));
	const where = `${delivery.label}/${spec.file}`;
	if (scan.header.length === 0) throw new PipelineError(`${where}: the file is empty (it needs at least a header row)`);
	const header = matchHeader(scan.header, spec);
	const table = `${spec.name}_${delivery.ordinal}`;
	const typed = join(workDir, `${table}.typed.parquet`);

	let readable = path;
	let unclosed: StructuralReject | null = null;
	if (scan.unclosed) {
		// DuckDB splits such a tail unpredictably (sometimes a padded row and a reject for the same
		// record); cut it off and reject it as one record, as RFC 4180 reads it.
		readable = join(workDir, `${table}.head.csv`);
		const tail = await copyHead(path, readable, scan.unclosed.byte);
		const text = scan.encoding === 'windows-1252' ? decodeWindows1252(tail) : new TextDecoder('utf-8').decode(tail);
		unclosed = { dline: scan.unclosed.dline, error: 'a quoted field is not closed (it runs to the end of the file)', code: 'a quoted field is not closed', text: text.replace(/[\r\n]+$/, '').slice(0, 200) };
	}
	if (scan.encoding === 'windows-1252') {
		const utf8 = join(workDir, `${table}.utf8.csv`);
		await transcodeWindows1252(readable, utf8);
		readable = utf8;
	}
	const source: CsvSource = { path: readable, fieldCount: scan.header.length, quotedNewlines: scan.quoted_newlines, spaces: scan.spaces };
	const rejects = `${table}__rejects`;
	const rows = await copyInReadOrder(db, typedSelectSql(spec, header, source, readCsvSql(source, rejects)), typed);
	const structural = await takeStructuralRejects(db, rejects, source.fieldCount);
	if (unclosed) structural.push(unclosed);
	const lines = new LineMap(scan.anchors, structural.map((s) => s.dline));
	const hits = await findIdentifiers(db, typed);
	const identifiers = hits.map((h) => ({ column: scan.header[h.position]!.trim(), line: lines.lineOfRow(h.row), kind: h.kind }));
	for (const h of await findIdentifiersInText(db, structural, `${table}__broken`)) {
		const column = scan.header[h.position]?.trim() ?? `field ${h.position + 1}`;
		identifiers.push({ column: `${column} (in an unreadable row)`, line: lines.lineOfDuckLine(structural[h.reject]!.dline), kind: h.kind });
	}

	// Identifier columns and hits are reported together by the caller; a missing required
	// column is fatal on its own since no row of the file could load. Both need the file read:
	// the typed table of a bad header is simply never used.
	if (header.identifiers.length === 0 && identifiers.length === 0) {
		if (header.missing_required.length > 0) {
			throw new PipelineError(`${where}: required column(s) missing from the header: ${header.missing_required.join(', ')} (line 1)`);
		}
		if (header.repeated.length > 0) {
			throw new PipelineError(`${where}: column(s) named more than once in the header: ${header.repeated.join(', ')} (line 1)`);
		}
	}
	return { delivery, spec, path, scan, header, typed, rows, source, structural, lines, identifiers };
}

/**
 * Write the rows of `select` to a Parquet file in the order it produces them, which the line
 * numbers of rejects depend on. DuckDB keeps that order (insertion order is preserved, see
 * Db.open) only when it can copy in numbered batches; a plan that cannot (a long IN list, for
 * one, is planned as a join) would scatter the rows, so it is refused rather than run.
 * Returns the number of rows written.
 */
async function copyInReadOrder(db: Db, select: string, path: string): Promise<number> {
	// No bloom filters: this file is only scanned whole by the pipeline, never looked up by value
	// (about 2% of the GP extract's copy at 1,000,000 referrals).
	const copy = `COPY (${select}) TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd, WRITE_BLOOM_FILTER false)`;
	const plan = await db.all<{ explain_value: string }>(`EXPLAIN ${copy}`);
	if (!plan.some((p) => p.explain_value.includes('BATCH_COPY_TO_FILE'))) {
		throw new PipelineError(`internal error: DuckDB would not keep the row order of ${path}, so rejects could name the wrong lines`);
	}
	return (await db.one<{ Count: number }>(copy))?.Count ?? 0;
}

/** Copy the first `bytes` bytes of `from` to `to`; returns the rest (the unclosed record). */
async function copyHead(from: string, to: string, bytes: number): Promise<Buffer> {
	const handle = await open(from, 'r');
	try {
		const { size } = await handle.stat();
		const head = Buffer.alloc(bytes);
		await handle.read(head, 0, bytes, 0);
		await writeFile(to, head);
		const tail = Buffer.alloc(size - bytes);
		await handle.read(tail, 0, tail.length, bytes);
		return tail;
	} finally {
		await handle.close();
	}
}
