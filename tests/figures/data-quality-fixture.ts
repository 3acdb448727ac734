/**
 * A published demo for the Data quality tests: a dirty delivery (so there are rejects) through
 * the pipeline, and a way to make one PCN's referrals stop early (so there is a lag to flag).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { publishDemo } from '../pipeline/helpers.js';

/** Generate a dirty demo delivery in `dir` and publish it; returns the published folder. */
export function publishDirtyDemo(dir: string, referrals: number): Promise<string> {
	return publishDemo(dir, referrals, { seed: 'data-quality-tests', dirty: true });
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
