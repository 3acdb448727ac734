import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, REFERENCE_CSV, repoRoot, sampleDelivery, snapshot, tempRoot, TODAY, writeFiles, type Files } from './helpers.js';

const CLI = join(repoRoot, 'data-pipeline/src/cli/pipeline.ts');

/** Arguments of a CLI run over `delivery` into `out`. */
function args(root: string, delivery: string, extra: string[] = []): string[] {
	return ['--import', 'tsx', CLI, '--input', join(root, delivery), '--out', join(root, 'out'), '--reference', join(root, 'map.csv'), '--today', TODAY, ...extra];
}

/** Run the CLI to completion (node directly, so the pid is the pipeline's own). */
function cli(argv: string[]): { status: number | null; stderr: string } {
	const r = spawnSync(process.execPath, argv, { cwd: repoRoot, encoding: 'utf8' });
	return { status: r.status, stderr: r.stderr };
}

/** A delivery large enough that a run takes a few seconds. */
function bigDelivery(people: number): Files {
	const refs = ['referral_id,person_id,practice_code,referral_date,status'];
	const gp = ['person_id,month,appointments'];
	for (let i = 0; i < people; i++) {
		refs.push(`R${i},P${i},A8100${i % 2 === 0 ? 1 : 2},2024-0${(i % 9) + 1}-15,completed`);
		for (let m = 1; m <= 12; m++) gp.push(`P${i},2024-${String(m).padStart(2, '0')},${(i + m) % 5}`);
	}
	return { 'referrals.csv': refs.join('\n') + '\n', 'gp_appointments.csv': gp.join('\n') + '\n' };
}

describe('the pipeline CLI', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;

	beforeAll(async () => {
		temp = await tempRoot();
		await writeFile(join(temp.dir, 'map.csv'), REFERENCE_CSV);
		await writeFiles(join(temp.dir, 'good'), sampleDelivery());
		await writeFiles(join(temp.dir, 'identifiers'), { 'referrals.csv': csv('referral_id,person_id,practice_code,referral_date,NHS_Number', 'R1,P1,A81001,2024-05-01,') });
		await writeFiles(join(temp.dir, 'no-referrals'), { 'contacts.csv': csv('contact_id,referral_id,contact_date') });
	});
	afterAll(() => temp.cleanup());

	it('exits 0 on success (rejects allowed) and reports on stderr', () => {
		const r = cli(args(temp.dir, 'good'));
		expect(r.status).toBe(0);
		expect(r.stderr).toContain('good/referrals.csv: read 6, loaded 5, rejected 1');
		expect(existsSync(join(temp.dir, 'out/manifest.json'))).toBe(true);
	});

	it('exits 2 on identifiers, names file, column and line, and leaves the previous output untouched', () => {
		const before = snapshot(join(temp.dir, 'out'));
		const r = cli(args(temp.dir, 'identifiers'));
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('identifiers/referrals.csv, column NHS_Number, line 1');
		expect(snapshot(join(temp.dir, 'out'))).toEqual(before);
	});

	it('exits 1 on a fatal error and on bad arguments', () => {
		const before = snapshot(join(temp.dir, 'out'));
		expect(cli(args(temp.dir, 'no-referrals')).stderr).toContain('no-referrals: referrals.csv is missing');
		expect(cli(args(temp.dir, 'no-referrals')).status).toBe(1);
		expect(cli(args(temp.dir, 'missing-folder')).status).toBe(1);
		expect(cli(args(temp.dir, 'good', ['--window-months', '13'])).status).toBe(1);
		expect(cli(args(temp.dir, 'good', ['--today', '01/06/2025'])).status).toBe(1);
		expect(cli(['--import', 'tsx', CLI, '--out', join(temp.dir, 'out')]).status).toBe(1);
		expect(snapshot(join(temp.dir, 'out'))).toEqual(before);
	});

	it('a run killed with SIGKILL mid-way leaves the previous output intact; the next run succeeds and removes the staging folder', async () => {
		await writeFiles(join(temp.dir, 'big'), bigDelivery(60_000));
		const before = snapshot(join(temp.dir, 'out'));
		const child = spawn(process.execPath, args(temp.dir, 'big'), { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		const killedAt = await new Promise<string>((resolve) => {
			child.stderr.on('data', (chunk: Buffer) => {
				stderr += chunk.toString();
				// Kill once the big file has been read: staging is full, nothing swapped yet.
				if (/read big\/gp_appointments\.csv/.test(stderr) && !child.killed) {
					child.kill('SIGKILL');
					resolve(stderr);
				}
			});
			child.on('exit', () => resolve(stderr));
		});
		await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.on('exit', resolve)));
		expect(child.signalCode, `the run finished before it could be killed:\n${killedAt}`).toBe('SIGKILL');
		const staging = () => readdirSync(temp.dir).filter((f) => f.startsWith('.signpost-staging-'));
		expect(staging()).toHaveLength(1);
		expect(snapshot(join(temp.dir, 'out'))).toEqual(before);

		const again = cli(args(temp.dir, 'good'));
		expect(again.status).toBe(0);
		expect(staging()).toEqual([]);
		expect(readdirSync(temp.dir).filter((f) => f.startsWith('.signpost-'))).toEqual([]);
	});
});
