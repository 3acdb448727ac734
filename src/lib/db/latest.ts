/**
 * The latest-wins guard: of the requests made under one key (a chart, a figure), only the most
 * recently started may deliver its result. An older one that finishes later rejects with
 * StaleResultError instead of overwriting the newer answer (the same rule as Mosaic's coordinator).
 */
import { StaleResultError } from './errors.js';

/** Run `task` under `key`; returns a guard whose calls settle only while they are the latest. */
export function latestWins(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
	const latest = new Map<string, number>();
	let counter = 0;
	return async (key, task) => {
		const id = ++counter;
		latest.set(key, id);
		try {
			const result = await task();
			if (latest.get(key) !== id) throw new StaleResultError(key);
			return result;
		} catch (error) {
			// A superseded request's failure is as irrelevant as its success.
			if (latest.get(key) !== id) throw new StaleResultError(key);
			throw error;
		}
	};
}
