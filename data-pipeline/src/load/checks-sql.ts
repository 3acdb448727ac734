/**
 * Build the statement that settles every row of one file across all deliveries: rejected (by
 * its own rules, a cross-table rule, or as a repeat of a key within its delivery), superseded (a
 * later delivery has a valid record with the same key) or loaded.
 */
import type { FileSpec } from '../../../src/lib/schema/index.js';
import { ident } from '../db.js';
import { str } from './column-sql.js';
import { crossRules } from './cross-rules.js';

/**
 * SQL creating `target` from the typed tables (one per delivery, in delivery order). Adds
 * `__d` (delivery ordinal), `__status` ('loaded' | 'superseded' | 'rejected'), and keeps
 * `__row`, `__reason`, `__code`.
 */
export function settleSql(spec: FileSpec, typedTables: readonly string[], target: string): string {
	const cols = spec.columns.map((c) => ident(c.name));
	const union = typedTables
		.map((t, d) => `SELECT ${d} AS __d, __row, ${cols.join(', ')}, __reason, __code FROM ${ident(t)}`)
		.join(' UNION ALL ');
	const cross = crossRules(spec.name);
	const crossReason = cross ? `coalesce(${cross.rules.map((r) => `CASE WHEN ${r.when} THEN ${r.reason} END`).join(', ')})` : 'NULL';
	const crossCode = cross ? `coalesce(${cross.rules.map((r) => `CASE WHEN ${r.when} THEN ${r.code} END`).join(', ')})` : 'NULL';
	const key = spec.key.map(ident).join(', ');
	const keyText = spec.key.length === 1 ? spec.key[0]! : `(${spec.key.join(', ')})`;
	return `CREATE OR REPLACE TABLE ${ident(target)} AS
WITH base AS (${union}),
crossed AS (
	SELECT b.*, CASE WHEN b.__reason IS NULL THEN ${crossReason} END AS __cross_reason, CASE WHEN b.__reason IS NULL THEN ${crossCode} END AS __cross_code
	FROM base b ${cross?.join ?? ''}
),
checked AS MATERIALIZED (
	SELECT * EXCLUDE (__reason, __code, __cross_reason, __cross_code),
		coalesce(__reason, __cross_reason) AS __reason, coalesce(__code, __cross_code) AS __code
	FROM crossed
),
-- Only keys held by more than one valid row need ranking; a hash aggregate finds them cheaply.
multi AS (SELECT ${key} FROM checked WHERE __reason IS NULL GROUP BY ALL HAVING count(*) > 1),
ranked AS (
	SELECT c.*,
		row_number() OVER (PARTITION BY __d, ${key} ORDER BY __row) AS __repeat,
		row_number() OVER (PARTITION BY ${key} ORDER BY __d DESC, __row) AS __latest
	FROM checked c SEMI JOIN multi USING (${key}) WHERE c.__reason IS NULL
	UNION ALL
	SELECT c.*, 1 AS __repeat, 1 AS __latest FROM checked c ANTI JOIN multi USING (${key}) WHERE c.__reason IS NULL
	UNION ALL
	SELECT c.*, 1 AS __repeat, 1 AS __latest FROM checked c WHERE c.__reason IS NOT NULL
)
SELECT * EXCLUDE (__repeat, __latest, __reason, __code),
	CASE WHEN __reason IS NOT NULL THEN 'rejected' WHEN __repeat > 1 THEN 'rejected' WHEN __latest > 1 THEN 'superseded' ELSE 'loaded' END AS __status,
	CASE WHEN __reason IS NOT NULL THEN __reason WHEN __repeat > 1 THEN ${str(`duplicate ${keyText}: an earlier row of this file has the same key`)} END AS __reason,
	CASE WHEN __reason IS NOT NULL THEN __code WHEN __repeat > 1 THEN ${str(`${spec.key.join(', ')}: duplicate`)} END AS __code
FROM ranked`;
}
