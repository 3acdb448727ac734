/** Where the server finds the pipeline's published output (`SIGNPOST_DATA_DIR`, default data/published). */
import { resolve, sep } from 'node:path';

/** Absolute path of the published data folder. */
export function dataDir(): string {
	return resolve(process.env.SIGNPOST_DATA_DIR ?? 'data/published');
}

/** Resolve a request path inside the data folder, or null if it would escape it. */
export function resolveDataPath(relative: string): string | null {
	const root = dataDir();
	const full = resolve(root, relative);
	return full === root || !full.startsWith(root + sep) ? null : full;
}
