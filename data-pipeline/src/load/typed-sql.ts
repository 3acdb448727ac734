/**
 * Build the one query that turns a file's text fields, as DuckDB reads them, into typed,
 * checked rows: contract type rules per column, same-row rules, a reason for every bad row, and
 * the identifiers found in any field. The file is read once, and no text is kept but the
 * typed values.
 */
import type { FileSpec } from '../../../src/lib/schema/index.js';
import { ident } from '../db.js';
import { columnSql, str } from './column-sql.js';
import type { HeaderMatch } from './header.js';
import type { CsvSource } from './read-csv.js';
import { identifierKindSql, validValueMayBeIdentifier } from './identifiers.js';
import { PROBLEM_COLUMN, problemSql } from './problem.js';
import { rowRules } from './row-rules.js';

/**
 * SQL selecting, from `read` (the `readCsvSql` of `source`: columns c0..c{fieldCount-1}), in the
 * order read: each contract column typed (NULL when absent or invalid), and the problem column
 * (see `problem.ts`: the reason a row is rejected and the identifiers it holds). Reads the DuckDB
 * variable `sp_today`.
 */
export function typedSelectSql(spec: FileSpec, header: HeaderMatch, source: Pick<CsvSource, 'fieldCount' | 'spaces'>, read: string): string {
	const { fieldCount } = source;
	const trimmed = (c: string) => (source.spaces ? trimmedSql(c) : `nullif(${c}, '')`);
	const v = (name: string) => ident('v_' + name);
	const contractPositions = new Set(header.positions.values());
	const otherPositions = Array.from({ length: fieldCount }, (_, i) => i).filter((i) => !contractPositions.has(i));
	const values = spec.columns.map((col) => {
		const pos = header.positions.get(col.name);
		return `${pos === undefined ? 'NULL::VARCHAR' : trimmed(`c${pos}`)} AS ${v(col.name)}`;
	});
	const others = otherPositions.map((i) => `${trimmed(`c${i}`)} AS u${i}`);
	const present = Array.from({ length: fieldCount }, (_, i) => `(c${i} IS NOT NULL)::INTEGER`).join(' + ');

	const cols = spec.columns.map((col) => ({ name: col.name, ...columnSql(col, v(col.name), ident(col.name)) }));
	const inputs = cols.flatMap((c) => c.inputs);
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

	const hits = identifierHits(spec, header, otherPositions);
	const problem = problemSql(
		`NOT __ok OR ${hits.any}`,
		`CASE WHEN NOT __ok THEN ${reason} END`,
		`CASE WHEN NOT __ok THEN ${code} END`,
		hits.list
	);

	// Layered so that each value is trimmed, typed and checked once: the identifier macros and the
	// reasons read columns of the layer below rather than repeating its expressions.
	return `SELECT ${cols.map((c) => ident(c.name)).join(', ')}, ${problem} AS ${ident(PROBLEM_COLUMN)}
FROM (
	SELECT *${hits.kinds.map((k) => `, ${k}`).join('')}
	FROM (
		SELECT *, ${ok} AS __ok
		FROM (
			SELECT *, ${cols.map((c) => `${c.typed} AS ${ident(c.name)}`).join(',\n\t\t\t\t')}
			FROM (
				SELECT *${inputs.map((i) => `, ${i}`).join('')}
				FROM (
					SELECT c${fieldCount - 1} IS NULL AS __short, CASE WHEN c${fieldCount - 1} IS NULL THEN ${present} END AS __fields,
						${[...values, ...others].join(', ')}
					FROM ${read}
				)
			)
		)
	)
)`;
}

/**
 * SQL finding the identifiers among a row's fields. A field whose valid values may be one
 * (text, numbers, unknown columns) is checked in every row: `kinds` (one column per field,
 * `h<position>`, for the layer above the values) and `any`, true when one is found. A field
 * whose valid values cannot be one is checked only when its value is invalid, which rejects the
 * row, so only inside `list`, the hits as {position, kind}, worked out for rows with a problem.
 */
function identifierHits(spec: FileSpec, header: HeaderMatch, otherPositions: readonly number[]): { kinds: string[]; any: string; list: string } {
	const everyRow = otherPositions.map((i) => ({ position: i, kind: identifierKindSql(`u${i}`) }));
	const whenInvalid: { position: number; kind: string }[] = [];
	for (const col of spec.columns) {
		const position = header.positions.get(col.name);
		if (position === undefined) continue;
		const v = ident('v_' + col.name);
		if (validValueMayBeIdentifier(col.type)) everyRow.push({ position, kind: identifierKindSql(v) });
		else whenInvalid.push({ position, kind: `CASE WHEN ${ident(col.name)} IS NULL THEN ${identifierKindSql(v)} END` });
	}
	const all = [...everyRow.map((h) => ({ position: h.position, kind: `h${h.position}` })), ...whenInvalid].sort((a, b) => a.position - b.position);
	return {
		kinds: everyRow.map((h) => `${h.kind} AS h${h.position}`),
		any: everyRow.length ? everyRow.map((h) => `h${h.position} IS NOT NULL`).join(' OR ') : 'false',
		list: `list_filter([${all.map((h) => `{'position': ${h.position}, 'kind': ${h.kind}}`).join(', ')}], h -> h.kind IS NOT NULL)`
	};
}

/** The value trimmed of spaces, NULL when empty; trim only runs on the rare values with a space. */
function trimmedSql(c: string): string {
	return `CASE WHEN contains(${c}, ' ') THEN nullif(trim(${c}), '') ELSE nullif(${c}, '') END`;
}
