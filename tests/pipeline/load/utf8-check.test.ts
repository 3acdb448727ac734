import { describe, expect, it } from 'vitest';
import { Utf8Check } from '../../../data-pipeline/src/load/utf8-check.js';
import { windows1252 } from '../helpers.js';

/** What a fatal TextDecoder says about the whole buffer at once. */
function reference(bytes: Buffer): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/** Feed `bytes` in chunks cut at `cuts`. */
function check(bytes: Buffer, cuts: readonly number[]): boolean {
	const u = new Utf8Check();
	let from = 0;
	for (const cut of [...cuts, bytes.length]) {
		u.push(bytes.subarray(from, cut));
		from = cut;
	}
	return u.valid();
}

describe('Utf8Check', () => {
	const text = Buffer.from('a,é,€,𝄞,Zoë’s\n');

	it('valid text is valid however it is cut, even inside a character', () => {
		for (let i = 0; i <= text.length; i++) {
			for (let j = i; j <= text.length; j++) expect(check(text, [i, j]), `${i},${j}`).toBe(true);
		}
	});

	it('Windows-1252 bytes, a truncated last character and stray continuation bytes are invalid', () => {
		expect(check(windows1252('Zoë’s'), [2])).toBe(false);
		expect(check(text.subarray(0, 7), [])).toBe(false); // ends inside €
		expect(check(Buffer.from([0x61, 0x80, 0x62]), [1, 2])).toBe(false);
		expect(check(Buffer.from([0xf8, 0x80, 0x80, 0x80]), [1])).toBe(false);
	});

	it('agrees with a fatal TextDecoder on random bytes cut at random places', () => {
		let seed = 11;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const pieces = [...'ab,\n'].map((c) => Buffer.from(c)).concat([Buffer.from('é'), Buffer.from('€'), Buffer.from('𝄞'), Buffer.from([0x80]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc3])]);
		for (let k = 0; k < 500; k++) {
			const bytes = Buffer.concat(Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]!));
			const cuts = Array.from({ length: 3 }, () => Math.floor(random() * (bytes.length + 1))).sort((a, b) => a - b);
			expect(check(bytes, cuts), bytes.toString('hex')).toBe(reference(bytes));
		}
	});
});
