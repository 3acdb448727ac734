/**
 * What happened to a referral: its status, first contact and discharge. About 70% are taken
 * up (first contact 3-30 days after referral, most within a fortnight); the rest are declined,
 * not attended or closed, some after a first call. Nothing is dated after the extract.
 */
import { REFERRAL_STATUSES } from '../../../src/lib/schema/index.js';
import { AS_AT_DAY } from './period.js';
import type { Random } from './random.js';
import type { ReferralTable } from './referrals.js';

const STATUS = Object.fromEntries(REFERRAL_STATUSES.map((s, i) => [s, i])) as Record<(typeof REFERRAL_STATUSES)[number], number>;

/** Draw status, first contact and discharge of referral `r` at a practice with the given acceptance rate. */
export function drawOutcome(rng: Random, refs: ReferralTable, r: number, acceptance: number): void {
	const day = refs.day[r]!;
	let status: number;
	let first = -1;
	let discharge = -1;
	if (rng.chance(acceptance)) {
		first = day + Math.min(30, 3 + Math.round(rng.gamma(2, 4.5)));
		const u = rng.next();
		if (u < 0.1) {
			// Some systems never move a referral on from "accepted".
			status = STATUS.accepted;
		} else {
			const end = first + 35 + Math.round(rng.gamma(3, 18));
			if (u < 0.18 || end > AS_AT_DAY) status = STATUS.in_progress;
			else {
				status = STATUS.completed;
				discharge = end;
			}
		}
	} else {
		const u = rng.next();
		if (u < 0.4) {
			status = STATUS.declined;
			if (rng.chance(0.6)) first = day + rng.int(2, 21);
			if (rng.chance(0.85)) discharge = Math.max(first, day) + rng.int(0, 14);
		} else if (u < 0.8) {
			status = STATUS.did_not_attend;
			if (rng.chance(0.7)) discharge = day + rng.int(21, 60);
		} else {
			status = STATUS.closed_other;
			if (rng.chance(0.3)) first = day + rng.int(3, 25);
			if (rng.chance(0.6)) discharge = Math.max(first, day) + rng.int(7, 60);
		}
	}
	refs.status[r] = status;
	refs.firstContact[r] = first;
	refs.discharge[r] = discharge;
}
