/**
 * The pipeline end to end: load deliveries, refuse identifiers, settle rows, derive the
 * published tables, write Parquet, rejects and the manifest into a staging folder, then swap it
 * in. Nothing is published unless every step succeeds.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
	EXPORT_FORMAT_VERSION,
	FILES,
	SCHEMA_VERSION,
	DATASETS_VERSION,
	type Manifest,
	type ManifestInput
} from '../../src/lib/schema/index.js';
import { Db, literal } from './db.js';
import { writeDatasets } from './datasets/write-datasets.js';
import { deriveAll } from './derive/derive-all.js';
import { PipelineError } from './errors.js';
import { IDENTIFIER_MACROS } from './load/identifiers.js';
import { loadFile, type Delivery, type LoadedFile } from './load/load-file.js';
import { loadListSizes, loadPracticeMap } from './load/reference.js';
import { scanInOrder } from './load/scan-file.js';
import { settleAll, type FileAccount } from './load/settle.js';
import type { Logger } from './log.js';
import { writeFirstView } from './publish/first-view.js';
import { writeParquet } from './publish/parquet.js';
import { writeRejects } from './publish/rejects.js';
import { discard, makeStaging, swapIn } from './publish/swap.js';

/** Everything a run needs. */
export interface PipelineOptions {
	inputs: readonly string[];
	out: string;
	reference: string;
	list_sizes?: string;
	window_months: number;
	/** Date used for "not in the future" (YYYY-MM-DD); today by default. */
	today: string;
	log: Logger;
	/** DuckDB memory limit; beyond it DuckDB spills to the staging folder. */
	memory_limit?: string;
	/** Write the researcher datasets (default true); `--no-datasets` skips them, e.g. for very large deliveries. */
	datasets?: boolean;
}

/** Run the pipeline; throws PipelineError (exit code 1 or 2) on failure, publishing nothing. */
export async function runPipeline(options: PipelineOptions): Promise<Manifest> {
	const { log } = options;
	const deliveries = labelDeliveries(options.inputs);
	const staging = await makeStaging(options.out);
	let db: Db | undefined;
	try {
		// In memory (it spills to the staging folder past the limit): a database file doubles the writes.
		// 1.5 GB holds the 1,000,000-referral benchmark without spilling, at a peak RSS of about 1.6 GiB.
		db = await Db.open(':memory:', { memory_limit: options.memory_limit ?? '1536MB' });
		await db.run(`SET temp_directory = ${literal(join(staging, 'tmp'))}`);
		await db.run(IDENTIFIER_MACROS);
		await db.run(`SET VARIABLE sp_today = $1::DATE`, [options.today]);
		const reference = await loadPracticeMap(db, options.reference);
		const listSizes = await loadListSizes(db, options.list_sizes);
		log.info(`reference: ${reference.rows} practices${listSizes ? `, ${listSizes.rows} list sizes` : ''}`);

		const loaded: LoadedFile[] = [];
		const present = deliveries.flatMap((delivery) => FILES.map((spec) => join(delivery.path, spec.file)).filter((path) => existsSync(path)));
		const ahead = scanInOrder(present);
		const scans = new Map(present.map((path, i) => [path, ahead[i]!]));
		for (const delivery of deliveries) {
			for (const spec of FILES) {
				const file = await loadFile(db, delivery, spec, staging, scans.get(join(delivery.path, spec.file)));
				if (!file) {
					if (spec.required) throw new PipelineError(`${delivery.label}: ${spec.file} is missing (every delivery needs one)`);
					continue;
				}
				log.info(`read ${delivery.label}/${spec.file}: ${file.scan.records} rows, ${file.scan.encoding}`);
				loaded.push(file);
			}
		}
		refuseIdentifiers(loaded);

		log.info('checking rows across files and deliveries');
		const accounts = await settleAll(db, loaded);
		const outDir = join(staging, 'out');
		await mkdir(join(outDir, 'rejects'), { recursive: true });
		log.info('writing rejects');
		await writeRejects(db, accounts, join(outDir, 'rejects'));

		const delivered = new Set(loaded.map((f) => f.spec.name as string));
		log.info('deriving tables');
		await deriveAll(db, { window_months: options.window_months, delivered });
		log.info('writing Parquet');
		const outputs = await writeParquet(db, outDir);
		log.info('computing the first view');
		const firstView = await writeFirstView(outDir, delivered);
		const created_at = new Date().toISOString();
		let datasets: Manifest['datasets'] = { version: DATASETS_VERSION, files: [] };
		if (options.datasets === false) log.info('researcher datasets skipped (--no-datasets)');
		else {
			log.info('writing researcher datasets');
			datasets = await writeDatasets(db, join(outDir, 'datasets'), { delivered, window_months: options.window_months, created_at, log });
		}
		const inputs = accounts.map(toManifestInput);
		const warnings = collectWarnings(accounts, delivered);
		for (const w of warnings) log.warn(w);
		const manifest: Manifest = {
			schema_version: SCHEMA_VERSION,
			export_format_version: EXPORT_FORMAT_VERSION,
			created_at,
			generator: 'signpost-pipeline',
			parameters: { window_months: options.window_months, today: options.today },
			reference: { practices: reference, list_sizes: listSizes },
			inputs,
			outputs,
			first_view: firstView,
			datasets,
			warnings
		};
		await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
		db.close();
		db = undefined;
		await swapIn(outDir, options.out);
		await discard(staging);
		summarise(log, manifest);
		return manifest;
	} catch (error) {
		db?.close();
		await discard(staging);
		throw error;
	}
}

/** Give each delivery a label (its folder name, made unique) and an ordinal in argument order. */
function labelDeliveries(inputs: readonly string[]): Delivery[] {
	if (inputs.length === 0) throw new PipelineError('no --input delivery folder given');
	const seen = new Map<string, number>();
	return inputs.map((path, ordinal) => {
		if (!existsSync(path) || !statSync(path).isDirectory()) throw new PipelineError(`${path}: delivery folder not found`);
		const base = basename(resolve(path));
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		return { ordinal, label: n === 1 ? base : `${base}-${n}`, path };
	});
}

/** Refuse the run (exit code 2) if any file carries identifiers, naming file, column and line. */
function refuseIdentifiers(loaded: readonly LoadedFile[]): void {
	const problems: string[] = [];
	for (const f of loaded) {
		const where = `${f.delivery.label}/${f.spec.file}`;
		for (const c of f.header.identifiers) problems.push(`${where}, column ${c.name}, line 1: the column name is an identifier`);
		for (const h of f.identifiers) problems.push(`${where}, column ${h.column}, line ${h.line}: the value is ${h.kind === 'postcode' ? 'a full UK postcode' : 'a valid NHS number'}`);
	}
	if (problems.length > 0) {
		throw new PipelineError(
			`refused: the delivery carries identifiers, so nothing was published. Remove them at source and send the files again.\n  ${problems.join('\n  ')}`,
			2
		);
	}
}

function toManifestInput(a: FileAccount): ManifestInput {
	return {
		delivery: a.loaded.delivery.label,
		file: a.loaded.spec.file,
		sha256: a.loaded.scan.sha256,
		bytes: a.loaded.scan.bytes,
		encoding: a.loaded.scan.encoding,
		rows_read: a.rows_read,
		rows_loaded: a.rows_loaded,
		rows_rejected: a.rows_rejected,
		rows_superseded: a.rows_superseded,
		rejects_by_reason: a.rejects_by_reason,
		unknown_columns: a.loaded.header.unknown
	};
}

function collectWarnings(accounts: readonly FileAccount[], delivered: ReadonlySet<string>): string[] {
	const warnings: string[] = [];
	for (const a of accounts) {
		const where = `${a.loaded.delivery.label}/${a.loaded.spec.file}`;
		if (a.loaded.header.unknown.length > 0) warnings.push(`${where}: unknown column(s) ignored: ${a.loaded.header.unknown.join(', ')}`);
		if (a.rows_read !== a.loaded.scan.records) {
			warnings.push(`${where}: DuckDB read ${a.rows_read} rows where a line scan found ${a.loaded.scan.records}; line numbers in rejects may be off`);
		}
	}
	if (delivered.has('comparison') && !delivered.has('gp_appointments')) warnings.push('comparison.csv was delivered without gp_appointments.csv: GP use cannot be measured');
	return warnings;
}

function summarise(log: Logger, m: Manifest): void {
	for (const i of m.inputs) {
		const reasons = Object.entries(i.rejects_by_reason).map(([r, n]) => `${r} ${n}`).join('; ');
		log.info(`${i.delivery}/${i.file}: read ${i.rows_read}, loaded ${i.rows_loaded}, rejected ${i.rows_rejected}, superseded ${i.rows_superseded}${reasons ? ` (${reasons})` : ''}`);
	}
	log.info(`published ${m.outputs.map((o) => `${o.name} ${o.rows}`).join(', ')}`);
}
