import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, literal } from '../../../data-pipeline/src/db.js';
import { csv, readParquet, realListSizes, realPracticeMap, runDelivery, sharedMissing, tempRoot, type RunResult } from '../helpers.js';

if (sharedMissing) console.warn(`[pipeline tests] ${realPracticeMap} not found: tests against the real NHS Digital practice map are skipped`);

const REFERRALS = csv(
	'referral_id,person_id,practice_code,referral_date',
	'R1,P1,A84035,2024-05-01', // PCN 'U' (unallocated)
	'R2,P2,L82008,2024-05-01', // U41591, Cornwall ICB
	'R3,P3,L83012,2024-05-01', // U41591, Devon ICB
	'R4,P4,A89015,2024-05-01', // name ends with a comma
	'R5,P5,C81018,2024-05-01' // Staffordshire and Stoke-on-Trent (list sizes file)
);

describe.skipIf(sharedMissing)('the real NHS Digital practice map as --reference', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	let db: Db;
	let r: RunResult;
	const map = `read_csv(${literal(realPracticeMap)}, header = true, all_varchar = true)`;

	beforeAll(async () => {
		temp = await tempRoot();
		db = await Db.open();
		r = await runDelivery(temp.dir, { 'referrals.csv': REFERRALS, 'workforce.csv': csv('pcn_code,month,fte', 'U41591,2024-05,2') }, { reference: realPracticeMap, list_sizes: realListSizes });
	});
	afterAll(async () => {
		db.close();
		await temp.cleanup();
	});

	it('loads every practice and every referral', async () => {
		const n = await db.one<{ n: number }>(`SELECT count(DISTINCT PRACTICE_CODE)::INTEGER AS n FROM ${map}`);
		expect(r.manifest.reference.practices?.rows).toBe(n?.n);
		expect(n?.n).toBe(6202);
		expect(r.manifest.inputs[0]).toMatchObject({ rows_loaded: 5, rows_rejected: 0 });
	});

	it('PCN U (unallocated), U41591 across two ICBs, and names with commas survive as published', async () => {
		const refs = await readParquet(db, r.out, 'referrals', 'referral_id');
		expect(refs.map((x) => [x.practice_code, x.pcn_code, x.icb_code])).toEqual([
			['A84035', 'U', 'QHM'],
			['L82008', 'U41591', 'QT6'],
			['L83012', 'U41591', 'QJK'],
			['A89015', 'U43314', 'QHM'],
			['C81018', 'U57641', 'QNC']
		]);
		const practices = await readParquet(db, r.out, 'practices', 'practice_code');
		const byCode = new Map(practices.map((p) => [p.practice_code, p]));
		expect(byCode.get('A89015')?.practice_name).toBe('FULWELL MEDICAL CENTRE,');
		expect(byCode.get('A84035')).toMatchObject({ pcn_code: 'U', pcn_name: 'Unallocated', icb_code: 'QHM' });
		const want = await db.all<{ icb: string; n: number }>(
			`SELECT ICB_CODE AS icb, count(*)::INTEGER AS n FROM ${map} WHERE ICB_CODE IN ('QHM', 'QT6', 'QJK', 'QNC') GROUP BY 1 ORDER BY 1`
		);
		const counts = new Map<string, number>();
		for (const p of practices) counts.set(String(p.icb_code), (counts.get(String(p.icb_code)) ?? 0) + 1);
		expect([...counts].map(([icb, n]) => ({ icb, n })).sort((x, y) => x.icb.localeCompare(y.icb))).toEqual(want);
		const commas = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${map} WHERE PRACTICE_NAME LIKE '%,%' AND ICB_CODE IN ('QHM', 'QT6', 'QJK', 'QNC')`);
		expect(practices.filter((p) => String(p.practice_name).includes(',')).length).toBe(commas?.n);
	});

	it('workforce: a PCN spanning two ICBs goes to the ICB holding most of its practices', async () => {
		const most = await db.one<{ icb: string }>(
			`SELECT ICB_CODE AS icb FROM ${map} WHERE PCN_CODE = 'U41591' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`
		);
		expect((await readParquet(db, r.out, 'workforce'))[0]).toMatchObject({ pcn_code: 'U41591', icb_code: most?.icb });
	});

	it('list sizes from the QNC file: every QNC practice has one, summing to the published total; others have none', async () => {
		const practices = await readParquet(db, r.out, 'practices');
		const qnc = practices.filter((p) => p.icb_code === 'QNC');
		expect(qnc).toHaveLength(141);
		expect(qnc.every((p) => typeof p.list_size === 'number')).toBe(true);
		expect(qnc.reduce((s, p) => s + Number(p.list_size), 0)).toBe(1_210_283);
		expect(practices.find((p) => p.practice_code === 'C81018')?.list_size).toBe(9158);
		expect(practices.filter((p) => p.icb_code !== 'QNC').every((p) => p.list_size === null)).toBe(true);
		expect(r.manifest.reference.list_sizes?.rows).toBe(141);
	});
});

describe('list sizes in both accepted formats', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	let db: Db;
	const referrals = { 'referrals.csv': csv('referral_id,person_id,practice_code,referral_date', 'R1,P1,A81001,2024-05-01') };

	beforeAll(async () => {
		temp = await tempRoot();
		db = await Db.open();
	});
	afterAll(async () => {
		db.close();
		await temp.cleanup();
	});

	it.each([
		['practice_code,list_size', csv('practice_code,list_size', 'A81001,4000', 'A81002,9000')],
		[
			"NHS Digital's gp-reg-pat-prac-all.csv (SEX = ALL and AGE = ALL rows only)",
			csv(
				'PUBLICATION,EXTRACT_DATE,TYPE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS',
				'GP_PRAC_PAT_LIST,01Oct2025,GP,A81001,TS18 1HU,ALL,ALL,4000',
				'GP_PRAC_PAT_LIST,01Oct2025,GP,A81001,TS18 1HU,MALE,ALL,1900',
				'GP_PRAC_PAT_LIST,01Oct2025,GP,A81001,TS18 1HU,ALL,0_4,9999',
				'GP_PRAC_PAT_LIST,01Oct2025,GP,A81002,TS18 2AW,ALL,ALL,9000'
			)
		]
	])('%s', async (_name, text) => {
		const path = join(temp.dir, `sizes-${Math.random().toString(36).slice(2)}.csv`);
		await writeFile(path, text);
		const r = await runDelivery(join(temp.dir, String(Math.random())), referrals, { list_sizes: path });
		const practices = await readParquet(db, r.out, 'practices', 'practice_code');
		expect(practices.map((p) => [p.practice_code, p.list_size])).toEqual([
			['A81001', 4000],
			['A81002', 9000],
			['A81004', null],
			['A84035', null],
			['A89015', null]
		]);
		expect(r.manifest.reference.list_sizes?.rows).toBe(2);
	});

	it('without --list-sizes every list size is null and the manifest says so', async () => {
		const r = await runDelivery(join(temp.dir, 'none'), referrals);
		expect(r.manifest.reference.list_sizes).toBeNull();
		expect((await readParquet(db, r.out, 'practices')).every((p) => p.list_size === null)).toBe(true);
	});

	it('a list sizes file without the needed columns is a fatal error', async () => {
		const path = join(temp.dir, 'bad-sizes.csv');
		await writeFile(path, csv('practice,patients', 'A81001,4000'));
		await expect(runDelivery(join(temp.dir, 'bad'), referrals, { list_sizes: path })).rejects.toThrow('list sizes need a practice_code');
	});
});
