import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemo } from '../../data-pipeline/src/demo/generate.js';
import { readTable, rowObjects } from './helpers.js';

async function run(seed: number | string, dirty = false): Promise<string> {
	const out = mkdtempSync(join(tmpdir(), 'signpost-demo-det-'));
	await generateDemo({ out, referrals: 3000, seed, dirty });
	return out;
}

/** sha256 of every file under a folder, by relative path. */
function digests(dir: string): Record<string, string> {
	const result: Record<string, string> = {};
	const walk = (d: string): void => {
		for (const name of readdirSync(d).sort()) {
			const path = join(d, name);
			if (statSync(path).isDirectory()) walk(path);
			else result[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
		}
	};
	walk(dir);
	return result;
}

describe('demo output is a function of its options', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('the same seed gives the same bytes in every file, whatever the clock says', async () => {
		const first = digests(await run(42));
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2031-01-15T12:00:00Z'));
		const second = digests(await run(42));
		expect(Object.keys(first)).toHaveLength(7 + 2 + 1);
		expect(second).toEqual(first);
	});

	it('a different seed gives different data', async () => {
		const a = digests(await run(42));
		const b = digests(await run(43));
		for (const file of ['referrals.csv', 'gp_appointments.csv', 'wellbeing.csv', 'truth/planted.json']) expect(b[file], file).not.toBe(a[file]);
	});

	it('--dirty changes only what it plants: the clean people and months are the same', async () => {
		const clean = await run(42);
		const dirty = await run(42, true);
		expect(readFileSync(join(dirty, 'workforce.csv'))).toEqual(readFileSync(join(clean, 'workforce.csv')));
		const people = (dir: string): string[] => rowObjects(readTable(join(dir, 'comparison.csv'))).map((r) => `${r.person_id}|${r.practice_code}|${r.imd_decile}`);
		expect(people(dirty)).toEqual(people(clean));
		const ids = (dir: string): string[] => rowObjects(readTable(join(dir, 'referrals.csv'))).map((r) => r.referral_id!);
		const dirtyIds = ids(dirty);
		expect(new Set(dirtyIds)).toEqual(new Set(ids(clean)));
		expect(dirtyIds.length).toBeGreaterThan(ids(clean).length - 1);
	});
});
