/** Write the published tables as zstd Parquet, sorted by geography so one ICB's or PCN's rows sit together. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLES, type ManifestOutput } from '../../../src/lib/schema/index.js';
import { Db, ident, literal } from '../db.js';
import { sha256File } from '../hash.js';

/** Row groups small enough that a reader filtering one PCN skips most of the file. */
const ROW_GROUP_SIZE = 122_880;

/**
 * COPY every `out_<name>` table or view to `<dir>/<name>.parquet`; returns what was written.
 * Each `out_<name>` then reads its Parquet file (the same rows), so later steps can still query
 * it while the memory it held, or the work its view would repeat, is given back.
 */
export async function writeParquet(db: Db, dir: string): Promise<ManifestOutput[]> {
	const outputs: ManifestOutput[] = [];
	for (const spec of TABLES) {
		const file = `${spec.name}.parquet`;
		const path = join(dir, file);
		const table = ident(`out_${spec.name}`);
		await db.run(
			`COPY (SELECT * FROM ${table} ORDER BY ${spec.order_by.map((c) => `${ident(c)} NULLS FIRST`).join(', ')})
			TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`
		);
		const kind = (await db.one<{ t: string }>(`SELECT table_type AS t FROM information_schema.tables WHERE table_name = $1`, [`out_${spec.name}`]))?.t;
		await db.run(`DROP ${kind === 'VIEW' ? 'VIEW' : 'TABLE'} ${table}`);
		await db.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${literal(path)})`);
		const rows = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`))?.n ?? 0;
		outputs.push({ name: spec.name, file, rows, sha256: await sha256File(path), bytes: (await stat(path)).size });
	}
	return outputs;
}
