/**
 * SQL fragments that type one raw text column by its contract rule and explain a failure.
 * Identifiers and enumerations come from the schema (code), never from data; data values are
 * only ever read from table columns.
 */
import type { ColumnSpec } from '../../../src/lib/schema/index.js';
import { ident } from '../db.js';

/** SQL for one column: its typed value, a detailed reason when invalid, and a short reason code. */
export interface ColumnSql {
	/** Helper columns (`expression AS name`) that `typed` reads, to be projected in a layer below it. */
	inputs: string[];
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
	/** The condition is that the value did not type (`typedRef IS NULL`). */
	untyped: boolean;
}

/** Quote a SQL string literal built from schema constants. */
export function str(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

/** Escape a schema constant for a regular expression. */
function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Show a bad value in a reason, shortened. */
function shown(v: string): string {
	return `'''' || left(${v}, 40) || ''''`;
}

/**
 * True when the text starts with an ASCII digit. Compared as bytes ('0' <= text < ':'), which
 * costs a third less than `ascii(text) BETWEEN 48 AND 57` on tens of millions of values.
 */
function startsWithDigit(v: string): string {
	return `(${v} >= '0' AND ${v} < ':')`;
}

/**
 * A date in `YYYY-MM-DD` or `DD/MM/YYYY`; anything else (including 1/2/2025 and 31/02/2025) is
 * NULL. Shape by LIKE and the first character, validity by DuckDB's strict ISO date cast:
 * several times faster than regular expressions on tens of millions of rows. (LIKE and the cast
 * could only disagree about the length of a non-ASCII text, which no date is.)
 */
export function parseDateSql(v: string): string {
	return `CASE
		WHEN ${v} LIKE '____-__-__' AND ${startsWithDigit(v)} THEN TRY_CAST(${v} AS DATE)
		WHEN ${v} LIKE '__/__/____' AND ${startsWithDigit(v)}
			THEN TRY_CAST(substr(${v}, 7, 4) || '-' || substr(${v}, 4, 2) || '-' || substr(${v}, 1, 2) AS DATE)
	END`;
}

/** A month `YYYY-MM` as the first day of that month, else NULL. */
export function parseMonthSql(v: string): string {
	return `CASE WHEN ${v} LIKE '____-__' AND ${startsWithDigit(v)} THEN TRY_CAST(${v} || '-01' AS DATE) END`;
}

/**
 * A whole number from `min` to `max` written plainly (an optional leading `+`), else NULL: the
 * cast must give back the same text, so '12.5', '1e3' and '007' fail.
 */
export function parseIntSql(v: string, min: number, max: number): string {
	const n = `TRY_CAST(${v} AS INTEGER)`;
	// The signed form is only built for the rare value that is not already plain: a sixth cheaper
	// than stripping the sign first.
	return `CASE WHEN (${n}::VARCHAR = ${v} OR '+' || ${n}::VARCHAR = ${v}) AND ${n} BETWEEN ${min} AND ${max} THEN ${n} END`;
}

/**
 * A `separator`-separated list of `values` (items trimmed of spaces, any case, empty items
 * ignored) as its distinct items, sorted and joined by ';', else NULL. `lower` is the value in
 * lower case and `bare` the same with spaces removed and wrapped in separators (columns, since
 * both are used many times). The shape is checked by one regular expression; the items are
 * then picked in sorted order by a substring test per allowed value, which is about twice as
 * fast as sorting a list per row.
 */
export function parseListSql(lower: string, bare: string, values: readonly string[], separator: string): string {
	const item = ` *(${values.map((x) => escapeRegex(x.toLowerCase())).join('|')})? *`;
	const sep = escapeRegex(separator);
	// Code-unit order: what list_sort gives for these ASCII words.
	const sorted = [...new Set(values.map((x) => x.toLowerCase()))].sort();
	const picked = sorted.map((x) => `CASE WHEN contains(${bare}, ${str(separator + x + separator)}) THEN ${str(x)} END`).join(', ');
	return `CASE WHEN regexp_full_match(${lower}, ${str(`${item}(${sep}${item})*`)}) THEN concat_ws(';', ${picked}) END`;
}

/**
 * Build the typing SQL for a column whose trimmed text (NULL when empty) is the expression `v`.
 * The reason and code read the typed value back as `typedRef` (the column the caller made from
 * `typed`) so that the typing work is done once per value, not once per use. Every typed
 * expression is NULL when `v` is (tested), so none needs wrapping in a test of `v`.
 */
export function columnSql(col: ColumnSpec, v: string, typedRef: string): ColumnSql {
	const name = col.name;
	const fail = (condition: string, detail: string, code: string): Check => ({
		reason: `CASE WHEN ${condition} THEN ${str(name + ' ')} || ${detail} END`,
		code: `CASE WHEN ${condition} THEN ${str(`${name}: ${code}`)} END`,
		condition,
		untyped: false
	});
	const untyped = (detail: string, code: string): Check => ({ ...fail(`${typedRef} IS NULL`, detail, code), untyped: true });
	let typed: string;
	let check: Check | null;
	const inputs: string[] = [];
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
			check = untyped(`${shown(v)} || ' is not a date (YYYY-MM-DD or DD/MM/YYYY)'`, 'not a date');
			break;
		case 'month':
			typed = parseMonthSql(v);
			check = untyped(`${shown(v)} || ' is not a month (YYYY-MM)'`, 'not a month');
			break;
		case 'int': {
			typed = parseIntSql(v, t.min, t.max);
			check = untyped(`${shown(v)} || ${str(` is not a whole number from ${t.min} to ${t.max}`)}`, 'not a whole number in range');
			break;
		}
		case 'number':
			typed = `CASE WHEN regexp_full_match(${v}, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)') AND ${v}::DOUBLE BETWEEN ${t.min} AND ${t.max} THEN ${v}::DOUBLE END`;
			check = untyped(`${shown(v)} || ${str(` is not a number from ${t.min} to ${t.max}`)}`, 'not a number in range');
			break;
		case 'enum': {
			const values = t.values.map((x) => str(String(x))).join(', ');
			// A list, not IN: DuckDB plans a long IN list as a join, which loses the row order that
			// line numbers depend on (and costs more).
			typed = `CASE WHEN list_contains([${values}], lower(${v})) THEN lower(${v}) END`;
			check = untyped(`${shown(v)} || ${str(` is not one of ${t.values.join(', ')}`)}`, 'not an allowed value');
			break;
		}
		case 'list': {
			const lower = ident(`lower_${name}`);
			const bare = ident(`bare_${name}`);
			inputs.push(`lower(${v}) AS ${lower}`, `${str(t.separator)} || replace(lower(${v}), ' ', '') || ${str(t.separator)} AS ${bare}`);
			typed = parseListSql(lower, bare, t.values, t.separator);
			// The unknown items, for the reason only (rows that fail).
			const values = t.values.map((x) => str(x)).join(', ');
			const items = `list_filter(list_transform(string_split(${v}, ${str(t.separator)}), x -> lower(trim(x))), x -> x <> '')`;
			const bad = `list_filter(${items}, x -> x NOT IN (${values}))`;
			check = untyped(`${str('has unknown item(s) ')} || array_to_string(${bad}, ', ')`, 'unknown item');
			break;
		}
	}
	const reason = check?.reason ?? 'NULL';
	const code = check?.code ?? 'NULL';
	const missing = col.required ? `CASE WHEN ${v} IS NULL THEN ${str(`${name} is missing`)} END` : 'NULL';
	const missingCode = col.required ? `CASE WHEN ${v} IS NULL THEN ${str(`${name}: missing`)} END` : 'NULL';
	// A check's reason is built only when its condition is true (CASE), so a NULL condition passes.
	const passes = check ? `(${v} IS NULL OR NOT coalesce(${check.condition}, false))` : 'true';
	// Checks only apply to values present: an empty optional field is simply missing. For a type
	// check the same test reads more cheaply off the typed value, which is NULL exactly when the
	// text is missing or fails (tens of millions of rows pay for every operator here).
	const valid = check?.untyped
		? col.required
			? `${typedRef} IS NOT NULL`
			: `(${v} IS NULL OR ${typedRef} IS NOT NULL)`
		: col.required
			? `(${v} IS NOT NULL AND ${passes})`
			: passes;
	return {
		inputs,
		typed,
		reason: `coalesce(${missing}, CASE WHEN ${v} IS NOT NULL THEN ${reason} END)`,
		code: `coalesce(${missingCode}, CASE WHEN ${v} IS NOT NULL THEN ${code} END)`,
		valid
	};
}
