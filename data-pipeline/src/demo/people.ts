/**
 * People in the demo, referred or in the comparison cohort, as columns of typed arrays (one
 * index per person) so a million people cost a few megabytes and no objects. Demographic
 * codes are indexes into the schema's enumerations; -1 means not recorded.
 */
import { AGE_BANDS, ETHNIC_GROUPS, SEXES } from '../../../src/lib/schema/index.js';
import { cumulativeFor, type Random } from './random.js';

/** Columns of a set of people. */
export interface PersonTable {
	n: number;
	practice: Int32Array;
	age: Int8Array;
	sex: Int8Array;
	ethnic: Int8Array;
	/** IMD decile 1..10, or -1. */
	imd: Int8Array;
}

// Older people are over-represented among those referred (loneliness, long-term conditions).
const AGE_WEIGHTS = cumulativeFor(AGE_BANDS, { '0-17': 2, '18-24': 5, '25-34': 9, '35-44': 10, '45-54': 13, '55-64': 16, '65-74': 17, '75-84': 17, '85+': 11 });
const SEX_WEIGHTS = cumulativeFor(SEXES, { female: 60, male: 38.5, other: 0.5, not_known: 1 });
const ETHNIC_WEIGHTS = cumulativeFor(ETHNIC_GROUPS, { white: 80, mixed: 2.5, asian: 8, black: 4, other: 1.5, not_stated: 4 });

/** An empty table with room for `capacity` people. */
export function newPersonTable(capacity: number): PersonTable {
	return {
		n: 0,
		practice: new Int32Array(capacity),
		age: new Int8Array(capacity),
		sex: new Int8Array(capacity),
		ethnic: new Int8Array(capacity),
		imd: new Int8Array(capacity)
	};
}

/**
 * Draw the demographics of person `i` registered at a practice whose population centres on
 * IMD decile `imdCentre`. Referral shifts the mix towards the more deprived.
 */
export function drawPerson(rng: Random, people: PersonTable, i: number, practice: number, imdCentre: number): void {
	people.practice[i] = practice;
	people.age[i] = rng.chance(0.005) ? -1 : rng.pick(AGE_WEIGHTS);
	people.sex[i] = rng.chance(0.005) ? -1 : rng.pick(SEX_WEIGHTS);
	people.ethnic[i] = rng.chance(0.03) ? -1 : rng.pick(ETHNIC_WEIGHTS);
	people.imd[i] = rng.chance(0.02) ? -1 : Math.min(10, Math.max(1, Math.round(imdCentre - 0.8 + 2 * rng.normal())));
}

/** Copy the practice and demographics of one person to another (matching a comparison person). */
export function copyPerson(from: PersonTable, i: number, to: PersonTable, j: number): void {
	to.practice[j] = from.practice[i]!;
	to.age[j] = from.age[i]!;
	to.sex[j] = from.sex[i]!;
	to.ethnic[j] = from.ethnic[i]!;
	to.imd[j] = from.imd[i]!;
}
