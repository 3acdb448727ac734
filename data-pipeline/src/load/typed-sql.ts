/**
 * Build the statement that turns a raw all-text table into a typed table with a reject reason
 * per row: contract type rules per column, then same-row rules.
 */
import type { FileSpec } from '../../../src/lib/schema/index.js';
import { ident } from '../db.js';
import { columnSql, str } from './column-sql.js';
import type { HeaderMatch } from './header.js';
import { rowRules } from './row-rules.js';

/**
 * SQL creating the view `target` over `raw` (columns c0..c{fieldCount-1}). Columns: `__row` (0-based row
 * position in the raw table), each contract column typed (NULL when absent or invalid),
 * `__reason` and `__code` (NULL for a valid row). Reads the DuckDB variable `sp_today`.
 */
export function typedTableSql(spec: FileSpec, header: HeaderMatch, fieldCount: number, raw: string, target: string): string {
	const rawCols = Array.from({ length: fieldCount }, (_, i) => `c${i}`);
	const values = spec.columns.map((col) => {
		const pos = header.positions.get(col.name);
		return `${pos === undefined ? 'NULL::VARCHAR' : trimmed(`c${pos}`)} AS ${ident('v_' + col.name)}`;
	});
	const present = rawCols.map((c) => `(${c} IS NOT NULL)::INTEGER`).join(' + ');
	const cols = spec.columns.map((col) => ({ name: col.name, ...columnSql(col, ident('v_' + col.name), ident(col.name)) }));
	const rules = rowRules(spec.name);
	const colReasons = cols.map((c) => c.reason).join(', ');
	const colCodes = cols.map((c) => c.code).join(', ');
	const ruleReasons = rules.map((r) => `CASE WHEN ${r.when} THEN ${r.reason} END`).join(', ');
	const ruleCodes = rules.map((r) => `CASE WHEN ${r.when} THEN ${r.code} END`).join(', ');
	const shortReason = `'too few fields (' || __fields || ${str(` of ${fieldCount}`)} || ')'`;
	const reason = `CASE WHEN __short THEN ${shortReason} ELSE nullif(concat_ws('; ', nullif(concat_ws('; ', ${colReasons}), '')${rules.length ? ', ' + ruleReasons : ''}), '') END`;
	const code = `CASE WHEN __short THEN 'too few fields' ELSE coalesce(coalesce(${colCodes})${rules.length ? ', ' + ruleCodes : ''}) END`;
	// Reasons are strings built per row; only rows that fail the cheap test need them.
	const ok = ['NOT __short', ...cols.map((c) => c.valid), ...rules.map((r) => `NOT coalesce(${r.when}, false)`)].join(' AND ');
	return `CREATE OR REPLACE VIEW ${ident(target)} AS
SELECT __row, ${cols.map((c) => ident(c.name)).join(', ')},
	CASE WHEN NOT __ok THEN ${reason} END AS __reason,
	CASE WHEN NOT __ok THEN ${code} END AS __code
FROM (
	SELECT *, ${ok} AS __ok
	FROM (
		SELECT __row, __short, __fields, ${spec.columns.map((c) => ident('v_' + c.name)).join(', ')},
			${cols.map((c) => `${c.typed} AS ${ident(c.name)}`).join(',\n\t\t\t')}
		FROM (SELECT rowid AS __row, c${fieldCount - 1} IS NULL AS __short, ${present} AS __fields, ${values.join(', ')} FROM ${ident(raw)})
	)
)`;
}

/** The value trimmed of spaces, NULL when empty; trim only runs on the rare values that need it. */
function trimmed(c: string): string {
	return `CASE WHEN ${c} = '' THEN NULL WHEN starts_with(${c}, ' ') OR ends_with(${c}, ' ') THEN nullif(trim(${c}), '') ELSE ${c} END`;
}
