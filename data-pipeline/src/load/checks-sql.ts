/**
 * Statements that settle every row of one file across all deliveries: rejected (by its own
 * rules, a cross-table rule, or as a repeat of a key within its delivery), superseded (a later
 * delivery has a valid record with the same key) or loaded.
 *
 * Nothing is copied per row: the checked view reads the typed Parquet files, and only the rows
 * that share a key with another valid row are materialised, with their rank. Finding those
 * without ranking (sorting) every row: a hash aggregate flags the groups that may hold a repeat,
 * and only their rows are ranked, by the real key, so a hash collision costs time, never
 * correctness.
 */
import type { FileSpec } from '../../../src/lib/schema/index.js';
import { ident, literal } from '../db.js';
import { str } from './column-sql.js';
import { crossRules } from './cross-rules.js';
import { codeSql, reasonSql } from './problem.js';

/**
 * SQL creating the view `target` over the typed Parquet files (one per delivery, in delivery
 * order) with `__d` (index in `typedFiles`), `__row` (position in its file), the typed columns,
 * and `__reason` and `__code` after the file's own rules (NULL: valid on its own).
 */
export function typedViewSql(spec: FileSpec, typedFiles: readonly string[], target: string): string {
	const cols = spec.columns.map((c) => ident(c.name)).join(', ');
	const union = typedFiles
		.map((path, d) => `SELECT ${d} AS __d, file_row_number AS __row, ${cols}, ${reasonSql()} AS __reason, ${codeSql()} AS __code FROM read_parquet(${literal(path)}, file_row_number = true)`)
		.join(' UNION ALL ');
	return `CREATE OR REPLACE VIEW ${ident(target)} AS ${union}`;
}

/**
 * SQL creating the view `target`: the typed view `typed` with `__reason` and `__code` after the
 * cross-table rules too (NULL: valid so far).
 */
export function checkedViewSql(spec: FileSpec, typed: string, target: string): string {
	const cross = crossRules(spec.name);
	if (!cross) return `CREATE OR REPLACE VIEW ${ident(target)} AS SELECT * FROM ${ident(typed)}`;
	// Cross-table reasons are only worked out for rows valid on their own.
	const crossReason = `CASE WHEN b.__reason IS NULL THEN coalesce(${cross.rules.map((r) => `CASE WHEN ${r.when} THEN ${r.reason} END`).join(', ')}) END`;
	const crossCode = `CASE WHEN b.__reason IS NULL THEN coalesce(${cross.rules.map((r) => `CASE WHEN ${r.when} THEN ${r.code} END`).join(', ')}) END`;
	return `CREATE OR REPLACE VIEW ${ident(target)} AS
	SELECT b.* EXCLUDE (__reason, __code), coalesce(b.__reason, ${crossReason}) AS __reason, coalesce(b.__code, ${crossCode}) AS __code
	FROM ${ident(typed)} b ${cross.join}`;
}

/**
 * SQL creating the temp table `target` (column `__g`): the groups of rows of the typed view
 * `typed` that may hold a key more than once (see `keyGroups`). Usually empty, and then no row
 * needs ranking. Rows valid on their own are a superset of the rows valid after the cross-table
 * rules, so they can only add groups, never miss one, and the cross-table joins are not needed.
 */
export function repeatGroupsSql(spec: FileSpec, typed: string, target: string): string {
	const { group, several } = keyGroups(spec);
	return `CREATE OR REPLACE TEMP TABLE ${ident(target)} AS
	SELECT ${group} AS __g FROM ${ident(typed)} WHERE __reason IS NULL GROUP BY 1 HAVING ${several}`;
}

/**
 * SQL creating the temp table `target` from the valid rows of `checked` in the groups of
 * `groups` (from `repeatGroupsSql`): the rows that repeat their key within their delivery
 * (`__repeat` > 1) or that a later delivery supersedes (`__latest` > 1), by `__d` and `__row`.
 */
export function repeatsSql(spec: FileSpec, checked: string, groups: string, target: string): string {
	const key = spec.key.map(ident).join(', ');
	return `CREATE OR REPLACE TEMP TABLE ${ident(target)} AS
	SELECT __d, __row, __repeat, __latest FROM (
		SELECT __d, __row,
			row_number() OVER (PARTITION BY __d, ${key} ORDER BY __row) AS __repeat,
			row_number() OVER (PARTITION BY ${key} ORDER BY __d DESC, __row) AS __latest
		FROM ${ident(checked)} WHERE __reason IS NULL AND ${keyGroups(spec).group} IN (SELECT __g FROM ${ident(groups)})
	) WHERE __repeat > 1 OR __latest > 1`;
}

/**
 * SQL creating the view `target`: the checked view with `__status` ('loaded' | 'superseded' |
 * 'rejected') and repeats rejected. `repeats` is the table from `repeatsSql`, or null when it is
 * empty (the usual case, which then needs no join).
 */
export function settledViewSql(spec: FileSpec, checked: string, repeats: string | null, target: string): string {
	if (!repeats) {
		return `CREATE OR REPLACE VIEW ${ident(target)} AS
		SELECT *, CASE WHEN __reason IS NULL THEN 'loaded' ELSE 'rejected' END AS __status FROM ${ident(checked)}`;
	}
	const keyText = spec.key.length === 1 ? spec.key[0]! : `(${spec.key.join(', ')})`;
	const reason = str(`duplicate ${keyText}: an earlier row of this file has the same key`);
	const code = str(`${spec.key.join(', ')}: duplicate`);
	return `CREATE OR REPLACE VIEW ${ident(target)} AS
	SELECT c.* REPLACE (
			coalesce(c.__reason, CASE WHEN x.__repeat > 1 THEN ${reason} END) AS __reason,
			coalesce(c.__code, CASE WHEN x.__repeat > 1 THEN ${code} END) AS __code),
		CASE WHEN c.__reason IS NOT NULL OR x.__repeat > 1 THEN 'rejected' WHEN x.__latest > 1 THEN 'superseded' ELSE 'loaded' END AS __status
	FROM ${ident(checked)} c LEFT JOIN ${ident(repeats)} x ON x.__d = c.__d AND x.__row = c.__row`;
}

/**
 * How rows are grouped to find keys held by more than one row: `group` (a hash) and `several`
 * (the aggregate test that a group may hold a repeated key). Rows with the same key always share
 * a group. When the key ends in a date or month, a group is the rest of the key and a block of
 * 64 days or months, and a 64-bit mask of the dates present shows a repeat exactly (fewer bits
 * than rows): a person's GP months then fall into a group or two instead of one group each,
 * which makes the aggregate over tens of millions of GP rows several times cheaper.
 */
function keyGroups(spec: FileSpec): { group: string; several: string } {
	const last = spec.key[spec.key.length - 1]!;
	const kind = spec.columns.find((c) => c.name === last)?.type.kind;
	if (kind !== 'date' && kind !== 'month') return { group: `hash(${spec.key.map(ident).join(', ')})`, several: 'count(*) > 1' };
	const k = ident(last);
	const index = kind === 'month' ? `(year(${k}) * 12 + month(${k}))::BIGINT` : `date_diff('day', DATE '1970-01-01', ${k})`;
	// >> 6 and & 63 split the index into block and bit (both floor-based, so negative days work too).
	const rest = spec.key.slice(0, -1).map(ident);
	return {
		group: `hash(${[...rest, `${index} >> 6`].join(', ')})`,
		several: `bit_count(bit_or(1::UBIGINT << (${index} & 63)::UBIGINT)) < count(*)`
	};
}
