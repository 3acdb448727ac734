/** Re-encode a Windows-1252 file as UTF-8 so DuckDB's CSV reader can take it. */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

/** Stream `from` (Windows-1252) into `to` (UTF-8). Line structure is unchanged: ASCII maps to itself. */
export async function transcodeWindows1252(from: string, to: string): Promise<void> {
	const decoder = new TextDecoder('windows-1252');
	await pipeline(
		createReadStream(from, { highWaterMark: 1 << 20 }),
		new Transform({
			transform(chunk: Buffer, _enc, done) {
				done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf-8'));
			},
			flush(done) {
				done(null, Buffer.from(decoder.decode(), 'utf-8'));
			}
		}),
		createWriteStream(to)
	);
}

/**
 * Decode Windows-1252 bytes. Node 20's one-shot `TextDecoder('windows-1252').decode` takes a
 * Latin-1 fast path (0x80-0x9F become control characters, so a curly apostrophe is lost); the
 * streaming path maps them properly.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
	const decoder = new TextDecoder('windows-1252');
	return decoder.decode(bytes, { stream: true }) + decoder.decode();
}
