/**
 * Find identifiers in a delivery before anything is published: NHS numbers (10 digits, optionally
 * spaced 3-3-4, passing the modulus 11 check) and full UK postcodes, in any column.
 */
import type { ColumnType } from '../../../src/lib/schema/index.js';
import { Db, ident, literal } from '../db.js';
import { hitsSql, PROBLEM_COLUMN } from './problem.js';
import type { StructuralReject } from './read-csv.js';

/** One identifier found in a file. */
export interface IdentifierHit {
	position: number;
	row: number;
	kind: 'NHS number' | 'postcode';
}

/** SQL macros for the checks; run once per database. */
export const IDENTIFIER_MACROS = `
CREATE OR REPLACE MACRO sp_nhs_digits(s) AS replace(s, ' ', '');
CREATE OR REPLACE MACRO sp_nhs_sum(d) AS list_sum([(10 - i) * (ord(substr(d, i + 1, 1)) - 48) FOR i IN range(9)]);
CREATE OR REPLACE MACRO sp_is_nhs_number(s) AS
	length(s) IN (10, 12) AND ascii(s) BETWEEN 48 AND 57 AND regexp_full_match(s, '[0-9]{10}|[0-9]{3} [0-9]{3} [0-9]{4}')
	AND (11 - sp_nhs_sum(sp_nhs_digits(s)) % 11) % 11 = ord(substr(sp_nhs_digits(s), 10, 1)) - 48;
CREATE OR REPLACE MACRO sp_is_postcode(s) AS
	length(s) BETWEEN 5 AND 8 AND ascii(right(s, 3)) BETWEEN 48 AND 57
	AND regexp_full_match(upper(s), '[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}');
`;

/**
 * SQL naming the identifier a value is ('NHS number' or 'postcode'), or NULL. `v` must be a
 * column reference holding the trimmed value: the macros repeat their argument, so an
 * expression would be worked out several times per row.
 */
export function identifierKindSql(v: string): string {
	return `CASE WHEN sp_is_nhs_number(${v}) THEN 'NHS number' WHEN sp_is_postcode(${v}) THEN 'postcode' END`;
}

/**
 * Whether a value that passes the column's rule can still be an identifier, so that it must be
 * checked; a value that fails its rule is always checked, since it is published in the rejects
 * file. Text can be anything, and so can a number (`0000000000` is a number from 0 to 100 and
 * passes the NHS number check). A whole number must be written plainly, so within +-10^9 it
 * has fewer than 10 digits; a date or month holds `-` or `/`; an enumeration or list value is
 * one of the contract's words, none shaped like an identifier (checked here, not assumed).
 */
export function validValueMayBeIdentifier(type: ColumnType): boolean {
	switch (type.kind) {
		case 'text':
		case 'number':
			return true;
		case 'int':
			return type.min <= -1e9 || type.max >= 1e9;
		case 'date':
		case 'month':
			return false;
		case 'enum':
		case 'list':
			return type.values.some((v) => IDENTIFIER_SHAPES.some((shape) => shape.test(String(v).trim().toUpperCase())));
	}
}

/** The shapes the SQL macros look for, without the NHS number checksum (so a superset). */
const IDENTIFIER_SHAPES = [/^[0-9]{10}$/, /^[0-9]{3} [0-9]{3} [0-9]{4}$/, /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/];

/**
 * The identifiers recorded in a typed table's problem column (see `typedSelectSql`): up to
 * `limit` per column, first rows first; `row` is the 0-based position among the rows DuckDB read.
 */
export async function findIdentifiers(db: Db, typedParquet: string, limit = 5): Promise<IdentifierHit[]> {
	return db.all<IdentifierHit>(
		`SELECT position, row, kind FROM (
			SELECT row, h.position AS position, h.kind AS kind FROM (
				SELECT file_row_number AS row, unnest(${hitsSql()}) AS h
				FROM read_parquet(${literal(typedParquet)}, file_row_number = true) WHERE ${ident(PROBLEM_COLUMN)} IS NOT NULL
			)
		) QUALIFY row_number() OVER (PARTITION BY position ORDER BY row) <= $1
		ORDER BY position, row`,
		[limit]
	);
}

/** One identifier found in a record DuckDB could not split (kept as text in the rejects). */
export interface TextIdentifierHit {
	/** Index into the structural rejects. */
	reject: number;
	/** 0-based field position, counting commas and line breaks as separators (approximate for a broken record). */
	position: number;
	kind: 'NHS number' | 'postcode';
}

/**
 * Look for identifiers in the text of structurally broken records, which never reach the raw
 * table but are published whole in the rejects file.
 */
export async function findIdentifiersInText(db: Db, rejects: readonly StructuralReject[], table: string): Promise<TextIdentifierHit[]> {
	if (rejects.length === 0) return [];
	await db.run(`CREATE OR REPLACE TEMP TABLE ${ident(table)} (reject INTEGER, text VARCHAR)`);
	await db.append(table, rejects.map((r, i) => [i, r.text]));
	const v = `trim(trim(v), '"')`;
	const hits = await db.all<TextIdentifierHit>(
		`SELECT reject, position, CASE WHEN sp_is_nhs_number(${v}) THEN 'NHS number' ELSE 'postcode' END AS kind
		FROM (SELECT reject, unnest(range(len(f)))::INTEGER AS position, unnest(f) AS v FROM (SELECT reject, regexp_split_to_array(text, '[,\r\n]') AS f FROM ${ident(table)}))
		WHERE sp_is_nhs_number(${v}) OR sp_is_postcode(${v}) ORDER BY reject, position`
	);
	await db.run(`DROP TABLE ${ident(table)}`);
	return hits;
}
