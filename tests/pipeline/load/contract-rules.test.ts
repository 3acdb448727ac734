import { readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES, type FileSpec } from '../../../src/lib/schema/index.js';
import { Db } from '../../../data-pipeline/src/db.js';
import { PipelineError } from '../../../data-pipeline/src/errors.js';
import { csv, fixturesDir, readRejects, runDelivery, tempRoot, TODAY, writeFiles, type RunResult } from '../helpers.js';

interface Expected {
	file: string;
	line: string;
	code: string;
	reason: string;
}

const fixture = join(fixturesDir, 'contract');

/** The expected rejects, parsed with DuckDB like every other CSV here. */
async function expectedRejects(db: Db): Promise<Expected[]> {
	return db.all<Expected>(`SELECT * FROM read_csv('${join(fixture, 'expected-rejects.csv')}', header = true, all_varchar = true)`);
}

describe('contract rules: the fixture delivery with one broken rule per row', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	let run: RunResult;
	let db: Db;
	let expected: Expected[];

	beforeAll(async () => {
		temp = await tempRoot();
		const files = Object.fromEntries(FILES.map((f) => [f.file, readFileSync(join(fixture, 'delivery', f.file))]));
		run = await runDelivery(temp.dir, files);
		db = await Db.open();
		expected = await expectedRejects(db);
	});
	afterAll(async () => {
		db.close();
		await temp.cleanup();
	});

	it.each(FILES.map((f) => f.file))('%s: every broken row is rejected with its line and reason, and no other row', async (file) => {
		const got = (await readRejects(db, run.out, file)).map((r) => `${r.line}: ${r.reason}`);
		const want = expected.filter((e) => e.file === file).map((e) => `${e.line}: ${e.reason}`);
		expect(got).toEqual(want);
	});

	it.each(FILES.map((f) => f.file))('%s: the manifest counts every reject under its reason code', (file) => {
		const input = run.manifest.inputs.find((i) => i.file === file)!;
		const counts: Record<string, number> = {};
		for (const e of expected.filter((x) => x.file === file)) counts[e.code] = (counts[e.code] ?? 0) + 1;
		expect(input.rejects_by_reason).toEqual(counts);
		expect(input.rows_rejected).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
		expect(input.rows_read).toBe(input.rows_loaded + input.rows_rejected);
	});

	it('rejects keep the original fields of the row as written', async () => {
		const rows = await readRejects(db, run.out, 'referrals.csv');
		const r = rows.find((x) => x.line === '18')!;
		expect(r).toMatchObject({ delivery: 'delivery-1', referral_id: 'R017', imd_decile: '12.5' });
	});

	it('valid rows load, including enumerations in any case with spaces, UK dates and boundary values', async () => {
		const refs = await db.all<{ referral_id: string; referral_date: string; referral_source: string | null; needs: string | null; sex: string | null; status: string | null; imd_decile: number | null }>(
			`SELECT referral_id, strftime(referral_date, '%Y-%m-%d') AS referral_date, referral_source, needs, sex, status, imd_decile
			FROM read_parquet('${join(run.out, 'referrals.parquet')}') ORDER BY referral_id`
		);
		expect(refs).toEqual([
			{ referral_id: 'R001', referral_date: '2024-05-01', referral_source: 'gp', needs: 'housing;loneliness_isolation', sex: 'female', status: 'completed', imd_decile: 2 },
			{ referral_id: 'R002', referral_date: '2024-06-02', referral_source: 'self', needs: 'housing;mental_wellbeing', sex: 'male', status: 'declined', imd_decile: 5 },
			{ referral_id: 'R026', referral_date: '2018-04-01', referral_source: null, needs: null, sex: null, status: null, imd_decile: null },
			{ referral_id: 'R027', referral_date: TODAY, referral_source: null, needs: null, sex: null, status: null, imd_decile: null }
		]);
		const contacts = await db.all(`SELECT contact_id, mode, duration_minutes FROM read_parquet('${join(run.out, 'contacts.parquet')}') ORDER BY contact_id`);
		expect(contacts).toEqual([
			{ contact_id: 'C01', mode: 'face_to_face', duration_minutes: 30 },
			{ contact_id: 'C10', mode: 'group', duration_minutes: 480 }
		]);
		const wellbeing = await db.all(`SELECT measure, baseline_score, follow_up_score FROM read_parquet('${join(run.out, 'wellbeing.parquet')}') ORDER BY measure`);
		expect(wellbeing).toEqual([
			{ measure: 'happiness', baseline_score: null, follow_up_score: null },
			{ measure: 'life_satisfaction', baseline_score: 4, follow_up_score: null }
		]);
		const workforce = await db.all(`SELECT fte FROM read_parquet('${join(run.out, 'workforce.parquet')}') ORDER BY workforce_month`);
		expect(workforce).toEqual([{ fte: 1.5 }, { fte: 0.5 }]);
	});

	it('the fixture exercises every required column, every column type and every cross-file rule', () => {
		const codes = new Set(expected.map((e) => `${e.file} ${e.code}`));
		for (const spec of FILES) {
			for (const col of spec.columns.filter((c) => c.required)) expect(codes, `${spec.file} ${col.name} missing`).toContain(`${spec.file} ${col.name}: missing`);
			expect(codes, `${spec.file} duplicate`).toContain(`${spec.file} ${spec.key.join(', ')}: duplicate`);
		}
		const kinds = new Set(expected.map((e) => e.code.split(': ')[1]));
		for (const k of ['bad format', 'not a date', 'not a month', 'not a whole number in range', 'not a number in range', 'not an allowed value', 'unknown item']) expect(kinds).toContain(k);
		for (const rule of [
			'referrals.csv practice_code: not in the practice reference',
			'comparison.csv practice_code: not in the practice reference',
			'comparison.csv person_id: a referred person',
			'contacts.csv referral_id: not a loaded referral',
			'wellbeing.csv referral_id: not a loaded referral',
			'signposting.csv referral_id: not a loaded referral',
			'contacts.csv contact_date: before the referral date',
			'signposting.csv signpost_date: before the referral date',
			'wellbeing.csv assessment_date: more than 30 days before the referral date'
		])
			expect(codes).toContain(rule);
	});
});

describe('contract rules: a required column missing from the header is fatal, naming file and column', () => {
	const cases = FILES.flatMap((spec) => spec.columns.filter((c) => c.required).map((c) => [spec.file, c.name, spec] as const));

	it.each(cases)('%s without %s', async (file, column, spec: FileSpec) => {
		const temp = await tempRoot();
		try {
			const others = spec.columns.filter((c) => c.name !== column).map((c) => c.name);
			const files: Record<string, string> = { [file]: csv(others.join(','), others.map(() => 'x').join(',')) };
			if (file !== 'referrals.csv') files['referrals.csv'] = csv('referral_id,person_id,practice_code,referral_date', 'R1,P1,A81001,2024-05-01');
			await expect(runDelivery(temp.dir, files)).rejects.toThrow(
				new PipelineError(`delivery-1/${file}: required column(s) missing from the header: ${column} (line 1)`)
			);
		} finally {
			await temp.cleanup();
		}
	});

	it('a whole run stops with exit code 1 and publishes nothing', async () => {
		const temp = await tempRoot();
		try {
			const out = join(temp.dir, 'out');
			await writeFiles(join(temp.dir, 'old'), { 'marker.txt': 'previous output' });
			await cp(join(temp.dir, 'old'), out, { recursive: true });
			const run = runDelivery(temp.dir, { 'referrals.csv': csv('referral_id,person_id,referral_date', 'R1,P1,2024-05-01') });
			await expect(run).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('practice_code') });
			expect(readFileSync(join(out, 'marker.txt'), 'utf8')).toBe('previous output');
		} finally {
			await temp.cleanup();
		}
	});
});
