/**
 * Find identifiers in a delivery before anything is published: NHS numbers (10 digits, optionally
 * spaced 3-3-4, passing the modulus 11 check) and full UK postcodes, in any column.
 */
import { Db, ident } from '../db.js';
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
 * Scan every column of a raw table (c0..c{n-1}) and return up to `limit` hits per column.
 *
 * One pass over the raw table keeps only rows with a hit in some column (in a clean delivery,
 * none); the hits per column are then picked from that small table. Each value is trimmed once,
 * in a projection below the filter, because the macros repeat their argument. A value shorter
 * than 5 bytes cannot be either identifier (both need 5 or more characters after trimming), so
 * it is not trimmed at all.
 */
export async function findIdentifiers(db: Db, raw: string, fieldCount: number, limit = 5): Promise<IdentifierHit[]> {
	if (fieldCount === 0) return [];
	const positions = Array.from({ length: fieldCount }, (_, i) => i);
	const isHit = (v: string) => `(sp_is_nhs_number(${v}) OR sp_is_postcode(${v}))`;
	const hits = ident(`${raw}__identifiers`);
	await db.run(
		`CREATE OR REPLACE TEMP TABLE ${hits} AS
		SELECT * FROM (SELECT rowid AS row, ${positions.map((i) => `CASE WHEN strlen(c${i}) >= 5 THEN trim(c${i}) END AS t${i}`).join(', ')} FROM ${ident(raw)})
		WHERE ${positions.map((i) => isHit(`t${i}`)).join(' OR ')}`
	);
	const parts = positions.map(
		(i) => `(SELECT ${i} AS position, row, CASE WHEN sp_is_nhs_number(t${i}) THEN 'NHS number' ELSE 'postcode' END AS kind
			FROM ${hits} WHERE ${isHit(`t${i}`)} ORDER BY row LIMIT ${limit})`
	);
	const found = await db.all<IdentifierHit>(`${parts.join(' UNION ALL ')} ORDER BY position, row`);
	await db.run(`DROP TABLE ${hits}`);
	return found;
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
