/** Check that a stream of bytes is valid UTF-8, chunk by chunk, without decoding it. */
import { isUtf8 } from 'node:buffer';

/**
 * Streaming UTF-8 validation. Node's `isUtf8` (simdutf) checks a whole buffer several times
 * faster than decoding it with a fatal TextDecoder, which builds a string per chunk only to throw
 * it away; a character split between two chunks is carried over to the next one.
 */
export class Utf8Check {
	private carry: Buffer = Buffer.alloc(0);
	private ok = true;

	/** Feed the next chunk of the file. */
	push(chunk: Buffer): void {
		if (!this.ok) return;
		const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
		const cut = completeLength(data);
		this.ok = isUtf8(data.subarray(0, cut));
		this.carry = Buffer.from(data.subarray(cut));
	}

	/** True when every byte so far was valid UTF-8 and no character is left unfinished. */
	valid(): boolean {
		return this.ok && this.carry.length === 0;
	}
}

/**
 * Length of the prefix of `data` that ends on a character boundary: a character whose lead
 * byte is among the last three bytes and whose sequence runs past the end is held back. Bytes
 * that are not UTF-8 at all are left in, for `isUtf8` to reject.
 */
function completeLength(data: Buffer): number {
	const end = data.length;
	for (let i = end - 1; i >= Math.max(0, end - 3); i--) {
		const b = data[i]!;
		if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
		const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		return i + length > end ? i : end;
	}
	return end;
}
