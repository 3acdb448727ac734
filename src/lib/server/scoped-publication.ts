/**
 * A scoped copy of the publication: what a server with `SIGNPOST_SCOPE` serves. Record-level
 * tables keep only the scope's rows, and the first view is recomputed from them with the
 * pipeline's own code, so nothing outside the scope reaches the browser. The researcher datasets
 * are aggregated and disclosure-controlled for publication, so they are served whole; the rejects
 * files are record-level and not scoped by geography, so they are not served at all.
 * Built once per publication and scope, in the system temp folder, and rebuilt when the pipeline
 * publishes again.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db, ident, literal } from '../../../data-pipeline/src/db.js';
import { sha256File } from '../../../data-pipeline/src/hash.js';
import { writeFirstView } from '../../../data-pipeline/src/publish/first-view.js';
import { createScopedTable } from '../queries/scope.js';
import type { Manifest, TableName } from '../schema/index.js';
import type { Scope } from './scope.js';

const building = new Map<string, Promise<string>>();

/** The folder to serve for `scope` over the publication in `source` (built on first use). */
export function scopedPublication(source: string, scope: Scope): Promise<string> {
	return (async () => {
		const manifest = JSON.parse(await readFile(join(source, 'manifest.json'), 'utf8')) as Manifest;
		const key = createHash('sha256').update(`${source}\n${manifest.created_at}\n${scope.kind}:${scope.codes.join(',')}`).digest('hex').slice(0, 16);
		let dir = building.get(key);
		if (!dir) {
			dir = build(source, manifest, scope, join(tmpdir(), `signpost-scoped-${key}`));
			dir.catch(() => building.delete(key));
			building.set(key, dir);
		}
		return dir;
	})();
}

async function build(source: string, manifest: Manifest, scope: Scope, target: string): Promise<string> {
	if (await stat(join(target, 'manifest.json')).then(() => true, () => false)) return target;
	const staging = `${target}.${process.pid}.tmp`;
	await rm(staging, { recursive: true, force: true });
	await mkdir(staging, { recursive: true });
	const db = await Db.open();
	try {
		const outputs = [];
		for (const output of manifest.outputs) {
			const q = createScopedTable(output.name as TableName, join(source, output.file), scope);
			await db.run(q.sql, q.params);
			const path = join(staging, output.file);
			await db.run(`COPY ${ident(output.name)} TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd)`);
			const rows = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(output.name)}`))?.n ?? 0;
			outputs.push({ ...output, rows, sha256: await sha256File(path), bytes: (await stat(path)).size });
		}
		if (manifest.datasets) await cp(join(source, 'datasets'), join(staging, 'datasets'), { recursive: true });
		const firstView = await writeFirstView(staging, manifest.inputs.map((input) => input.file.replace(/\.csv$/, '')));
		const scoped: Manifest = { ...manifest, outputs, first_view: firstView, warnings: [...manifest.warnings, `Served for ${scope.kind.toUpperCase()} ${scope.codes.join(', ')} only.`] };
		await writeFile(join(staging, 'manifest.json'), JSON.stringify(scoped, null, 2) + '\n');
	} finally {
		db.close();
	}
	await rename(staging, target).catch(async (error: unknown) => {
		// Another process built it first: use theirs.
		await rm(staging, { recursive: true, force: true });
		if (!(await stat(join(target, 'manifest.json')).then(() => true, () => false))) throw error;
	});
	return target;
}
