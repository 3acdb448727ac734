import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHeader, scanFile } from '../../../data-pipeline/src/load/scan-file.js';
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
		expect(s).toMatchObject({ bytes: 8, encoding: 'utf-8', header: ['a', 'b'], records: 1, anchors: [], quoted_newlines: false, unclosed: null });
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

	it('an empty file has no header', async () => {
		expect((await scan('empty.csv', '')).header).toEqual([]);
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
