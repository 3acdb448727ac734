/**
 * Parquet -> Arrow IPC with parquet-wasm (Rust arrow-rs compiled to WebAssembly).
 *
 * Chosen over hyparquet (+ hyparquet-compressors for zstd, + apache-arrow builders for IPC) by
 * measurement on the demo data (20,000 referrals; built app, headless Debian Chromium, cold
 * fresh profile, median of 5, 2-core machine, 2026-11-24):
 * - time to the first figure (referrals, 294 KB Parquet): parquet-wasm 1.45-1.83 s (two sets of
 *   runs), hyparquet 2.04 s; all nine tables (1.45 MB, about 230,000 rows): parquet-wasm
 *   1.68-2.42 s, hyparquet 3.99 s;
 * - download: parquet-wasm 4.95 MB wasm (1.69 MB gzip) + 1 KB JS; hyparquet 188 KB JS (96 KB gzip).
 * - hyparquet's path needs Arrow's builders (`vectorFromArray`), which compile code with
 *   `new Function` and so fail under the app's CSP unless 'unsafe-eval' is allowed.
 * The larger download is paid once per browser (cached, immutable name) and overlaps DuckDB's
 * own 34 MB start; decoding speed and a strict CSP matter on every load.
 */
import init, { readParquet } from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { TableSpec } from '$lib/schema';

// Compiling starts on import, so it overlaps the downloads; this module is only imported dynamically.
const ready = init({ module_or_path: wasmUrl });

/** Decode a whole Parquet file into an Arrow IPC stream for `insertArrowFromIPCStream`. */
export async function decodeParquet(bytes: Uint8Array, _spec: TableSpec): Promise<Uint8Array> {
	await ready;
	return readParquet(bytes).intoIPCStream();
}
