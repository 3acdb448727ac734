import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../../src/lib/schema/index.js';
import { Db } from '../../../data-pipeline/src/db.js';
import { PipelineError } from '../../../data-pipeline/src/errors.js';
import { csv, readParquet, readRejects, rejectLines, runDelivery, sampleDelivery, tableContents, tempRoot, windows1252, type Files } from '../helpers.js';

const HEADER = 'referral_id,person_id,practice_code,referral_date';

describe('reading delivery files', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	let db: Db;
	let n = 0;
	/** Run one referrals file in its own folder. */
	const run = async (referrals: string | Buffer, more: Files = {}) => runDelivery(`${temp.dir}/${++n}`, { 'referrals.csv': referrals, ...more });

	beforeAll(async () => {
		temp = await tempRoot();
		db = await Db.open();
	});
	afterAll(async () => {
		db.close();
		await temp.cleanup();
	});

	it('Windows-1252: ë and a curly apostrophe in an unknown column load, are warned about, and come out as UTF-8 in rejects', async () => {
		const text = csv(`${HEADER},notes`, 'R1,P1,A81001,2024-05-01,Zoë’s referral', 'R2,P2,A81001,2024-13-01,Chloë’s');
		const r = await run(windows1252(text));
		const input = r.manifest.inputs[0]!;
		expect(input.encoding).toBe('windows-1252');
		expect(input.unknown_columns).toEqual(['notes']);
		expect(r.manifest.warnings).toContain('delivery-1/referrals.csv: unknown column(s) ignored: notes');
		expect(r.log).toContain('warning: delivery-1/referrals.csv: unknown column(s) ignored: notes');
		expect(input).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_rejected: 1 });
		const rejects = await readRejects(db, r.out, 'referrals.csv');
		expect(rejects).toMatchObject([{ line: '3', notes: 'Chloë’s' }]);
	});

	it('UTF-8 with a byte order mark: the first column is still recognised', async () => {
		const r = await run(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(HEADER, 'R1,P1,A81001,2024-05-01'))]));
		expect(r.manifest.inputs[0]).toMatchObject({ encoding: 'utf-8-bom', rows_loaded: 1, unknown_columns: [] });
		expect((await readParquet(db, r.out, 'referrals')).map((x) => x.referral_id)).toEqual(['R1']);
	});

	it('a header with odd case and spaces matches the contract', async () => {
		const r = await run(csv(' Referral_ID ,PERSON_ID,  practice_code,Referral_Date ', 'R1,P1,A81001,2024-05-01'));
		expect(r.manifest.inputs[0]).toMatchObject({ rows_loaded: 1, unknown_columns: [] });
	});

	it.each([
		['LF', '\n'],
		['CRLF', '\r\n']
	])('%s: quoted commas and newlines, blank lines, too many and too few fields keep later line numbers right', async (_name, eol) => {
		const lines = [
			`${HEADER},notes`, // 1
			'R1,P1,A81001,2024-05-01,"one, two"', // 2
			'', // 3
			'R2,P2,A81001,2024-05-01,"first', // 4
			'second', // 5
			'third"', // 6
			'R3,P3,A81001,2024-05-32,', // 7
			'', // 8
			'', // 9
			'R4,P4,A81001,2024-05-01,x,extra', // 10
			'R5,P5,A81001', // 11
			'"R,6",P6,A81001,2024-05-01,"say ""hi"""', // 12
			'R7,P7,A81001,2024-05-01,"multi', // 13
			'line",also extra', // 14
			'R8,P8,A81001,31/12/2024,', // 15
			'R9,P9,A81001,2024-02-30,', // 16
			'' // 17
		];
		const r = await run(lines.join(eol) + eol);
		expect(await rejectLines(db, r.out, 'referrals.csv')).toEqual([
			"7: referral_date '2024-05-32' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
			'10: too many fields (the header has 5)',
			'11: too few fields (3 of 5)',
			'13: too many fields (the header has 5)',
			"16: referral_date '2024-02-30' is not a date (YYYY-MM-DD or DD/MM/YYYY)"
		]);
		expect(r.manifest.inputs[0]).toMatchObject({ rows_read: 9, rows_loaded: 4, rows_rejected: 5 });
		expect(r.manifest.warnings.filter((w) => w.includes('line numbers'))).toEqual([]);
		const rows = await readParquet(db, r.out, 'referrals', 'referral_id');
		expect(rows.map((x) => [x.referral_id, x.person_id, x.referral_date])).toEqual([
			['R,6', 'P6', '2024-05-01'],
			['R1', 'P1', '2024-05-01'],
			['R2', 'P2', '2024-05-01'],
			['R8', 'P8', '2024-12-31']
		]);
		const tooMany = (await readRejects(db, r.out, 'referrals.csv')).find((x) => x.line === '10')!;
		expect(tooMany.unparsed_record).toBe('R4,P4,A81001,2024-05-01,x,extra');
	});

	it('a rejected row shows its fields as written, whichever rule rejected it, after broken records, blank lines and quoted newlines', async () => {
		const r = await run(
			csv(
				`${HEADER},notes`, // 1
				'R1,P1,A81001,2024-05-01,"a, b"', // 2
				'R2,P2,A81001,2024-05-01,x,extra', // 3: too many fields
				'', // 4
				'R3,P3,Z99999,2024-05-01,"say ""hi"""', // 5: practice not in the reference
				'R4,P4,A81001,2024-05-01,"multi', // 6
				'line"', // 7
				'R1,P9,A81002,31/12/2024,dup', // 8: repeated referral_id
				'R5,P5 ,a81001,2024-05-01,', // 9: practice code in lower case
				'R6,P6,A81001' // 10: too few fields
			)
		);
		const rejects = await readRejects(db, r.out, 'referrals.csv');
		const fields = (x: Record<string, string | null>) => [x.line, x.referral_id, x.person_id, x.practice_code, x.referral_date, x.notes, x.unparsed_record];
		expect(rejects.map(fields)).toEqual([
			['3', null, null, null, null, null, 'R2,P2,A81001,2024-05-01,x,extra'],
			['5', 'R3', 'P3', 'Z99999', '2024-05-01', 'say "hi"', null],
			['8', 'R1', 'P9', 'A81002', '31/12/2024', 'dup', null],
			['9', 'R5', 'P5 ', 'a81001', '2024-05-01', null, null],
			['10', 'R6', 'P6', 'A81001', null, null, null]
		]);
		expect(rejects.map((x) => x.reason)).toEqual([
			'too many fields (the header has 5)',
			'practice_code Z99999 is not in the practice reference',
			'duplicate referral_id: an earlier row of this file has the same key',
			"practice_code 'a81001' is not a practice ODS code like A81001",
			'too few fields (3 of 5)'
		]);
		expect((await readParquet(db, r.out, 'referrals', 'referral_id')).map((x) => x.referral_id)).toEqual(['R1', 'R4']);
	});

	it('a file DuckDB reads in parallel pieces keeps every row at its line, and rejects show their fields', async () => {
		// About 40 MB of GP months: DuckDB splits a file this size between its threads.
		const lines = ['person_id,month,appointments'];
		const wanted = new Map<number, string>();
		for (let p = 0; lines.length < 2_000_000; p++) {
			const person = `P${String(p).padStart(7, '0')}`;
			for (let m = 1; m <= 12; m++) lines.push(`${person},2024-${String(m).padStart(2, '0')},${(p + m) % 7}`);
			if (p % 50_000 === 7) {
				lines.push(`${person},2024-03,9`); // repeats a month of this person
				wanted.set(lines.length, `${person},2024-03,9: duplicate`);
				lines.push(`X${p},2024-13,1`);
				wanted.set(lines.length, `X${p},2024-13,1: not a month`);
				lines.push('');
			}
		}
		const r = await run(csv(HEADER, 'R1,P0000001,A81001,2024-05-01'), { 'gp_appointments.csv': lines.join('\n') + '\n' });
		const gp = r.manifest.inputs.find((i) => i.file === 'gp_appointments.csv')!;
		const blank = wanted.size / 2;
		expect(gp).toMatchObject({ rows_read: lines.length - 1 - blank, rows_rejected: wanted.size });
		const rejects = await readRejects(db, r.out, 'gp_appointments.csv');
		const kind = (reason: string | null | undefined) => (reason?.startsWith('duplicate') ? 'duplicate' : reason?.includes('is not a month') ? 'not a month' : reason);
		expect(rejects.map((x) => `${x.line} ${x.person_id},${x.month},${x.appointments}: ${kind(x.reason)}`)).toEqual([...wanted].map(([line, text]) => `${line} ${text}`));
	});

	it('an unclosed quote at the end rejects that record at its line; rows before it load', async () => {
		const r = await run(csv(HEADER, 'R1,P1,A81001,2024-05-01', 'R2,"P2,A81001,2024-05-01', 'R3,P3,A81001,2024-05-01'));
		expect(await rejectLines(db, r.out, 'referrals.csv')).toEqual(['3: a quoted field is not closed (it runs to the end of the file)']);
		const reject = (await readRejects(db, r.out, 'referrals.csv'))[0]!;
		expect(reject.unparsed_record).toBe('R2,"P2,A81001,2024-05-01\nR3,P3,A81001,2024-05-01');
		expect(r.manifest.inputs[0]).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_rejected: 1, rejects_by_reason: { 'a quoted field is not closed': 1 } });
	});

	it('an unclosed quote in the middle, after a quoted newline, is one reject at the right line', async () => {
		const r = await run(csv(`${HEADER},notes`, 'R1,P1,A81001,2024-05-01,"a', 'b"', 'R2,P2,A81001,2024-05-01,"oops', 'R3,P3,A81001,2024-05-01,', 'R4,P4,A81001,2024-05-01,"x"'));
		expect(await rejectLines(db, r.out, 'referrals.csv')).toEqual(['4: a quoted field is not closed (it runs to the end of the file)']);
		expect((await readParquet(db, r.out, 'referrals')).map((x) => x.referral_id)).toEqual(['R1']);
	});

	it('a header-only file loads no rows; an empty file is a fatal error', async () => {
		const r = await run(csv(HEADER), { 'contacts.csv': 'contact_id,referral_id,contact_date\r\n' });
		expect(r.manifest.inputs.map((i) => [i.file, i.rows_read, i.rows_loaded])).toEqual([
			['referrals.csv', 0, 0],
			['contacts.csv', 0, 0]
		]);
		await expect(run('')).rejects.toThrow(new PipelineError('delivery-1/referrals.csv: the file is empty (it needs at least a header row)'));
		await expect(run(csv(HEADER), { 'contacts.csv': '\n\n' })).rejects.toThrow('contacts.csv: the file is empty');
	});
});

describe('the same delivery re-saved as Windows-1252 with CRLF and UK dates', () => {
	it('publishes the same table contents', async () => {
		const temp = await tempRoot();
		const db = await Db.open();
		try {
			const original = sampleDelivery();
			const resaved: Files = {};
			for (const [file, text] of Object.entries(original)) {
				const uk = text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1').replaceAll('\n', '\r\n');
				resaved[file] = windows1252(uk);
			}
			expect(String(resaved['referrals.csv'])).not.toContain('2024-03-15');
			const a = await runDelivery(`${temp.dir}/a`, original);
			const b = await runDelivery(`${temp.dir}/b`, resaved);
			expect(b.manifest.inputs.find((i) => i.file === 'referrals.csv')!.encoding).toBe('windows-1252');
			const names = TABLES.map((t) => t.name);
			const left = await tableContents(db, a.out, names);
			expect(await tableContents(db, b.out, names)).toEqual(left);
			expect(JSON.parse(left.referrals!).length).toBe(5);
			expect(await rejectLines(db, b.out, 'referrals.csv')).toEqual(await rejectLines(db, a.out, 'referrals.csv'));
		} finally {
			db.close();
			await temp.cleanup();
		}
	});
});
