/**
 * Write `rejects/<file>`: every rejected row of that input file, from every delivery, with its
 * delivery, line, reason and original fields (or, for a row DuckDB could not split, its text).
 * The typed tables keep no text, so the original fields are read from the file again, for the
 * files that have rejected rows only.
 */
import { join } from 'node:path';
import { Db, ident, literal } from '../db.js';
import { rawRowsSql } from '../load/read-csv.js';
import { unloadedTable, type FileAccount } from '../load/settle.js';

/** Write one rejects CSV per input file name that had rejects; returns the files written. */
export async function writeRejects(db: Db, accounts: readonly FileAccount[], dir: string): Promise<string[]> {
	const written: string[] = [];
	const byFile = new Map<string, FileAccount[]>();
	for (const a of accounts) byFile.set(a.loaded.spec.file, [...(byFile.get(a.loaded.spec.file) ?? []), a]);
	for (const [file, list] of byFile) {
		if (list.every((a) => a.rows_rejected === 0)) continue;
		const table = `rejects_${list[0]!.loaded.spec.name}`;
		await db.run(`CREATE OR REPLACE TABLE ${ident(table)} (delivery VARCHAR, line INTEGER, reason VARCHAR, __d INTEGER, __row INTEGER, unparsed_record VARCHAR)`);
		const selects: string[] = [];
		for (const a of list) {
			const f = a.loaded;
			const d = list.indexOf(a);
			const rejected = await db.all<{ row: number; reason: string }>(
				`SELECT __row AS row, __reason AS reason FROM ${ident(unloadedTable(f.spec))} WHERE __d = $1 AND __status = 'rejected'`,
				[d]
			);
			const rows = [
				...rejected.map((r) => [f.delivery.label, f.lines.lineOfRow(r.row), r.reason, d, r.row, null] as const),
				...f.structural.map((s) => [f.delivery.label, f.lines.lineOfDuckLine(s.dline), s.error, d, null, s.text] as const)
			];
			await db.append(table, rows);
			const names = uniqueNames(f.scan.header);
			let fields = names.map((n) => `NULL::VARCHAR AS ${ident(n)}`).join(', ');
			let from = `${ident(table)} r`;
			if (rejected.length > 0) {
				const raw = `${table}_${d}_raw`;
				const last = rejected.reduce((m, r) => Math.max(m, r.row), 0);
				await db.run(`CREATE OR REPLACE TEMP TABLE ${ident(raw)} AS ${rawRowsSql(f.source, `SELECT __row FROM ${ident(table)} WHERE __d = ${d}`, last)}`);
				fields = names.map((n, i) => `raw.c${i} AS ${ident(n)}`).join(', ');
				from = `${ident(table)} r LEFT JOIN ${ident(raw)} raw ON raw.__row = r.__row`;
			}
			selects.push(`SELECT r.delivery, r.line, r.reason, ${fields}, r.unparsed_record FROM ${from} WHERE r.__d = ${d}`);
		}
		const out = join(dir, file);
		await db.run(
			`COPY (SELECT * FROM (${selects.join(' UNION ALL BY NAME ')}) ORDER BY delivery, line) TO ${literal(out)} (FORMAT csv, HEADER true)`
		);
		written.push(out);
	}
	return written;
}

/** Header names made unique and kept clear of the columns the rejects file adds. */
function uniqueNames(header: readonly string[]): string[] {
	const seen = new Set(['delivery', 'line', 'reason', 'unparsed_record']);
	return header.map((h, i) => {
		let name = h.replace(/^\uFEFF/, '').trim() || `column_${i + 1}`;
		while (seen.has(name.toLowerCase())) name = `${name}_original`;
		seen.add(name.toLowerCase());
		return name;
	});
}
