/**
 * A published demo for the Data quality tests: a dirty delivery (so there are rejects) through
 * the pipeline, and a way to make one PCN's referrals stop early (so there is a lag to flag).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemo } from '../../data-pipeline/src/demo/generate.js';
import { runPipeline } from '../../data-pipeline/src/run.js';

/** Generate a dirty demo delivery in `dir` and publish it; returns the published folder. */
export async function publishDirtyDemo(dir: string, referrals: number): Promise<string> {
	const delivery = join(dir, 'delivery');
	const out = join(dir, 'published');
	await generateDemo({ out: delivery, referrals, seed: 'data-quality-tests', dirty: true });
	const quiet = { info: () => undefined, warn: () => undefined };
	await runPipeline({
		inputs: [delivery],
		out,
		reference: join(delivery, 'reference/gp-reg-pat-prac-map.csv'),
		list_sizes: join(delivery, 'reference/list-sizes.csv'),
		window_months: 6,
		today: '2026-10-01',
		log: quiet
	});
	return out;
}

/** WHERE condition on referrals: the rows of `pcn` in the last `months` months of the data. */
export function recentReferralsOf(pcn: string, months: number): string {
	if (!/^U\d{5}$/.test(pcn) || !Number.isInteger(months)) throw new Error('bad PCN or months');
	return `pcn_code = '${pcn}' AND referral_month > (SELECT max(referral_month) FROM referrals) - INTERVAL ${months} MONTH`;
}

/** Rewrite `published/referrals.parquet` without `pcn`'s referrals of the last `months` months. */
export async function dropRecentReferrals(published: string, pcn: string, months: number): Promise<void> {
	const file = join(published, 'referrals.parquet');
	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	try {
		await conn.run(`CREATE TABLE referrals AS SELECT * FROM read_parquet('${file}')`);
		await conn.run(`DELETE FROM referrals WHERE ${recentReferralsOf(pcn, months)}`);
		await conn.run(`COPY referrals TO '${file}.tmp' (FORMAT parquet, COMPRESSION zstd)`);
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
	await rename(`${file}.tmp`, file);
}
