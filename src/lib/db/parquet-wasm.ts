/**
 * Parquet -> Arrow IPC with parquet-wasm (Rust arrow-rs compiled to WebAssembly).
 *
 * Chosen over hyparquet by measurement on the demo data (see README, "Reading Parquet in the
 * browser"); the wasm module is fetched once from the app's own origin on first use.
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
