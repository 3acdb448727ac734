/**
 * The geography a server may hand out: `SIGNPOST_SCOPE` = `icb:CODE[,CODE]` or `pcn:CODE[,CODE]`.
 * Unset (local mode) serves everything published. A later access-control step will set the scope
 * per user; the app asks for the same files either way, so it never assumes the whole country
 * (or even the whole publication) is in the browser.
 */

/** ICBs or PCNs a server serves. */
export interface Scope {
	kind: 'icb' | 'pcn';
	codes: string[];
}

/** Parse a scope; null for none; throws a readable error for a malformed one. */
export function parseScope(text: string | undefined): Scope | null {
	const value = text?.trim();
	if (!value) return null;
	const match = /^(icb|pcn):([A-Z0-9]+(?:,[A-Z0-9]+)*)$/i.exec(value);
	if (!match) throw new Error(`SIGNPOST_SCOPE must look like "icb:QZZ" or "pcn:U90001,U90002", got "${value}"`);
	return { kind: match[1]!.toLowerCase() as Scope['kind'], codes: [...new Set(match[2]!.toUpperCase().split(','))].sort() };
}

/** The server's scope from `SIGNPOST_SCOPE`. */
export function serverScope(): Scope | null {
	return parseScope(process.env.SIGNPOST_SCOPE);
}
