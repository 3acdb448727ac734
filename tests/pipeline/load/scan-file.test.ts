import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHeader, scanFile, scanInOrder, type Anchor } from '../../../data-pipeline/src/load/scan-file.js';
import { tempRoot, windows1252, writeFiles } from '../helpers.js';

describe('scanFile', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	const scan = async (name: string, content: string | Buffer) => {
		await writeFiles(temp.dir, { [name]: content });
		return scanFile(join(temp.dir, name));
	};

	beforeAll(async () => {
		temp = await tempRoot();
	});
	afterAll(() => temp.cleanup());

	it('checksum, size and encodings', async () => {
		const text = 'a,b\n1,2\n';
		const s = await scan('plain.csv', text);
		expect(s).toMatchObject({ bytes: 8, encoding: 'utf-8', header: ['a', 'b'], records: 1, anchors: [], quoted_newlines: false, spaces: false, unclosed: null });
		expect(s.sha256).toBe(createHash('sha256').update(text).digest('hex'));
		expect((await scan('bom.csv', '\uFEFFa,b\r\n1,2\r\n')).encoding).toBe('utf-8-bom');
		const w = await scan('cp1252.csv', windows1252('Zoë’s,b\n1,2\n'));
		expect(w).toMatchObject({ encoding: 'windows-1252', header: ['Zoë’s', 'b'] });
	});

	it('anchors where quoted newlines and blank lines shift later lines', async () => {
		const s = await scan('lines.csv', 'a,b\n1,2\n\n3,"x\ny"\n4,5\n5,6\r\n');
		// Record 1 starts after a blank line (DuckDB line 4, physical 4); record 2 follows a two-line record.
		expect(s.records).toBe(4);
		expect(s.anchors).toEqual([
			{ rec: 1, dline: 4, pline: 4 },
			{ rec: 2, dline: 5, pline: 6 }
		]);
		expect(s.quoted_newlines).toBe(true);
	});

	it('an unclosed quote: where its record starts', async () => {
		const s = await scan('unclosed.csv', 'a,b\n1,2\n3,"x\n4,5\n');
		expect(s.unclosed).toEqual({ byte: 8, dline: 3, pline: 3 });
		expect(s.records).toBe(2);
	});

	it('whether the file holds a space anywhere, so that values need trimming', async () => {
		expect((await scan('tight.csv', 'a,b\n1,"x,y"\n')).spaces).toBe(false);
		expect((await scan('padded.csv', 'a,b\n1,x \n')).spaces).toBe(true);
		// Past the first chunk of the stream too.
		expect((await scan('late.csv', `a,b\n${'1,2\n'.repeat(400_000)}3, 4\n`)).spaces).toBe(true);
	});

	it('an empty file has no header', async () => {
		expect((await scan('empty.csv', '')).header).toEqual([]);
	});
});

describe('scanFile against a byte-by-byte reference', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	beforeAll(async () => {
		temp = await tempRoot();
	});
	afterAll(() => temp.cleanup());

	/** The record walk as first written: one byte at a time over the whole file. */
	function reference(bytes: Buffer) {
		let inQuotes = false;
		let line = 1;
		let pline = 1;
		let started = false;
		let start = { line: 1, pline: 1, byte: 0 };
		let quotedNewline = false;
		let headerDone = false;
		let records = 0;
		const anchors: Anchor[] = [];
		let expect = { line: -1, pline: -1 };
		let quotedNewlines = false;
		const end = () => {
			if (!started) return;
			if (!headerDone) headerDone = true;
			else {
				if (start.line !== expect.line || start.pline !== expect.pline) anchors.push({ rec: records, dline: start.line, pline: start.pline });
				records += 1;
			}
			if (quotedNewline) quotedNewlines = true;
			quotedNewline = false;
			expect = { line: start.line + 1, pline: start.pline + 1 };
			started = false;
		};
		for (let i = 0; i < bytes.length; i++) {
			const b = bytes[i]!;
			if (b === 0x0a) {
				pline += 1;
				if (inQuotes) quotedNewline = true;
				else {
					end();
					line += 1;
				}
				continue;
			}
			if (b === 0x0d) continue;
			if (!started) {
				started = true;
				start = { line, pline, byte: i };
			}
			if (b === 0x22) inQuotes = !inQuotes;
		}
		const unclosed = inQuotes && headerDone && started ? { byte: start.byte, dline: start.line, pline: start.pline } : null;
		end();
		return { records, anchors, quoted_newlines: quotedNewlines, unclosed };
	}

	it('agrees on records, anchors and unclosed quotes, across read chunks', async () => {
		const tokens = ['a', 'bc', ',', '"', '\n', '\r', '\r\n', '""', 'é', '\n\n', ' ', '1234567'];
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		for (let k = 0; k < 60; k++) {
			// Every 20th file is over 1 MiB, so records and quotes straddle the scan's read chunks.
			const n = k % 20 === 0 ? 800_000 : Math.floor(random() * 300);
			const quoteOdds = k % 20 === 0 ? 0.002 : random() * 0.2;
			const parts = ['h1,h2\n'];
			for (let i = 0; i < n; i++) parts.push(random() < quoteOdds ? '"' : tokens[Math.floor(random() * tokens.length)]!);
			const bytes = Buffer.from(parts.join(''));
			await writeFiles(temp.dir, { 'f.csv': bytes });
			const s = await scanFile(join(temp.dir, 'f.csv'));
			expect({ records: s.records, anchors: s.anchors, quoted_newlines: s.quoted_newlines, unclosed: s.unclosed }).toEqual(reference(bytes));
		}
	});
});

describe('scanInOrder', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	beforeAll(async () => {
		temp = await tempRoot();
	});
	afterAll(() => temp.cleanup());

	it('gives each file its own scan; a failure stays with its file', async () => {
		await writeFiles(temp.dir, { 'a.csv': 'a,b\n1,2\n', 'c.csv': 'c\n"x\ny"\n' });
		const paths = ['a.csv', 'missing.csv', 'c.csv'].map((f) => join(temp.dir, f));
		const [a, missing, c] = scanInOrder(paths);
		expect(await a).toEqual(await scanFile(paths[0]!));
		await expect(missing).rejects.toThrow();
		expect(await c).toEqual(await scanFile(paths[2]!));
	});
});

describe('parseHeader', () => {
	it.each([
		['a,b,c', ['a', 'b', 'c']],
		['"a,1",b', ['a,1', 'b']],
		['"say ""x""",b\r', ['say "x"', 'b']],
		['\uFEFFa, B ', ['a', ' B ']]
	])('%j', (text, want) => {
		expect(parseHeader(text)).toEqual(want);
	});
});
