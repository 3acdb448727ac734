/** Fetch `manifest.json` and refuse data written for another schema version. */
import { SCHEMA_VERSION, type Manifest } from '$lib/schema';
import { DataError } from './errors.js';

/** The manifest at `url`, checked against this app's SCHEMA_VERSION. */
export async function fetchManifest(url: string, fetcher: typeof fetch = fetch): Promise<Manifest> {
	let response: Response;
	try {
		response = await fetcher(url);
	} catch (cause) {
		throw new DataError('download', 'The published data could not be reached. Check the connection and reload.', { cause });
	}
	if (!response.ok) throw new DataError('no-manifest', 'No published data was found. Run the pipeline (see the README), then reload.');
	let manifest: Manifest;
	try {
		manifest = (await response.json()) as Manifest;
	} catch (cause) {
		throw new DataError('no-manifest', 'The published manifest is not valid JSON. Run the pipeline again.', { cause });
	}
	checkManifest(manifest);
	return manifest;
}

/** Throw a DataError unless the manifest's schema version is the one this app reads. */
export function checkManifest(manifest: Manifest): void {
	if (manifest?.schema_version !== SCHEMA_VERSION) {
		throw new DataError(
			'incompatible',
			`The published data uses schema version ${String(manifest?.schema_version)}; this app reads version ${SCHEMA_VERSION}. Run the pipeline again with this version of Signpost.`
		);
	}
}
