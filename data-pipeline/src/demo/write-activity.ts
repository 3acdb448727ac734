/**
 * contacts.csv and signposting.csv: the link worker's contacts with each person who was
 * reached, and the community activities they were pointed to. Taken-up referrals have a first
 * contact on their first contact date and more until discharge; a declined referral may have
 * the one call in which it was declined.
 */
import { ACTIVITIES, ATTENDED, CONTACT_MODES, NEEDS, PROVIDER_TYPES } from '../../../src/lib/schema/index.js';
import { contractHeader, type DeliveryContext } from './context.js';
import { FAULT_RATE } from './dirty.js';
import { AS_AT_DAY } from './period.js';
import { cumulativeFor, Random } from './random.js';
import { isAccepted } from './referrals.js';
import { CsvSink } from './sink.js';

type Activity = (typeof ACTIVITIES)[number];

const CONTACT_ORDER = ['contact_id', 'referral_id', 'contact_date', 'mode', 'duration_minutes'] as const;
const SIGNPOST_ORDER = ['referral_id', 'signpost_date', 'activity', 'provider_type', 'attended'] as const;

const MODE_WEIGHTS = cumulativeFor(CONTACT_MODES, { face_to_face: 40, telephone: 35, video: 5, home_visit: 10, group: 7, other: 3 });
// Typical length in minutes by mode: [shortest, longest].
const MODE_MINUTES: Record<(typeof CONTACT_MODES)[number], [number, number]> = {
	face_to_face: [30, 75],
	telephone: [10, 40],
	video: [20, 50],
	home_visit: [45, 90],
	group: [60, 120],
	other: [15, 60]
};
const ATTENDED_WEIGHTS = cumulativeFor(ATTENDED, { yes: 60, no: 25, unknown: 15 });
const PROVIDER_WEIGHTS = cumulativeFor(PROVIDER_TYPES, { vcse: 65, statutory: 20, private: 8, other: 7 });

/** Activities that suit each need; a referral's signposts are drawn from its needs. */
const ACTIVITIES_FOR_NEED: Record<(typeof NEEDS)[number], Activity[]> = {
	loneliness_isolation: ['befriending_social_groups', 'arts_creativity', 'heritage_history', 'dance_movement'],
	mental_wellbeing: ['mental_health_support', 'nature_gardening', 'arts_creativity'],
	long_term_condition: ['physical_activity', 'befriending_social_groups'],
	physical_activity: ['physical_activity', 'dance_movement', 'nature_gardening'],
	healthy_weight: ['physical_activity', 'dance_movement'],
	smoking: ['other'],
	alcohol_drugs: ['mental_health_support', 'other'],
	money_debt: ['advice_money_debt'],
	housing: ['housing_support', 'advice_money_debt'],
	employment_education: ['learning_employment'],
	bereavement: ['befriending_social_groups', 'mental_health_support'],
	carer_support: ['carers_support'],
	relationships: ['mental_health_support', 'befriending_social_groups'],
	other: ['other']
};

const BAD_MODES = ['in person', 'phone call', 'F2F'];
const BAD_SIGNPOSTS: readonly [number, string][] = [
	[2, 'gym'],
	[2, 'foodbank'],
	[3, 'charity'],
	[4, 'maybe']
];
const IMPOSSIBLE_DATES = ['30/02/2024', '2024-02-30', '2025-04-31', '31/09/2025'];

/** Write contacts.csv and signposting.csv; returns their row counts. */
export async function writeActivity(ctx: DeliveryContext): Promise<{ contacts: number; signposting: number }> {
	const { cohort, ids, dates, faults } = ctx;
	const refs = cohort.referrals;
	const contacts = new CsvSink(`${ctx.dir}/contacts.csv`, contractHeader('contacts', CONTACT_ORDER));
	const signposts = new CsvSink(`${ctx.dir}/signposting.csv`, contractHeader('signposting', SIGNPOST_ORDER));
	const rng = new Random(ctx.seed, 'contacts');
	const srng = new Random(ctx.seed, 'signposting');
	const cf = faults.rng('contacts');
	const sf = faults.rng('signposting');
	const days = new Int32Array(16);
	let contactIndex = 0;

	for (let r = 0; r < refs.n; r++) {
		const first = refs.firstContact[r]!;
		if (first < 0) continue;
		const referralDay = refs.day[r]!;
		const referralId = ids.referral(r);
		const accepted = isAccepted(refs.status[r]!);
		const end = refs.discharge[r]! >= 0 ? refs.discharge[r]! : Math.min(first + 120, AS_AT_DAY);
		const n = accepted ? 1 + Math.min(11, rng.poisson(3)) : 1;
		days[0] = first;
		for (let k = 1; k < n; k++) days[k] = first + rng.int(1, Math.max(1, end - first));
		days.subarray(1, n).sort();

		for (let k = 0; k < n; k++) {
			const uk = faults.ukDates('contacts');
			const mode = accepted ? (rng.chance(0.03) ? -1 : rng.pick(MODE_WEIGHTS)) : CONTACT_MODES.indexOf('telephone');
			const modeName = CONTACT_MODES[mode];
			const [lo, hi] = modeName ? MODE_MINUTES[modeName] : [15, 45];
			const minutes = accepted ? (rng.chance(0.05) ? '' : String(rng.int(lo, hi))) : String(rng.int(5, 20));
			const f = [
				ids.contact(contactIndex++),
				referralId,
				uk ? dates.ukOf(days[k]!) : dates.isoOf(days[k]!),
				modeName === undefined ? '' : faults.messyEnums('contacts') ? faults.messy('contacts', modeName) : modeName,
				minutes
			];
			if (faults.plant('contacts', FAULT_RATE)) {
				switch (faults.kind('contacts')) {
					case 'invalid_enum':
						f[3] = BAD_MODES[cf.int(0, BAD_MODES.length - 1)]!;
						break;
					case 'impossible_date':
						f[2] = IMPOSSIBLE_DATES[cf.int(0, IMPOSSIBLE_DATES.length - 1)]!;
						break;
					case 'out_of_range':
						f[4] = ['0', '481', '600'][cf.int(0, 2)]!;
						break;
					case 'contact_before_referral':
						f[2] = dates.isoOf(referralDay - cf.int(1, 30));
						break;
				}
			}
			contacts.row(f.join(','));
		}
		if (accepted) writeSignposts(ctx, srng, sf, signposts, r, first, end);
		await contacts.flushIfFull();
		await signposts.flushIfFull();
	}
	await contacts.close();
	await signposts.close();
	return { contacts: contacts.rows, signposting: signposts.rows };
}

function writeSignposts(ctx: DeliveryContext, rng: Random, faultRng: Random, sink: CsvSink, r: number, first: number, end: number): void {
	const { cohort, dates, faults, ids } = ctx;
	const needs = cohort.referrals.needs[r]!;
	const count = Math.min(4, rng.poisson(1.3));
	const chosen = new Set<Activity>();
	for (let k = 0; k < count; k++) {
		const need = needs === 0 ? -1 : pickBit(rng, needs);
		const options = need < 0 ? ACTIVITIES : ACTIVITIES_FOR_NEED[NEEDS[need]!];
		chosen.add(options[rng.int(0, options.length - 1)]!);
	}
	for (const activity of chosen) {
		const day = first + rng.int(0, Math.min(60, Math.max(0, end - first)));
		// Whether someone went is often not known yet for recent signposts.
		const attended = AS_AT_DAY - day < 21 ? 'unknown' : rng.chance(0.1) ? '' : ATTENDED[rng.pick(ATTENDED_WEIGHTS)]!;
		const messy = faults.messyEnums('signposting');
		const text = (v: string): string => (messy ? faults.messy('signposting', v) : v);
		const f = [ids.referral(r), dates.isoOf(day), text(activity), rng.chance(0.05) ? '' : text(PROVIDER_TYPES[rng.pick(PROVIDER_WEIGHTS)]!), text(attended)];
		if (faults.plant('signposting', FAULT_RATE)) {
			switch (faults.kind('signposting')) {
				case 'invalid_enum': {
					const [col, value] = BAD_SIGNPOSTS[faultRng.int(0, BAD_SIGNPOSTS.length - 1)]!;
					f[col] = value;
					break;
				}
				case 'impossible_date':
					f[1] = IMPOSSIBLE_DATES[faultRng.int(0, IMPOSSIBLE_DATES.length - 1)]!;
					break;
				case 'signpost_before_referral':
					f[1] = dates.isoOf(cohort.referrals.day[r]! - faultRng.int(1, 30));
					break;
			}
		}
		sink.row(f.join(','));
	}
}


/** A random set bit of a non-zero mask. */
function pickBit(rng: Random, mask: number): number {
	let bits = 0;
	for (let m = mask; m; m &= m - 1) bits++;
	let k = rng.int(0, bits - 1);
	for (let b = 0; ; b++) if (mask & (1 << b) && k-- === 0) return b;
}
