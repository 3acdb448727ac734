/**
 * Web Worker that decodes Parquet to Arrow IPC with parquet-wasm, off the main thread, so the
 * page (and its announced progress) stays responsive while large tables decode.
 */
import init, { readParquet } from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

/** A request: decode `bytes`; answered with the same id. */
export interface DecodeRequest {
	id: number;
	bytes: Uint8Array;
}

/** The answer: Arrow IPC stream bytes, or an error message. */
export type DecodeResponse = { id: number; ipc: Uint8Array } | { id: number; error: string };

const ready = init({ module_or_path: wasmUrl });

self.onmessage = async ({ data }: MessageEvent<DecodeRequest>) => {
	try {
		await ready;
		const ipc = readParquet(data.bytes).intoIPCStream();
		self.postMessage({ id: data.id, ipc } satisfies DecodeResponse, { transfer: [ipc.buffer] });
	} catch (error) {
		self.postMessage({ id: data.id, error: String(error) } satisfies DecodeResponse);
	}
};
