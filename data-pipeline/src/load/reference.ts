/**
 * Load the practice reference (NHS Digital's gp-reg-pat-prac-map.csv, as published) and list
 * sizes (gp-reg-pat-prac-all.csv, or a two-column practice_code,list_size CSV) into
 * `ref_practices` and `ref_list_sizes`.
 */
import { Db, ident, literal } from '../db.js';
import { PipelineError } from '../errors.js';
import { sha256File } from '../hash.js';

/** The map's columns the pipeline needs, and the names it gives them. */
const MAP_COLUMNS: Record<string, string> = {
	practice_code: 'PRACTICE_CODE',
	practice_name: 'PRACTICE_NAME',
	pcn_code: 'PCN_CODE',
	pcn_name: 'PCN_NAME',
	sub_icb_code: 'SUB_ICB_LOCATION_CODE',
	sub_icb_name: 'SUB_ICB_LOCATION_NAME',
	icb_code: 'ICB_CODE',
	icb_name: 'ICB_NAME',
	region_code: 'COMM_REGION_CODE',
	region_name: 'COMM_REGION_NAME'
};

/** What was loaded from a reference file, for the manifest. */
export interface ReferenceInfo {
	file: string;
	sha256: string;
	rows: number;
}

async function columnsOf(db: Db, path: string): Promise<string[]> {
	const rows = await db.all<{ column_name: string }>(
		`DESCRIBE SELECT * FROM read_csv(${literal(path)}, header = true, all_varchar = true, auto_detect = true)`
	);
	return rows.map((r) => r.column_name);
}

/** Load the practice map. Fails with a clear message when a needed column is absent. */
export async function loadPracticeMap(db: Db, path: string): Promise<ReferenceInfo> {
	const sha256 = await sha256File(path);
	const available = new Map((await columnsOf(db, path)).map((c) => [c.trim().toUpperCase(), c]));
	const select = Object.entries(MAP_COLUMNS).map(([name, source]) => {
		const actual = available.get(source);
		if (!actual) throw new PipelineError(`${path}: the practice reference has no ${source} column (expected NHS Digital's gp-reg-pat-prac-map.csv)`);
		return `nullif(trim(${ident(actual)}), '') AS ${ident(name)}`;
	});
	await db.run(
		`CREATE OR REPLACE TABLE ref_practices AS
		SELECT DISTINCT ON (practice_code) * FROM (
			SELECT ${select.join(', ')} FROM read_csv(${literal(path)}, header = true, all_varchar = true, auto_detect = true)
		) WHERE practice_code IS NOT NULL ORDER BY practice_code`
	);
	const rows = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ref_practices`))?.n ?? 0;
	if (rows === 0) throw new PipelineError(`${path}: the practice reference holds no practices`);
	return { file: path, sha256, rows };
}

/** Load list sizes, from NHS Digital's all-practices file or a practice_code,list_size CSV. */
export async function loadListSizes(db: Db, path: string | undefined): Promise<ReferenceInfo | null> {
	if (!path) {
		await db.run(`CREATE OR REPLACE TABLE ref_list_sizes (practice_code VARCHAR, list_size INTEGER)`);
		return null;
	}
	const sha256 = await sha256File(path);
	const cols = new Map((await columnsOf(db, path)).map((c) => [c.trim().toLowerCase(), c]));
	const code = cols.get('practice_code') ?? cols.get('code');
	const sizeKey = ['list_size', 'number_of_patients'].find((k) => cols.has(k)) ?? [...cols.keys()].find((k) => k.startsWith('number_of_patients'));
	const size = sizeKey ? cols.get(sizeKey) : undefined;
	if (!code || !size) {
		throw new PipelineError(`${path}: list sizes need a practice_code (or CODE) column and a list_size (or NUMBER_OF_PATIENTS) column`);
	}
	const filters = ['sex', 'age'].filter((k) => cols.has(k)).map((k) => `upper(trim(${ident(cols.get(k)!)})) = 'ALL'`);
	await db.run(
		`CREATE OR REPLACE TABLE ref_list_sizes AS
		SELECT trim(${ident(code)}) AS practice_code, max(TRY_CAST(trim(${ident(size)}) AS INTEGER)) AS list_size
		FROM read_csv(${literal(path)}, header = true, all_varchar = true, auto_detect = true)
		${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
		GROUP BY 1`
	);
	const rows = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ref_list_sizes`))?.n ?? 0;
	return { file: path, sha256, rows };
}
