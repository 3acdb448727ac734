/** Download a file whole, reporting bytes as they arrive. */
import { DataError } from './errors.js';

/** Fetch `url` into memory; `onBytes(loaded, total)` after each chunk (total from Content-Length, else 0). */
export async function download(url: string, onBytes: (loaded: number, total: number) => void, fetcher: typeof fetch = fetch): Promise<Uint8Array> {
	let response: Response;
	try {
		response = await fetcher(url);
	} catch (cause) {
		throw new DataError('download', `Could not download ${url}. Check the connection and reload.`, { cause });
	}
	if (!response.ok) throw new DataError('download', `Could not download ${url} (HTTP ${response.status}). Run the pipeline again.`);
	const total = Number(response.headers.get('content-length') ?? 0);
	if (!response.body) return new Uint8Array(await response.arrayBuffer());
	const chunks: Uint8Array[] = [];
	let loaded = 0;
	const reader = response.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		loaded += value.byteLength;
		onBytes(loaded, total);
	}
	const bytes = new Uint8Array(loaded);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}
