import { describe, expect, it } from 'vitest';
import { isStale } from '../../src/lib/db/errors.js';
import { latestWins } from '../../src/lib/db/latest.js';

/** A task that settles when told to. */
function deferred<T>() {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

describe('latestWins', () => {
	it('rejects an older result that arrives after a newer request under the same key', async () => {
		const guard = latestWins();
		const slow = deferred<string>();
		const fast = deferred<string>();
		const first = guard('chart', () => slow.promise);
		const second = guard('chart', () => fast.promise);
		fast.resolve('new');
		expect(await second).toBe('new');
		slow.resolve('old');
		await expect(first).rejects.toSatisfy(isStale);
	});

	it('rejects an older result even when it arrives first', async () => {
		const guard = latestWins();
		const slow = deferred<string>();
		const first = guard('chart', () => Promise.resolve('old'));
		const second = guard('chart', () => slow.promise);
		await expect(first).rejects.toSatisfy(isStale);
		slow.resolve('new');
		expect(await second).toBe('new');
	});

	it('reports a superseded failure as stale, and the latest failure as itself', async () => {
		const guard = latestWins();
		const first = guard('k', () => Promise.reject(new Error('boom')));
		const second = guard('k', () => Promise.reject(new Error('bang')));
		await expect(first).rejects.toSatisfy(isStale);
		await expect(second).rejects.toThrow('bang');
	});

	it('keeps keys independent', async () => {
		const guard = latestWins();
		const a = guard('a', () => Promise.resolve(1));
		const b = guard('b', () => Promise.resolve(2));
		expect([await a, await b]).toEqual([1, 2]);
	});
});
