/**
 * Write the researcher datasets into `<out>/datasets/`: each dataset as CSV and Parquet, the
 * data dictionary (datapackage.json), README.md and CITATION.cff. Every count of every dataset
 * is registered first, suppression runs once over all of them, then the rows are written.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATASETS_VERSION, MEASURES, type ManifestDatasetFile, type ManifestDatasets } from '../../../src/lib/schema/index.js';
import type { Db } from '../db.js';
import { sha256File } from '../hash.js';
import type { Logger } from '../log.js';
import { figuresFor, type Context, type DatasetPlan } from './context.js';
import { toCsv } from './csv.js';
import { citation, dataPackage, readme, type WrittenFile } from './dictionary.js';
import { gpPlan } from './gp.js';
import { loadGeography } from './geography.js';
import { indicatorsPlan } from './indicators.js';
import { csvToParquet } from './parquet.js';
import { periodsBetween } from './periods.js';
import { Registry } from './registry.js';
import { signpostingPlan } from './signposting.js';
import { wellbeingByGroupPlan, wellbeingPlan } from './wellbeing.js';
import { workforcePlan } from './workforce.js';

/** What the datasets need beyond the derived tables. */
export interface DatasetOptions {
	delivered: ReadonlySet<string>;
	window_months: number;
	created_at: string;
	log: Logger;
}

/** Build and write every dataset; returns the manifest's account of the files written. */
export async function writeDatasets(db: Db, dir: string, options: DatasetOptions): Promise<ManifestDatasets> {
	await mkdir(dir, { recursive: true });
	const geo = await loadGeography(db);
	const registry = new Registry(geo);
	const range = await db.one<{ first: string | null; last: string | null }>(
		`SELECT strftime(min(m), '%Y-%m') AS first, strftime(max(m), '%Y-%m') AS last FROM (
			SELECT referral_month AS m FROM out_referrals UNION ALL SELECT contact_month FROM out_contacts
			UNION ALL SELECT signpost_month FROM out_signposting UNION ALL SELECT workforce_month FROM out_workforce
			UNION ALL SELECT index_month FROM out_gp_use)`
	);
	const measures = await db.all<{ instrument: string; measure: string }>(`SELECT DISTINCT instrument, measure FROM out_wellbeing`);
	const ctx: Context = {
		db,
		geo,
		registry,
		figures: figuresFor(registry),
		periods: periodsBetween(range?.first ?? null, range?.last ?? null),
		delivered: options.delivered,
		window_months: options.window_months,
		measures: orderMeasures(measures)
	};
	const plans: DatasetPlan[] = [];
	plans.push(await wellbeingPlan(ctx));
	plans.push(await indicatorsPlan(ctx));
	plans.push(await wellbeingByGroupPlan(ctx));
	plans.push(await gpPlan(ctx));
	plans.push(await signpostingPlan(ctx));
	plans.push(await workforcePlan(ctx));
	registry.solve();
	options.log.info(`datasets: ${registry.size} counts, ${registry.equationList.length} equations between them`);

	const written: WrittenFile[] = [];
	const order = ['indicators', 'wellbeing_change', 'wellbeing_change_by_group', 'gp_time_freed', 'signposting', 'workforce'];
	plans.sort((a, b) => order.indexOf(a.spec.name) - order.indexOf(b.spec.name));
	for (const plan of plans) {
		const rows = plan.rows();
		const csvPath = join(dir, `${plan.spec.name}.csv`);
		const parquetPath = join(dir, `${plan.spec.name}.parquet`);
		await writeFile(csvPath, toCsv(plan.spec.columns, rows));
		await csvToParquet(db, plan.spec.columns, csvPath, parquetPath);
		for (const [format, path] of [['csv', csvPath], ['parquet', parquetPath]] as const) {
			written.push({ spec: plan.spec, format, file: `${plan.spec.name}.${format}`, rows: rows.length, bytes: (await stat(path)).size, sha256: await sha256File(path) });
		}
	}
	const icbs = geo.areas.filter((a) => a.type === 'icb').map((a) => ({ code: a.code, name: a.name }));
	const info = { created_at: options.created_at, icbs, window_months: options.window_months, files: written };
	const pkg = dataPackage(info);
	const extra: [string, ManifestDatasetFile['format'], string][] = [
		['datapackage', 'json', JSON.stringify(pkg, null, 2) + '\n'],
		['readme', 'markdown', readme(info, pkg)],
		['citation', 'cff', citation(info, pkg)]
	];
	const files: ManifestDatasetFile[] = written.map((f) => ({ name: f.spec.name, format: f.format, file: `datasets/${f.file}`, rows: f.rows, sha256: f.sha256, bytes: f.bytes }));
	const names: Record<string, string> = { datapackage: 'datapackage.json', readme: 'README.md', citation: 'CITATION.cff' };
	for (const [name, format, text] of extra) {
		const path = join(dir, names[name]!);
		await writeFile(path, text);
		files.push({ name, format, file: `datasets/${names[name]}`, rows: null, sha256: await sha256File(path), bytes: (await stat(path)).size });
	}
	return { version: DATASETS_VERSION, files };
}

/** Instrument/measure pairs in the schema's display order. */
function orderMeasures(found: { instrument: string; measure: string }[]): { instrument: string; measure: string }[] {
	const rank = (m: { instrument: string; measure: string }) => MEASURES.findIndex((s) => s.instrument === m.instrument && s.measure === m.measure);
	return [...found].sort((a, b) => rank(a) - rank(b));
}
