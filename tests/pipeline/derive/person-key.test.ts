/**
 * referrals.person_key, the number the app counts people by: one per person, the same for all of a
 * person's referrals, numbered 1..n in person_id order (what dense_rank over person_id gives).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv, readParquet, runDelivery, tempRoot, withDb } from '../helpers.js';

// Six referrals of four people, written out of person_id order; P10 sorts before P2 as text.
const delivery = {
	'referrals.csv': csv(
		'referral_id,person_id,practice_code,referral_date',
		'R1,P2,A81001,2025-03-31',
		'R2,P10,A81002,2025-04-01',
		'R3,P2,A81004,2024-12-10',
		'R4,Q1,A81004,2024-07-15',
		'R5,P10,A81001,2025-05-01',
		'R6,A9,A81002,2025-06-01'
	)
};

describe('referrals.person_key', () => {
	it('numbers the people 1..n in person_id order, the same key on each of a person\'s referrals', async () => {
		const temp = await tempRoot();
		try {
			const run = await runDelivery(join(temp.dir, 'run'), delivery, { today: '2025-12-31' });
			const rows = await withDb((db) => readParquet(db, run.out, 'referrals', 'referral_id'));
			expect(rows.map((r) => [r.referral_id, r.person_id, r.person_key])).toEqual([
				['R1', 'P2', 3],
				['R2', 'P10', 2],
				['R3', 'P2', 3],
				['R4', 'Q1', 4],
				['R5', 'P10', 2],
				['R6', 'A9', 1]
			]);
		} finally {
			await temp.cleanup();
		}
	});
});
