/**
 * The app's data layer, and the only importer of @duckdb/duckdb-wasm: DuckDB-WASM in a Web
 * Worker, loading the published Parquet from the app's own origin. Browser-only: call it from
 * `onMount` or an `ssr = false` page.
 */
import { resolve } from '$app/paths';
import { createConnector, type Connector } from './connector.js';
import { dataSettings } from './settings.js';

export { createConnector, type Connector, type ConnectorOptions, type LoadingState, type QueryOptions } from './connector.js';
export { DataError, StaleResultError, isStale, type DataErrorKind } from './errors.js';
export type { LoadProgress, Decoder } from './loader.js';
export type { Column, Result } from './result.js';
export { dataSettings, type DataSettings } from './settings.js';

let shared: Connector | undefined;

/** The page session's connector (one DuckDB-WASM shared by every page), reading /data/. */
export function connector(): Connector {
	shared ??= createConnector({
		fileUrl: (file) => resolve('/data/[...path]', { path: file }),
		settings: dataSettings(),
		decoder: async () => (await import('./parquet-wasm.js')).decodeParquet
	});
	return shared;
}

export { fetchFirstView, firstViewUrl } from './first-view.js';
