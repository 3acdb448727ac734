/** Write the published tables as zstd Parquet, sorted by geography so one ICB's or PCN's rows sit together. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLES, type ManifestOutput } from '../../../src/lib/schema/index.js';
import { Db, ident, literal } from '../db.js';
import { sha256File } from '../hash.js';

/** Row groups small enough that a reader filtering one PCN skips most of the file. */
const ROW_GROUP_SIZE = 122_880;

/** COPY every `out_<name>` table to `<dir>/<name>.parquet`; returns what was written. */
export async function writeParquet(db: Db, dir: string): Promise<ManifestOutput[]> {
	const outputs: ManifestOutput[] = [];
	for (const spec of TABLES) {
		const file = `${spec.name}.parquet`;
		const path = join(dir, file);
		await db.run(
			`COPY (SELECT * FROM ${ident(`out_${spec.name}`)} ORDER BY ${spec.order_by.map((c) => `${ident(c)} NULLS FIRST`).join(', ')})
			TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`
		);
		const rows = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(`out_${spec.name}`)}`))?.n ?? 0;
		outputs.push({ name: spec.name, file, rows, sha256: await sha256File(path), bytes: (await stat(path)).size });
	}
	return outputs;
}
