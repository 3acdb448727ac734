/** Shared helpers for the pipeline tests: temp folders, inline deliveries, runs, and DuckDB read-back. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
	/** Write the researcher datasets (default true). */
	datasets?: boolean;
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
	const manifest = await runPipeline(pipelineOptions({ inputs, out, reference, list_sizes: options.list_sizes, window_months: options.window_months, today: options.today, datasets: options.datasets, log }));
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

/**
 * A small valid delivery with every file, a few rejects, and a non-ASCII name in an unknown
 * column: the shared input of the run, determinism and encoding tests.
 */
export function sampleDelivery(): Record<string, string> {
	return {
		'referrals.csv': csv(
			'referral_id,person_id,practice_code,referral_date,referral_source,needs,age_band,sex,ethnic_group,imd_decile,status,first_contact_date,discharge_date,notes',
			'R1,P1,A81001,2024-03-15,gp,loneliness_isolation;housing,65-74,female,white,2,completed,2024-03-20,2024-06-30,Zoë’s first',
			'R2,P2,A81002,2024-04-02,self,mental_wellbeing,18-24,male,asian,5,declined,,,"quoted, with comma"',
			'R3,P3,A81004,2024-10-31,vcse,,45-54,other,black,9,in_progress,2024-11-04,,',
			'R4,P4,A84035,2025-01-06,gp,money_debt;housing;other,85+,not_known,not_stated,1,accepted,2025-01-06,,',
			'R5,P5,L82008,2024-06-15,gp,,,,,,,,,',
			'R6,P6,Z99999,2024-06-15,gp,,,,,,,,,'
		),
		'contacts.csv': csv(
			'contact_id,referral_id,contact_date,mode,duration_minutes',
			'C1,R1,2024-03-20,face_to_face,45',
			'C2,R1,2024-04-10,telephone,15',
			'C3,R3,2024-11-04,home_visit,60',
			'C4,R2,2024-04-01,telephone,5'
		),
		'wellbeing.csv': csv(
			'referral_id,assessment_date,instrument,measure,score,timepoint',
			'R1,2024-03-20,swemwbs,total,20,baseline',
			'R1,2024-06-25,swemwbs,total,24,follow_up',
			'R1,2024-03-20,ucla3,total,8,',
			'R1,2024-06-25,ucla3,total,5,',
			'R3,2024-11-04,ons4,anxiety,8,',
			'R3,2025-02-01,ons4,anxiety,3,'
		),
		'gp_appointments.csv': csv(
			'person_id,month,appointments',
			...['2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09'].map((m, i) => `P1,${m},${i % 4}`),
			...['2024-03', '2024-04', '2024-05'].map((m) => `CP1,${m},1`)
		),
		'comparison.csv': csv('person_id,practice_code,index_date,age_band,sex,ethnic_group,imd_decile', 'CP1,A81001,2024-04-20,65-74,female,white,3'),
		'signposting.csv': csv(
			'referral_id,signpost_date,activity,provider_type,attended',
			'R1,2024-04-10,befriending_social_groups,vcse,yes',
			'R3,2024-11-20,advice_money_debt,statutory,unknown'
		),
		'workforce.csv': csv('pcn_code,month,fte', 'U89141,2024-04,1.5', 'U41591,2024-04,2', 'U99999,2024-04,1')
	};
}

/** Every published table's contents, read back with DuckDB in a canonical order, as JSON text per table. */
export async function tableContents(db: Db, out: string, tables: readonly string[]): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	for (const t of tables) {
		const rows = await dateless(db, `SELECT * FROM read_parquet(${literal(join(out, `${t}.parquet`))}) ORDER BY ALL`);
		result[t] = JSON.stringify(rows);
	}
	return result;
}

/** Every file under `dir` (recursively) with its bytes. */
export function snapshot(dir: string): Record<string, Buffer> {
	const out: Record<string, Buffer> = {};
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		out[path.slice(dir.length + 1)] = readFileSync(path);
	}
	return out;
}
