/**
 * Settle every file across deliveries (loaded, superseded or rejected), publish the loaded rows
 * as `final_<file>`, and count what happened to each input file.
 */
import { FILES, type FileName, type FileSpec } from '../../../src/lib/schema/index.js';
import { Db, ident } from '../db.js';
import { checkedViewSql, repeatGroupsSql, repeatsSql, settledViewSql, typedViewSql } from './checks-sql.js';
import type { LoadedFile } from './load-file.js';

/**
 * Files whose final rows are copied into a table rather than read through the views: referrals,
 * which every other file is checked against and most derived tables join, and comparison, whose
 * check needs every referred person and which three derived tables read. The others are read
 * once or twice, straight from their typed Parquet files.
 */
const MATERIALISED: ReadonlySet<FileName> = new Set(['referrals', 'comparison']);

/** The view holding every row of a file, all deliveries, with `__d`, `__row`, `__status`, `__reason` and `__code`. */
function settledView(spec: FileSpec): string {
	return `settled_${spec.name}`;
}

/**
 * The table of a file's rows that were not loaded (rejected or superseded), all deliveries:
 * `__d`, `__row`, `__status`, `__reason` and `__code`, as in the settled view.
 */
export function unloadedTable(spec: FileSpec): string {
	return `unloaded_${spec.name}`;
}

/** What became of one input file's rows. */
export interface FileAccount {
	loaded: LoadedFile;
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	rows_superseded: number;
	rejects_by_reason: Record<string, number>;
}

/**
 * Settle all files in contract order (referrals first: the others are checked against the
 * final referrals). Creates `settled_<file>` (see `settledView`) for every delivered file and
 * `final_<file>` for every file of the contract (empty when no delivery had it).
 */
export async function settleAll(db: Db, loaded: readonly LoadedFile[]): Promise<FileAccount[]> {
	const accounts: FileAccount[] = [];
	for (const spec of FILES) {
		const files = loaded.filter((f) => f.spec.name === spec.name);
		const typed = `typed_${spec.name}`;
		const checked = `chk_${spec.name}`;
		const settled = settledView(spec);
		const unloaded = unloadedTable(spec);
		const final = `final_${spec.name}`;
		const cols = spec.columns.map((c) => ident(c.name)).join(', ');
		if (files.length === 0) {
			const empty = spec.columns.map((c) => `NULL::${sqlTypeOf(c.type.kind)} AS ${ident(c.name)}`).join(', ');
			await db.run(`CREATE OR REPLACE TABLE ${ident(final)} AS SELECT ${empty}, NULL::VARCHAR AS delivery LIMIT 0`);
			continue;
		}
		await db.run(typedViewSql(spec, files.map((f) => f.typed), typed));
		await db.run(checkedViewSql(spec, typed, checked));
		await db.run(settledViewSql(spec, checked, await findRepeats(db, spec, typed, checked), settled));
		// The settled view is read once, for the rows not loaded (usually few). The final rows are
		// then the typed rows less those, so that reading them does not repeat the cross-table joins
		// and the repeats, and needs no join at all when every row loaded.
		await db.run(
			`CREATE OR REPLACE TABLE ${ident(unloaded)} AS
			SELECT __d, __row, __status::ENUM('rejected', 'superseded') AS __status, __reason, __code FROM ${ident(settled)} WHERE __status <> 'loaded'`
		);
		// Only the rows not loaded are counted by status and reason; the loaded are the rest.
		const counts = await db.all<{ d: number; status: string; code: string | null; n: number }>(
			`SELECT __d AS d, __status AS status, __code AS code, count(*)::INTEGER AS n FROM ${ident(unloaded)} GROUP BY ALL`
		);
		const keep = counts.length === 0 ? '' : `WHERE NOT EXISTS (SELECT 1 FROM ${ident(unloaded)} u WHERE u.__d = t.__d AND u.__row = t.__row)`;
		const labels = files.map((f, d) => `WHEN ${d} THEN '${f.delivery.label.replaceAll("'", "''")}'`).join(' ');
		await db.run(
			`CREATE OR REPLACE ${MATERIALISED.has(spec.name) ? 'TABLE' : 'VIEW'} ${ident(final)} AS
			SELECT ${cols}, CASE __d ${labels} END AS delivery FROM ${ident(typed)} t ${keep}`
		);
		files.forEach((file, d) => {
			const mine = counts.filter((c) => c.d === d);
			const byReason: Record<string, number> = {};
			for (const c of mine.filter((c) => c.status === 'rejected')) byReason[c.code ?? 'unknown'] = (byReason[c.code ?? 'unknown'] ?? 0) + c.n;
			for (const s of file.structural) byReason[s.code] = (byReason[s.code] ?? 0) + 1;
			const sum = (status: string) => mine.filter((c) => c.status === status).reduce((a, c) => a + c.n, 0);
			const rejected = sum('rejected') + file.structural.length;
			const superseded = sum('superseded');
			const loadedRows = file.rows - sum('rejected');
			accounts.push({
				loaded: file,
				rows_read: loadedRows + rejected,
				rows_loaded: loadedRows,
				rows_rejected: rejected,
				rows_superseded: superseded,
				rejects_by_reason: Object.fromEntries(Object.entries(byReason).sort(([a], [b]) => a.localeCompare(b)))
			});
		});
	}
	return accounts;
}

/** Find the rows that repeat a key or are superseded; returns their table, or null when there are none. */
async function findRepeats(db: Db, spec: FileSpec, typed: string, checked: string): Promise<string | null> {
	const groups = `repeat_groups_${spec.name}`;
	const repeats = `repeats_${spec.name}`;
	await db.run(repeatGroupsSql(spec, typed, groups));
	const several = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(groups)}`))?.n ?? 0;
	if (several > 0) await db.run(repeatsSql(spec, checked, groups, repeats));
	await db.run(`DROP TABLE ${ident(groups)}`);
	if (several === 0) return null;
	const n = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(repeats)}`))?.n ?? 0;
	return n > 0 ? repeats : null;
}

/** SQL type of a typed contract column. */
function sqlTypeOf(kind: string): string {
	if (kind === 'date' || kind === 'month') return 'DATE';
	if (kind === 'int') return 'INTEGER';
	if (kind === 'number') return 'DOUBLE';
	return 'VARCHAR';
}
