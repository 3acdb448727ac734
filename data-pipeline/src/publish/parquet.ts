/** Write the published tables as zstd Parquet, sorted by geography so one ICB's or PCN's rows sit together. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLES, type ManifestOutput } from '../../../src/lib/schema/index.js';
import { Db, ident, literal } from '../db.js';
import { sha256File } from '../hash.js';

/** Row groups small enough that a reader filtering one PCN skips most of the file. */
const ROW_GROUP_SIZE = 122_880;

/** The sort columns that lead every table with one row per practice-level record. */
const GEOGRAPHY = ['icb_code', 'pcn_code', 'practice_code'];

/**
 * COPY every `out_<name>` table or view to `<dir>/<name>.parquet`; returns what was written.
 * Each `out_<name>` then reads its Parquet file (the same rows), so later steps can still query
 * it while the memory it held, or the work its view would repeat, is given back.
 */
export async function writeParquet(db: Db, dir: string): Promise<ManifestOutput[]> {
	// Every table sorted by ICB, PCN and practice takes those from the practice reference, so a
	// practice's rank in the reference sorts its rows first; the three text columns then only
	// break ties that do not occur. Sorting on one integer first cost a fifth less.
	await db.run(
		`CREATE OR REPLACE TEMP TABLE practice_rank AS
		SELECT practice_code, row_number() OVER (ORDER BY ${GEOGRAPHY.map((c) => `${ident(c)} NULLS FIRST`).join(', ')}) AS __rank FROM ref_practices`
	);
	const outputs: Promise<ManifestOutput>[] = [];
	for (const spec of TABLES) {
		const file = `${spec.name}.parquet`;
		const path = join(dir, file);
		const table = ident(`out_${spec.name}`);
		const order = spec.order_by.map((c) => `t.${ident(c)} NULLS FIRST`).join(', ');
		const select = GEOGRAPHY.every((c, i) => spec.order_by[i] === c)
			? `SELECT t.* FROM ${table} t LEFT JOIN practice_rank r ON r.practice_code = t.practice_code ORDER BY r.__rank NULLS FIRST, ${order}`
			: `SELECT t.* FROM ${table} t ORDER BY ${order}`;
		const copy = `COPY (${select}) TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`;
		const rows = (await db.one<{ Count: number }>(copy))?.Count ?? 0;
		const kind = (await db.one<{ t: string }>(`SELECT table_type AS t FROM information_schema.tables WHERE table_name = $1`, [`out_${spec.name}`]))?.t;
		await db.run(`DROP ${kind === 'VIEW' ? 'VIEW' : 'TABLE'} ${table}`);
		await db.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${literal(path)})`);
		// Checksummed on this thread while DuckDB writes the next table; a failure surfaces below.
		const output = Promise.all([sha256File(path), stat(path)]).then(([sha256, { size }]) => ({ name: spec.name, file, rows, sha256, bytes: size }));
		output.catch(() => undefined);
		outputs.push(output);
	}
	await db.run(`DROP TABLE practice_rank`);
	return Promise.all(outputs);
}
