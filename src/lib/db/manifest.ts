/** Fetch the publication's JSON files (`manifest.json`, `first-view.json`) and refuse data written for another schema version. */
import { SCHEMA_VERSION, type Manifest } from '$lib/schema';
import { DataError } from './errors.js';

/**
 * A published JSON file at `url` (`what` names it in messages), checked against this app's
 * SCHEMA_VERSION: a clear DataError when it cannot be reached, is missing, is not JSON or was
 * written by another version.
 */
export async function fetchPublishedJson<T extends { schema_version: number }>(url: string, what: string, fetcher: typeof fetch = fetch): Promise<T> {
	let response: Response;
	try {
		response = await fetcher(url);
	} catch (cause) {
		throw new DataError('download', 'The published data could not be reached. Check the connection and reload.', { cause });
	}
	if (!response.ok) throw new DataError('no-manifest', 'No published data was found. Run the pipeline (see the README), then reload.');
	let body: T;
	try {
		body = (await response.json()) as T;
	} catch (cause) {
		throw new DataError('no-manifest', `The published ${what} is not valid JSON. Run the pipeline again.`, { cause });
	}
	checkSchemaVersion(body);
	return body;
}

/** The manifest at `url`, checked against this app's SCHEMA_VERSION. */
export function fetchManifest(url: string, fetcher: typeof fetch = fetch): Promise<Manifest> {
	return fetchPublishedJson<Manifest>(url, 'manifest', fetcher);
}

/** Throw a DataError unless the file's schema version is the one this app reads. */
export function checkSchemaVersion(published: { schema_version: number } | null): void {
	if (published?.schema_version !== SCHEMA_VERSION) {
		throw new DataError(
			'incompatible',
			`The published data uses schema version ${String(published?.schema_version)}; this app reads version ${SCHEMA_VERSION}. Run the pipeline again with this version of Signpost.`
		);
	}
}
