/** Why data could not be loaded, each with a message a person can act on. */

/** What went wrong while loading published data. */
export type DataErrorKind = 'no-manifest' | 'incompatible' | 'missing-table' | 'download' | 'decode' | 'engine';

/** A loading failure with a kind (for code) and a plain-English message (for people). */
export class DataError extends Error {
	readonly kind: DataErrorKind;

	constructor(kind: DataErrorKind, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'DataError';
		this.kind = kind;
	}
}

/** Thrown in place of a result that a newer request with the same key has superseded. */
export class StaleResultError extends Error {
	constructor(key: string) {
		super(`A newer request for "${key}" superseded this one`);
		this.name = 'StaleResultError';
	}
}

/** True for a superseded result: callers drop it silently. */
export function isStale(error: unknown): error is StaleResultError {
	return error instanceof StaleResultError;
}
