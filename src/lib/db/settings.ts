/**
 * Deployment settings of the data layer. Read at run time from public environment variables so
 * one build serves every deployment.
 */
import { env } from '$env/dynamic/public';

/** How the data layer reads Parquet. */
export interface DataSettings {
	/**
	 * Same-origin base URL of a self-hosted DuckDB extension repository (laid out as
	 * `<base>/v1.4.3/wasm_eh/parquet.duckdb_extension.wasm`), or null to decode Parquet in the
	 * browser with parquet-wasm (the default: no extension file ships with npm, and DuckDB's own
	 * download from extensions.duckdb.org is blocked by the CSP and by closed NHS networks).
	 */
	extensionRepository: string | null;
}

/** Settings from `PUBLIC_SIGNPOST_DUCKDB_EXTENSIONS` (unset or empty: off). */
export function dataSettings(): DataSettings {
	const repository = env.PUBLIC_SIGNPOST_DUCKDB_EXTENSIONS?.trim();
	return { extensionRepository: repository ? repository : null };
}
