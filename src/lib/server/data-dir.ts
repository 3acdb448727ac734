/**
 * Where the server finds what it serves: the pipeline's published output (`SIGNPOST_DATA_DIR`,
 * default data/published), or, when `SIGNPOST_SCOPE` limits the server to some ICBs or PCNs, a
 * scoped copy of it (scoped-publication.ts).
 */
import { resolve, sep } from 'node:path';
import { serverScope } from './scope.js';
import { scopedPublication } from './scoped-publication.js';

/** Absolute path of the published data folder. */
export function dataDir(): string {
	return resolve(process.env.SIGNPOST_DATA_DIR ?? 'data/published');
}

/** The folder to serve: the publication, or its scoped copy. */
export async function servedDir(): Promise<string> {
	const scope = serverScope();
	return scope ? scopedPublication(dataDir(), scope) : dataDir();
}

/** Resolve a request path inside `root`, or null if it would escape it. */
export function resolveDataPath(relative: string, root: string = dataDir()): string | null {
	const full = resolve(root, relative);
	return full === root || !full.startsWith(root + sep) ? null : full;
}
