/**
 * Why people are referred and who refers them. Needs are a bitmask over the schema's NEEDS
 * (a referral often has two or three); the mix shifts with age, as loneliness and long-term
 * conditions dominate in older people and money, housing and work in younger adults.
 */
import { AGE_BANDS, NEEDS, REFERRAL_SOURCES } from '../../../src/lib/schema/index.js';
import { cumulative, cumulativeFor, type Random } from './random.js';

type Need = (typeof NEEDS)[number];

const BASE_NEED_WEIGHTS: Record<Need, number> = {
	loneliness_isolation: 20,
	mental_wellbeing: 24,
	long_term_condition: 12,
	physical_activity: 6,
	healthy_weight: 4,
	smoking: 1.5,
	alcohol_drugs: 1.5,
	money_debt: 9,
	housing: 6,
	employment_education: 4,
	bereavement: 4,
	carer_support: 3,
	relationships: 3,
	other: 3
};

const OLDER: Partial<Record<Need, number>> = { loneliness_isolation: 2, long_term_condition: 1.6, bereavement: 1.6, employment_education: 0.1, money_debt: 0.6, housing: 0.6 };
const YOUNGER: Partial<Record<Need, number>> = { loneliness_isolation: 0.7, long_term_condition: 0.5, employment_education: 2, money_debt: 1.4, housing: 1.4, mental_wellbeing: 1.3 };

// One cumulative table per age band (index AGE_BANDS.length = age not recorded).
const NEED_TABLES: Float64Array[] = [...AGE_BANDS, 'unknown'].map((band) => {
	const tilt = band === '65-74' || band === '75-84' || band === '85+' ? OLDER : band === 'unknown' || band === '55-64' ? {} : YOUNGER;
	return cumulative(NEEDS.map((need) => BASE_NEED_WEIGHTS[need] * (tilt[need] ?? 1)));
});

const NEED_COUNT = cumulative([55, 30, 12, 3]);

const SOURCE_WEIGHTS = cumulativeFor(REFERRAL_SOURCES, { gp: 55, nurse_or_ahp: 10, other_primary_care: 8, secondary_care: 4, self: 8, vcse: 6, local_authority: 5, other: 4 });

/** Needs of a referral as a bitmask over NEEDS (0 = not recorded). `age` is an AGE_BANDS index or -1. */
export function drawNeeds(rng: Random, age: number): number {
	if (rng.chance(0.02)) return 0;
	const table = NEED_TABLES[age < 0 ? AGE_BANDS.length : age]!;
	const count = rng.pick(NEED_COUNT) + 1;
	let mask = 0;
	for (let k = 0; k < count; k++) mask |= 1 << rng.pick(table);
	return mask;
}

/** Referral source as an index into REFERRAL_SOURCES, or -1 when not recorded. */
export function drawSource(rng: Random): number {
	return rng.chance(0.03) ? -1 : rng.pick(SOURCE_WEIGHTS);
}

/** The `;`-separated needs text of a bitmask. */
export function needsText(mask: number): string {
	let text = '';
	for (let k = 0; k < NEEDS.length; k++) {
		if (mask & (1 << k)) text += text === '' ? NEEDS[k]! : `;${NEEDS[k]!}`;
	}
	return text;
}
