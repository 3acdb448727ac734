import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = 'data-pipeline/src/cli/demo-data.ts';
const runCli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });

describe('demo-data command line', () => {
	it('writes the delivery, reference and truth, reporting progress on stderr', () => {
		const out = mkdtempSync(join(tmpdir(), 'signpost-demo-cli-'));
		const result = runCli('--out', out, '--referrals', '400', '--seed', '9');
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/referrals\.csv: 400 rows/);
		for (const file of ['referrals.csv', 'gp_appointments.csv', 'reference/gp-reg-pat-prac-map.csv', 'reference/list-sizes.csv']) {
			expect(existsSync(join(out, file)), file).toBe(true);
		}
		const truth = JSON.parse(readFileSync(join(out, 'truth', 'planted.json'), 'utf8'));
		expect(truth.seed).toBe(9);
		expect(truth.parameters).toEqual({ referrals: 400, seed: 9, dirty: false, reference: null, icb: null });
	});

	it('fails with usage on bad arguments', () => {
		for (const args of [['--referrals', '10'], ['--out', tmpdir(), '--referrals', 'many'], ['--out', tmpdir(), '--icb', 'QNC'], ['--out', tmpdir(), '--bogus']]) {
			const result = runCli(...args);
			expect(result.status, args.join(' ')).toBe(1);
			expect(result.stderr).toMatch(/usage: npm run demo-data/);
		}
	});
});
