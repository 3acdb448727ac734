/** Fetch `first-view.json`, the figures the app draws before DuckDB-WASM has started. */
import { SCHEMA_VERSION, type FirstView } from '$lib/schema';
import { DataError } from './errors.js';

/** The first view at `url`, checked against this app's schema version. */
export async function fetchFirstView(url: string, fetcher: typeof fetch = fetch): Promise<FirstView> {
	let response: Response;
	try {
		response = await fetcher(url);
	} catch (cause) {
		throw new DataError('download', 'The published data could not be reached. Check the connection and reload.', { cause });
	}
	if (!response.ok) throw new DataError('no-manifest', 'No published data was found. Run the pipeline (see the README), then reload.');
	const view = (await response.json().catch(() => null)) as FirstView | null;
	if (!view || view.schema_version !== SCHEMA_VERSION) {
		throw new DataError(
			'incompatible',
			`The published data uses schema version ${String(view?.schema_version)}; this app reads version ${SCHEMA_VERSION}. Run the pipeline again with this version of Signpost.`
		);
	}
	return view;
}
