/**
 * Statements that settle every row of one file across all deliveries: rejected (by its own
 * rules, a cross-table rule, or as a repeat of a key within its delivery), superseded (a later
 * delivery has a valid record with the same key) or loaded.
 *
 * Why three statements rather than one window over the file: ranking every row by key sorts
 * tens of millions of GP rows. Instead the file is materialised once with a 64-bit hash of its
 * key; a hash aggregate finds the few hashes held by more than one valid row, and only those
 * rows are ranked, by their real key (so a hash collision costs time, never correctness).
 */
import type { FileSpec } from '../../../src/lib/schema/index.js';
import { ident } from '../db.js';
import { str } from './column-sql.js';
import { crossRules } from './cross-rules.js';

/**
 * SQL statements, run in order, creating `target` from the typed views (one per delivery, in
 * delivery order) with `__d` (index in `typedTables`), `__row`, the typed columns, `__status`
 * ('loaded' | 'superseded' | 'rejected'), `__reason` and `__code`.
 */
export function settleSql(spec: FileSpec, typedTables: readonly string[], target: string): string[] {
	const cols = spec.columns.map((c) => ident(c.name));
	const union = typedTables
		.map((t, d) => `SELECT ${d} AS __d, __row, ${cols.join(', ')}, __reason, __code FROM ${ident(t)}`)
		.join(' UNION ALL ');
	const cross = crossRules(spec.name);
	const crossReason = cross ? `coalesce(${cross.rules.map((r) => `CASE WHEN ${r.when} THEN ${r.reason} END`).join(', ')})` : 'NULL';
	const crossCode = cross ? `coalesce(${cross.rules.map((r) => `CASE WHEN ${r.when} THEN ${r.code} END`).join(', ')})` : 'NULL';
	const key = spec.key.map(ident).join(', ');
	const keyText = spec.key.length === 1 ? spec.key[0]! : `(${spec.key.join(', ')})`;
	const t = ident(target);
	const candidates = ident(`${target}__candidates`);
	return [
		`CREATE OR REPLACE TABLE ${t} AS
		SELECT b.*, hash(${spec.key.map((k) => `b.${ident(k)}`).join(', ')}) AS __h
		FROM (
			SELECT b.* EXCLUDE (__reason, __code),
				coalesce(b.__reason, CASE WHEN b.__reason IS NULL THEN ${crossReason} END) AS __reason,
				coalesce(b.__code, CASE WHEN b.__reason IS NULL THEN ${crossCode} END) AS __code,
				CASE WHEN coalesce(b.__reason, CASE WHEN b.__reason IS NULL THEN ${crossReason} END) IS NULL THEN 'loaded' ELSE 'rejected' END AS __status
			FROM (${union}) b ${cross?.join ?? ''}
		) b`,
		`CREATE OR REPLACE TEMP TABLE ${candidates} AS
		WITH multi AS (SELECT __h FROM ${t} WHERE __status = 'loaded' GROUP BY __h HAVING count(*) > 1)
		SELECT __d, __row,
			row_number() OVER (PARTITION BY __d, ${key} ORDER BY __row) AS __repeat,
			row_number() OVER (PARTITION BY ${key} ORDER BY __d DESC, __row) AS __latest
		FROM ${t} SEMI JOIN multi USING (__h) WHERE __status = 'loaded'`,
		`UPDATE ${t} SET
			__status = CASE WHEN c.__repeat > 1 THEN 'rejected' ELSE 'superseded' END,
			__reason = CASE WHEN c.__repeat > 1 THEN ${str(`duplicate ${keyText}: an earlier row of this file has the same key`)} END,
			__code = CASE WHEN c.__repeat > 1 THEN ${str(`${spec.key.join(', ')}: duplicate`)} END
		FROM ${candidates} c
		WHERE ${t}.__d = c.__d AND ${t}.__row = c.__row AND (c.__repeat > 1 OR c.__latest > 1)`,
		`DROP TABLE ${candidates}`
	];
}
