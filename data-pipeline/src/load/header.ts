/** Match a file's header to the export contract: known, unknown, missing and forbidden columns. */
import { IDENTIFIER_COLUMN_NAMES, type FileSpec } from '../../../src/lib/schema/index.js';

/** How the header of one file lines up with its contract. */
export interface HeaderMatch {
	/** Contract column name -> 0-based position in the file. */
	positions: Map<string, number>;
	/** Header names the contract does not know, as written. */
	unknown: string[];
	/** Required contract columns absent from the header. */
	missing_required: string[];
	/** Contract columns named more than once. */
	repeated: string[];
	/** Header names that are identifiers, as written, with their 0-based position. */
	identifiers: { name: string; position: number }[];
}

/** Normalise a header name: trimmed, lower case, BOM removed (contract: case-insensitive after trimming). */
export function normaliseName(name: string): string {
	return name.replace(/^\uFEFF/, '').trim().toLowerCase();
}

/** Compare a header with a file's contract. */
export function matchHeader(header: readonly string[], spec: FileSpec): HeaderMatch {
	const known = new Set(spec.columns.map((c) => c.name));
	const forbidden = new Set<string>(IDENTIFIER_COLUMN_NAMES);
	const positions = new Map<string, number>();
	const unknown: string[] = [];
	const repeated: string[] = [];
	const identifiers: HeaderMatch['identifiers'] = [];
	header.forEach((raw, position) => {
		const name = normaliseName(raw);
		if (forbidden.has(name)) identifiers.push({ name: raw.trim(), position });
		if (!known.has(name)) {
			unknown.push(raw.trim());
			return;
		}
		if (positions.has(name)) repeated.push(name);
		else positions.set(name, position);
	});
	const missing_required = spec.columns.filter((c) => c.required && !positions.has(c.name)).map((c) => c.name);
	return { positions, unknown, missing_required, repeated, identifiers };
}
