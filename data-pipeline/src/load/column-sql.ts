/**
 * SQL fragments that type one raw text column by its contract rule and explain a failure.
 * Identifiers and enumerations come from the schema (code), never from data; data values are
 * only ever read from table columns.
 */
import type { ColumnSpec } from '../../../src/lib/schema/index.js';

/** SQL for one column: its typed value, a detailed reason when invalid, and a short reason code. */
export interface ColumnSql {
	typed: string;
	reason: string;
	code: string;
	/**
	 * True exactly when `reason` is NULL. Cheap (no strings built), so that the reason is only
	 * worked out for the few rows that fail: building it for every row cost more than typing.
	 */
	valid: string;
}

interface Check {
	reason: string;
	code: string;
	condition: string;
}

/** Quote a SQL string literal built from schema constants. */
export function str(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

/** Show a bad value in a reason, shortened. */
function shown(v: string): string {
	return `'''' || left(${v}, 40) || ''''`;
}

/**
 * A date in `YYYY-MM-DD` or `DD/MM/YYYY`; anything else (including 1/2/2025 and 31/02/2025) is
 * NULL. Shape by character positions and validity by DuckDB's strict ISO date cast: several
 * times faster than regular expressions on tens of millions of rows.
 */
export function parseDateSql(v: string): string {
	return `CASE
		WHEN length(${v}) = 10 AND substr(${v}, 5, 1) = '-' AND substr(${v}, 8, 1) = '-' AND ascii(${v}) BETWEEN 48 AND 57
			THEN TRY_CAST(${v} AS DATE)
		WHEN length(${v}) = 10 AND substr(${v}, 3, 1) = '/' AND substr(${v}, 6, 1) = '/' AND ascii(${v}) BETWEEN 48 AND 57
			THEN TRY_CAST(substr(${v}, 7, 4) || '-' || substr(${v}, 4, 2) || '-' || substr(${v}, 1, 2) AS DATE)
	END`;
}

/** A month `YYYY-MM` as the first day of that month, else NULL. */
export function parseMonthSql(v: string): string {
	return `CASE WHEN length(${v}) = 7 AND substr(${v}, 5, 1) = '-' AND ascii(${v}) BETWEEN 48 AND 57 THEN TRY_CAST(${v} || '-01' AS DATE) END`;
}

/**
 * Build the typing SQL for a column whose trimmed text (NULL when empty) is the expression `v`.
 * The reason and code read the typed value back as `typedRef` (the column the caller made from
 * `typed`) so that the typing work is done once per value, not once per use.
 */
export function columnSql(col: ColumnSpec, v: string, typedRef: string): ColumnSql {
	const name = col.name;
	const fail = (condition: string, detail: string, code: string): Check => ({
		reason: `CASE WHEN ${condition} THEN ${str(name + ' ')} || ${detail} END`,
		code: `CASE WHEN ${condition} THEN ${str(`${name}: ${code}`)} END`,
		condition
	});
	let typed: string;
	let check: Check | null;
	const t = col.type;
	switch (t.kind) {
		case 'text':
			typed = v;
			check = t.pattern
				? fail(`NOT regexp_full_match(${v}, ${str(t.pattern)})`, `${shown(v)} || ${str(` is not ${t.pattern_label ?? 'in the right format'}`)}`, 'bad format')
				: null;
			break;
		case 'date':
			typed = parseDateSql(v);
			check = fail(`${typedRef} IS NULL`, `${shown(v)} || ' is not a date (YYYY-MM-DD or DD/MM/YYYY)'`, 'not a date');
			break;
		case 'month':
			typed = parseMonthSql(v);
			check = fail(`${typedRef} IS NULL`, `${shown(v)} || ' is not a month (YYYY-MM)'`, 'not a month');
			break;
		case 'int': {
			// A whole number written plainly: the cast must give back the same text ('12.5', '1e3', '007' fail).
			const n = `TRY_CAST(${v} AS INTEGER)`;
			typed = `CASE WHEN ${n}::VARCHAR = ltrim(${v}, '+') AND ${n} BETWEEN ${t.min} AND ${t.max} THEN ${n} END`;
			check = fail(
				`${typedRef} IS NULL`,
				`${shown(v)} || ${str(` is not a whole number from ${t.min} to ${t.max}`)}`,
				'not a whole number in range'
			);
			break;
		}
		case 'number':
			typed = `CASE WHEN regexp_full_match(${v}, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)') AND ${v}::DOUBLE BETWEEN ${t.min} AND ${t.max} THEN ${v}::DOUBLE END`;
			check = fail(`${typedRef} IS NULL`, `${shown(v)} || ${str(` is not a number from ${t.min} to ${t.max}`)}`, 'not a number in range');
			break;
		case 'enum': {
			const values = t.values.map((x) => str(String(x))).join(', ');
			typed = `CASE WHEN lower(${v}) IN (${values}) THEN lower(${v}) END`;
			check = fail(`${typedRef} IS NULL`, `${shown(v)} || ${str(` is not one of ${t.values.join(', ')}`)}`, 'not an allowed value');
			break;
		}
		case 'list': {
			const values = t.values.map((x) => str(x)).join(', ');
			const items = `list_filter(list_transform(string_split(${v}, ${str(t.separator)}), x -> lower(trim(x))), x -> x <> '')`;
			const bad = `list_filter(${items}, x -> x NOT IN (${values}))`;
			typed = `CASE WHEN len(${bad}) = 0 THEN array_to_string(list_sort(list_distinct(${items})), ';') END`;
			check = fail(`${typedRef} IS NULL`, `${str('has unknown item(s) ')} || array_to_string(${bad}, ', ')`, 'unknown item');
			break;
		}
	}
	const reason = check?.reason ?? 'NULL';
	const code = check?.code ?? 'NULL';
	const missing = col.required ? `CASE WHEN ${v} IS NULL THEN ${str(`${name} is missing`)} END` : 'NULL';
	const missingCode = col.required ? `CASE WHEN ${v} IS NULL THEN ${str(`${name}: missing`)} END` : 'NULL';
	// A check's reason is built only when its condition is true (CASE), so a NULL condition passes.
	const passes = check ? `(${v} IS NULL OR NOT coalesce(${check.condition}, false))` : 'true';
	// Checks only apply to values present: an empty optional field is simply missing.
	return {
		typed: `CASE WHEN ${v} IS NOT NULL THEN ${typed} END`,
		reason: `coalesce(${missing}, CASE WHEN ${v} IS NOT NULL THEN ${reason} END)`,
		code: `coalesce(${missingCode}, CASE WHEN ${v} IS NOT NULL THEN ${code} END)`,
		valid: col.required ? `(${v} IS NOT NULL AND ${passes})` : passes
	};
}
