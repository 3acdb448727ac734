/**
 * The referrals of a demo delivery and the people they belong to, as typed-array columns.
 * Referrals are spread over practices and months in proportion to list size x practice
 * propensity x season x growth, numbered in date order as a case management system would,
 * and a few people are referred a second time at the same practice.
 */
import { ACCEPTED_STATUSES, REFERRAL_STATUSES } from '../../../src/lib/schema/index.js';
import { daysInMonth, firstDayOfMonth, weekday } from './calendar.js';
import type { Geography } from './geography.js';
import { REPEAT_MIN_GAP_MONTHS, REPEAT_REFERRAL_SHARE } from './model.js';
import { drawNeeds, drawSource } from './needs.js';
import { drawPerson, newPersonTable, type PersonTable } from './people.js';
import type { PracticeTraits } from './practice-traits.js';
import { REFERRAL_FIRST_MONTH, REFERRAL_MONTHS } from './period.js';
import { cumulative, Random } from './random.js';
import { drawOutcome } from './status.js';

/** Columns of the referrals; dates are day numbers, -1 = not recorded. */
export interface ReferralTable {
	n: number;
	practice: Int32Array;
	person: Int32Array;
	day: Int32Array;
	/** Index into REFERRAL_SOURCES, or -1. */
	source: Int8Array;
	/** Bitmask over NEEDS, 0 = not recorded. */
	needs: Int32Array;
	/** Index into REFERRAL_STATUSES. */
	status: Int8Array;
	firstContact: Int32Array;
	discharge: Int32Array;
}

/** Referred people and their referrals. */
export interface Cohort {
	referrals: ReferralTable;
	people: PersonTable;
	/** Per person: their first referral. */
	firstReferral: Int32Array;
	/** Per person: their second referral, or -1. */
	secondReferral: Int32Array;
}

// Referrals dip in August (holidays) and December (Christmas), as services report.
const SEASON = [1.05, 1.05, 1.08, 0.98, 1.02, 1.02, 0.98, 0.78, 1.05, 1.08, 1.06, 0.8];
const ANNUAL_GROWTH = 0.08;
// Link workers take referrals on working days; a few arrive at weekends (self-referral forms).
const WEEKDAY_WEIGHT = [1, 1, 1, 1, 1, 0.05, 0.03];

/** Draw `total` referrals over the geography's practices and the three financial years. */
export function buildReferrals(geo: Geography, traits: PracticeTraits, total: number, seed: number | string): Cohort {
	const nPractices = geo.practices.length;
	const counts = cellCounts(geo, traits, total, new Random(seed, 'referral-cells'));
	const rng = new Random(seed, 'referrals');
	const outcomeRng = new Random(seed, 'referral-outcomes');
	const referrals: ReferralTable = {
		n: total,
		practice: new Int32Array(total),
		person: new Int32Array(total),
		day: new Int32Array(total),
		source: new Int8Array(total),
		needs: new Int32Array(total),
		status: new Int8Array(total),
		firstContact: new Int32Array(total),
		discharge: new Int32Array(total)
	};
	const people = newPersonTable(total);
	const firstReferral = new Int32Array(total);
	const secondReferral = new Int32Array(total).fill(-1);
	const firstMonth = new Int32Array(total);
	// Per practice: its people in order of first referral, and how many are old enough to repeat.
	const pools: number[][] = Array.from({ length: nPractices }, () => []);
	const eligible = new Int32Array(nPractices);

	let r = 0;
	for (let m = 0; m < REFERRAL_MONTHS; m++) {
		const month = REFERRAL_FIRST_MONTH + m;
		const start = firstDayOfMonth(month);
		const dayWeights: number[] = [];
		for (let d = 0; d < daysInMonth(month); d++) dayWeights.push(WEEKDAY_WEIGHT[weekday(start + d)]!);
		const dayCum = cumulative(dayWeights);
		// Sort the month's referrals by day so identifiers run in date order.
		let monthTotal = 0;
		for (let p = 0; p < nPractices; p++) monthTotal += counts[p * REFERRAL_MONTHS + m]!;
		const keys = new Int32Array(monthTotal);
		let k = 0;
		for (let p = 0; p < nPractices; p++) {
			for (let c = counts[p * REFERRAL_MONTHS + m]!; c > 0; c--) keys[k++] = rng.pick(dayCum) * nPractices + p;
		}
		keys.sort();
		for (const key of keys) {
			const p = key % nPractices;
			const pool = pools[p]!;
			while (eligible[p]! < pool.length && firstMonth[pool[eligible[p]!]!]! <= m - REPEAT_MIN_GAP_MONTHS) eligible[p]!++;
			let person = -1;
			if (eligible[p]! > 0 && rng.chance(REPEAT_REFERRAL_SHARE)) {
				const candidate = pool[rng.int(0, eligible[p]! - 1)]!;
				if (secondReferral[candidate] === -1) person = candidate;
			}
			if (person < 0) {
				person = people.n++;
				drawPerson(rng, people, person, p, traits.imdCentre[p]!);
				firstReferral[person] = r;
				firstMonth[person] = m;
				pool.push(person);
			} else {
				secondReferral[person] = r;
			}
			referrals.practice[r] = p;
			referrals.person[r] = person;
			referrals.day[r] = start + Math.floor(key / nPractices);
			referrals.source[r] = drawSource(rng);
			referrals.needs[r] = drawNeeds(rng, people.age[person]!);
			drawOutcome(outcomeRng, referrals, r, traits.acceptance[p]!);
			r++;
		}
	}
	return { referrals, people, firstReferral, secondReferral };
}

const ACCEPTED_FLAGS = REFERRAL_STATUSES.map((s) => (ACCEPTED_STATUSES as readonly string[]).includes(s));

/** Whether a status index means the referral was taken up (one of the schema's ACCEPTED_STATUSES). */
export function isAccepted(status: number): boolean {
	return ACCEPTED_FLAGS[status] === true;
}

/** Exactly `total` referrals spread over practice x month cells by weight. */
function cellCounts(geo: Geography, traits: PracticeTraits, total: number, rng: Random): Int32Array {
	const weights = new Float64Array(geo.practices.length * REFERRAL_MONTHS);
	geo.practices.forEach((practice, p) => {
		for (let m = 0; m < REFERRAL_MONTHS; m++) {
			const season = SEASON[(REFERRAL_FIRST_MONTH + m) % 12]!;
			weights[p * REFERRAL_MONTHS + m] = practice.listSize * traits.propensity[p]! * season * (1 + (ANNUAL_GROWTH * m) / 12);
		}
	});
	const cum = cumulative(weights);
	const counts = new Int32Array(weights.length);
	for (let i = 0; i < total; i++) counts[rng.pick(cum)]!++;
	return counts;
}
