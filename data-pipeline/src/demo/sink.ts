/**
 * A CSV file written in large string chunks through a stream that respects back-pressure:
 * callers append text cheaply and await {@link CsvSink.flushIfFull} now and then, so tens of
 * millions of rows never sit in memory at once and never become one object each.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK_CHARS = 1 << 20;

/** How the file's bytes are laid out. */
export interface SinkFormat {
	/** Line terminator: LF by default; CRLF imitates exports from Windows systems. */
	eol?: '\n' | '\r\n';
	encoding?: 'utf-8' | 'windows-1252';
	/** Start a UTF-8 file with a byte order mark, as Excel does. */
	bom?: boolean;
}

/** One output CSV file. */
export class CsvSink {
	/** Line terminator of this file. */
	readonly eol: string;
	/** Data rows written (the header excluded). */
	rows = 0;
	private chunk = '';
	private readonly stream: WriteStream;
	private readonly encoding: 'utf-8' | 'windows-1252';

	/** Open `path` for writing (replacing it) and write the header row. */
	constructor(path: string, header: readonly string[], format: SinkFormat = {}) {
		this.eol = format.eol ?? '\n';
		this.encoding = format.encoding ?? 'utf-8';
		this.stream = createWriteStream(path);
		if (format.bom) this.chunk = '\ufeff';
		this.chunk += header.join(',') + this.eol;
	}

	/** Append one row given as its comma-joined text (no line end). */
	row(text: string): void {
		this.chunk += text + this.eol;
		this.rows++;
	}

	/** Append text that already ends its rows; the caller counts them. */
	raw(text: string, rows: number): void {
		this.chunk += text;
		this.rows += rows;
	}

	/** Hand the chunk to the stream once it is large, waiting while the stream is saturated. */
	async flushIfFull(): Promise<void> {
		if (this.chunk.length >= CHUNK_CHARS) await this.flush();
	}

	/** Write what is left and close the file. */
	async close(): Promise<void> {
		await this.flush();
		this.stream.end();
		await once(this.stream, 'finish');
	}

	private async flush(): Promise<void> {
		if (this.chunk === '') return;
		const bytes = this.encoding === 'windows-1252' ? encodeWindows1252(this.chunk) : Buffer.from(this.chunk, 'utf8');
		this.chunk = '';
		if (!this.stream.write(bytes)) await once(this.stream, 'drain');
	}
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F; these are the characters it puts there.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const TO_CP1252 = new Map([...CP1252_HIGH].map((ch, i) => [ch, String.fromCharCode(0x80 + i)]));

/** Encode text as Windows-1252; characters it cannot hold become `?`, as Windows does. */
export function encodeWindows1252(text: string): Buffer {
	const mapped = text.replace(/[\u0080-\u009f\u0100-\uffff]/g, (ch) => TO_CP1252.get(ch) ?? '?');
	return Buffer.from(mapped, 'latin1');
}
