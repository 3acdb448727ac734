/** Shared helpers for the pipeline tests: temp folders, inline deliveries, runs, and DuckDB read-back. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '../../src/lib/schema/index.js';
import { Db, literal } from '../../data-pipeline/src/db.js';
import { memoryLogger } from '../../data-pipeline/src/log.js';
import { runPipeline, type PipelineOptions } from '../../data-pipeline/src/run.js';

/** Repository root, found from this file so tests work from any working directory. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Fixture folder of the pipeline tests. */
export const fixturesDir = join(repoRoot, 'tests/fixtures/pipeline');

/** NHS Digital's real practice map and list sizes, beside the repository (never copied into it). */
export const sharedReference = resolve(repoRoot, '../shared/reference');
export const realPracticeMap = join(sharedReference, 'gp-reg-pat-prac-map_2025-10.csv');
export const realListSizes = join(sharedReference, 'list-sizes_QNC_2025-10.csv');
export const sharedMissing = !existsSync(realPracticeMap);

/** The "today" every fixture run uses, so "not in the future" does not drift. */
export const TODAY = '2025-06-01';

const MAP_HEADER =
	'PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,ICB_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME,SUPPLIER_NAME';
const NENC = 'E38000247,16C,NHS North East and North Cumbria ICB - 16C,E54000050,QHM,NHS North East and North Cumbria Integrated Care Board,E40000012,Y63,North East and Yorkshire,TPP';

/** A small practice map in NHS Digital's format: six real rows (two ICBs, one PCN 'U', a name ending in a comma). */
export const REFERENCE_CSV = [
	MAP_HEADER,
	`GP_PRAC_PAT_LIST,01Oct2025,A81001,THE DENSHAM SURGERY,TS18 1HU,U89141,STOCKTON PCN,${NENC}`,
	`GP_PRAC_PAT_LIST,01Oct2025,A81002,QUEENS PARK MEDICAL CENTRE,TS18 2AW,U89141,STOCKTON PCN,${NENC}`,
	`GP_PRAC_PAT_LIST,01Oct2025,A81004,ACKLAM MEDICAL CENTRE,TS5 8SB,U02671,GREATER MIDDLESBROUGH PCN,${NENC}`,
	`GP_PRAC_PAT_LIST,01Oct2025,A84035,RIVERSDALE SURGERY,NE42 5DQ,U,Unallocated,${NENC}`,
	'GP_PRAC_PAT_LIST,01Oct2025,A89015,"FULWELL MEDICAL CENTRE,",SR6 8DZ,U43314,SUNDERLAND NORTH PCN,E38000176,00P,NHS North East and North Cumbria ICB - 00P,E54000050,QHM,NHS North East and North Cumbria Integrated Care Board,E40000012,Y63,North East and Yorkshire,EMIS',
	'GP_PRAC_PAT_LIST,01Oct2025,L82008,STRATTON MEDICAL CENTRE,EX23 9BP,U41591,COAST AND COUNTRY PCN,E38000089,11N,NHS Cornwall and the Isles of Scilly ICB - 11N,E54000036,QT6,NHS Cornwall and the Isles of Scilly Integrated Care Board,E40000006,Y58,South West,TPP'
].join('\n') + '\n';

/** File contents of a delivery: text (written as UTF-8) or exact bytes. */
export type Files = Record<string, string | Buffer>;

/** A temp folder for one test file; `cleanup` removes it. */
export async function tempRoot(prefix = 'signpost-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
	const dir = await mkdtemp(join(tmpdir(), prefix));
	return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Write files into `dir` (created if needed). */
export async function writeFiles(dir: string, files: Files): Promise<void> {
	await mkdir(dir, { recursive: true });
	for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}

/** Join lines into CSV text with LF endings and a final newline. */
export function csv(...lines: string[]): string {
	return lines.join('\n') + '\n';
}

/** Encode text as Windows-1252 (only the characters the tests use beyond ASCII). */
export function windows1252(text: string): Buffer {
	const special: Record<string, number> = { '\u2019': 0x92, '\u2018': 0x91, '\u201c': 0x93, '\u201d': 0x94, '\u2013': 0x96, '\u20ac': 0x80 };
	return Buffer.from(
		[...text].map((ch) => {
			const code = ch.codePointAt(0)!;
			if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
			const b = special[ch];
			if (b === undefined) throw new Error(`no Windows-1252 byte for ${ch} in this helper`);
			return b;
		})
	);
}

/** What a run left behind. */
export interface RunResult {
	root: string;
	out: string;
	manifest: Manifest;
	log: string[];
}

/** Options for `runDelivery`. */
export interface RunDeliveryOptions {
	/** Extra deliveries after the first, in order (later supersedes earlier). */
	more?: Files[];
	reference?: string;
	list_sizes?: string;
	window_months?: number;
	today?: string;
}

/**
 * Write `files` as a delivery under `root` (with the small reference map unless one is given)
 * and run the pipeline into `root/out`.
 */
export async function runDelivery(root: string, files: Files, options: RunDeliveryOptions = {}): Promise<RunResult> {
	const deliveries = [files, ...(options.more ?? [])];
	const inputs: string[] = [];
	for (const [i, d] of deliveries.entries()) {
		const dir = join(root, `delivery-${i + 1}`);
		await writeFiles(dir, d);
		inputs.push(dir);
	}
	let reference = options.reference;
	if (!reference) {
		reference = join(root, 'gp-reg-pat-prac-map.csv');
		await writeFile(reference, REFERENCE_CSV);
	}
	const log = memoryLogger();
	const out = join(root, 'out');
	const manifest = await runPipeline(pipelineOptions({ inputs, out, reference, list_sizes: options.list_sizes, window_months: options.window_months, today: options.today, log }));
	return { root, out, manifest, log: log.lines };
}

/** Full pipeline options with test defaults. */
export function pipelineOptions(o: Partial<PipelineOptions> & { inputs: readonly string[]; out: string; reference: string }): PipelineOptions {
	return {
		...o,
		window_months: o.window_months ?? 6,
		today: o.today ?? TODAY,
		log: o.log ?? memoryLogger(),
		memory_limit: o.memory_limit ?? '512MB'
	};
}

/** Run `fn` with an in-memory DuckDB, closed afterwards. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
	const db = await Db.open(':memory:', { threads: 1 });
	try {
		return await fn(db);
	} finally {
		db.close();
	}
}

/** A row read back through DuckDB: dates as 'YYYY-MM-DD', numbers as numbers. */
export type Row = Record<string, string | number | boolean | null>;

/** Read a published Parquet table with DuckDB, in file order; dates come back as text. */
export async function readParquet(db: Db, out: string, table: string, orderBy?: string): Promise<Row[]> {
	const sql = `SELECT * FROM read_parquet(${literal(join(out, `${table}.parquet`))})${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
	return dateless(db, sql);
}

/** Read a rejects CSV with DuckDB (all text), ordered as written. */
export async function readRejects(db: Db, out: string, file: string): Promise<Record<string, string | null>[]> {
	const path = join(out, 'rejects', file);
	if (!existsSync(path)) return [];
	return db.all(`SELECT * FROM read_csv(${literal(path)}, header = true, all_varchar = true, auto_detect = true)`);
}

/** Line and reason of every reject of a file, as `line: reason` strings. */
export async function rejectLines(db: Db, out: string, file: string): Promise<string[]> {
	return (await readRejects(db, out, file)).map((r) => `${r.line}: ${r.reason}`);
}

/** Run a query, turning DATE values into 'YYYY-MM-DD' text. */
export async function dateless(db: Db, sql: string): Promise<Row[]> {
	const rows = await db.all(sql);
	return rows.map((row) => {
		const out: Row = {};
		for (const [k, v] of Object.entries(row)) out[k] = v instanceof Date ? v.toISOString().slice(0, 10) : (v as Row[string]);
		return out;
	});
}
