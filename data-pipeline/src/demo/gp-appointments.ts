/**
 * gp_appointments.csv, the biggest file (tens of millions of rows at a million referrals), so
 * this loop works on typed arrays and lookup strings only. A person's monthly count is
 * Poisson(stable rate x season x spike around each referral x intervention effect): the stable
 * rate varies between people (gamma) and with age and deprivation; use spikes in the months
 * before referral and falls back after it (regression to the mean); taken-up referrals then
 * lose a planted share of appointments for 12 months. Comparison people get the same spike
 * around their index month and no effect. Rows cover 12-18 months either side of a person's
 * referrals (to the end of the extract); some people have gaps, which mean "unknown".
 */
import { AGE_BANDS } from '../../../src/lib/schema/index.js';
import { monthOfDay, monthText } from './calendar.js';
import type { ComparisonCohort } from './comparison.js';
import { contractHeader, type DeliveryContext } from './context.js';
import { DidTally } from './did-tally.js';
import { FAULT_RATE } from './dirty.js';
import { GP_MODEL } from './model.js';
import type { PersonTable } from './people.js';
import { GP_EXTRA_MONTHS, GP_FIRST_MONTH, GP_LAST_MONTH, GP_MONTHS_AFTER, GP_MONTHS_BEFORE } from './period.js';
import { Random } from './random.js';
import { isAccepted } from './referrals.js';
import { CsvSink } from './sink.js';

const ORDER = ['person_id', 'month', 'appointments'] as const;
const MAX_APPOINTMENTS = 60;
const AGE_FACTOR: Record<(typeof AGE_BANDS)[number], number> = {
	'0-17': 0.6,
	'18-24': 0.6,
	'25-34': 0.7,
	'35-44': 0.8,
	'45-54': 0.9,
	'55-64': 1,
	'65-74': 1.15,
	'75-84': 1.35,
	'85+': 1.5
};
const AGE_FACTORS = AGE_BANDS.map((band) => AGE_FACTOR[band]);
const SPIKE_FROM = -4;
const SPIKE = Array.from({ length: 8 }, (_, k) => GP_MODEL.spike[String(SPIKE_FROM + k)] ?? 0);
const MAX_SPAN = GP_LAST_MONTH - GP_FIRST_MONTH + 1;
// Faults go only on months more than a year from every index month, outside any DiD window.
const FAULT_SAFE_DISTANCE = 12;
const COMPARISON = ['comparison'] as const;
const REFERRED_ACCEPTED = ['referred', 'accepted'] as const;
const REFERRED_NOT_ACCEPTED = ['referred', 'not_accepted'] as const;
const BAD_COUNTS = ['61', '99', '-1'];
const BAD_MONTHS = ['2025-13', '2024/07', 'Jul-2025', '2025-00'];

/** Write gp_appointments.csv for referred and comparison people; returns rows and the DiD tally. */
export async function writeGpAppointments(ctx: DeliveryContext, comparison: ComparisonCohort): Promise<{ rows: number; did: DidTally }> {
	const { cohort, faults, ids } = ctx;
	const refs = cohort.referrals;
	const sink = new CsvSink(`${ctx.dir}/gp_appointments.csv`, contractHeader('gp_appointments', ORDER));
	const rng = new Random(ctx.seed, 'gp-appointments');
	const frng = faults.rng('gp_appointments');
	const did = new DidTally();
	const monthCells = Array.from({ length: MAX_SPAN }, (_, k) => `${monthText(GP_FIRST_MONTH + k)},`);
	const countCells = Array.from({ length: MAX_APPOINTMENTS + 1 }, (_, k) => `${k}\n`);
	const season = Array.from({ length: MAX_SPAN }, (_, k) => GP_MODEL.season[(GP_FIRST_MONTH + k) % 12]!);
	const counts = new Int16Array(MAX_SPAN + 2 * GP_EXTRA_MONTHS);
	const present = new Uint8Array(counts.length);
	const removed = new Float64Array(counts.length);
	const index = [0, 0];
	const accepted = [false, false];
	const referral = [0, 0];
	const total = cohort.people.n + comparison.people.n;
	const step = Math.max(1, Math.floor(total / 10));

	for (let person = 0; person < total; person++) {
		const isComparison = person >= cohort.people.n;
		let table: PersonTable;
		let row: number;
		let indexes: number;
		if (isComparison) {
			row = person - cohort.people.n;
			table = comparison.people;
			index[0] = monthOfDay(comparison.indexDay[row]!);
			accepted[0] = false;
			indexes = 1;
		} else {
			row = person;
			table = cohort.people;
			referral[0] = cohort.firstReferral[person]!;
			referral[1] = cohort.secondReferral[person]!;
			indexes = referral[1] >= 0 ? 2 : 1;
			for (let k = 0; k < indexes; k++) {
				index[k] = monthOfDay(refs.day[referral[k]!]!);
				accepted[k] = isAccepted(refs.status[referral[k]!]!);
			}
		}
		const age = table.age[row]!;
		const imd = table.imd[row]!;
		const rate =
			GP_MODEL.base_monthly_rate *
			(age < 0 ? 1 : AGE_FACTORS[age]!) *
			(imd < 0 ? 1 : 1 + 0.04 * (5.5 - imd)) *
			rng.gamma(GP_MODEL.person_gamma_shape, 1 / GP_MODEL.person_gamma_shape);
		const first = index[0]!;
		const last = index[indexes - 1]!;
		let start = first - GP_MONTHS_BEFORE - rng.int(0, GP_EXTRA_MONTHS);
		let end = Math.min(GP_LAST_MONTH, last + GP_MONTHS_AFTER + rng.int(0, GP_EXTRA_MONTHS));
		let holes = 0;
		if (rng.chance(GP_MODEL.gap_share)) {
			const kind = rng.int(0, 2);
			if (kind === 0) start = Math.max(start, first - rng.int(1, 11)); // registered shortly before referral
			else if (kind === 1) end = Math.min(end, last + rng.int(1, 11)); // left the practice
			else holes = rng.int(1, 3); // months missing from the extract
		}
		const length = end - start + 1;
		present.fill(1, 0, length);
		for (let h = 0; h < holes; h++) present[rng.int(0, length - 1)] = 0;

		const prefix = `${ids.person(person)},`;
		let text = '';
		let rows = 0;
		for (let k = 0; k < length; k++) {
			if (!present[k]) continue;
			const month = start + k;
			let expected = rate * season[month - GP_FIRST_MONTH]!;
			let effect = 1;
			let safe = true;
			for (let i = 0; i < indexes; i++) {
				const offset = month - index[i]!;
				if (offset >= SPIKE_FROM && offset < SPIKE_FROM + SPIKE.length) expected *= 1 + SPIKE[offset - SPIKE_FROM]!;
				if (accepted[i] && offset >= 1 && offset <= GP_MODEL.effect_months) effect = 1 - GP_MODEL.relative_reduction;
				if (offset <= FAULT_SAFE_DISTANCE && offset >= -FAULT_SAFE_DISTANCE) safe = false;
			}
			const count = Math.min(MAX_APPOINTMENTS, rng.poisson(expected * effect));
			counts[k] = count;
			removed[k] = expected * (1 - effect);
			rows++;
			if (safe && faults.plant('gp_appointments', 6 * FAULT_RATE)) {
				// A rejected row leaves the month unknown, as the pipeline will see it.
				present[k] = 0;
				const bad = faults.kind('gp_appointments') === 'out_of_range';
				text += `${prefix}${bad ? monthCells[month - GP_FIRST_MONTH] + BAD_COUNTS[frng.int(0, 2)]! : `${BAD_MONTHS[frng.int(0, 3)]!},${count}`}\n`;
			} else {
				text += prefix + monthCells[month - GP_FIRST_MONTH]! + countCells[count]!;
			}
		}
		sink.raw(text, rows);
		for (let i = 0; i < indexes; i++) {
			const groups = isComparison ? COMPARISON : accepted[i] ? REFERRED_ACCEPTED : REFERRED_NOT_ACCEPTED;
			if (isComparison || !ctx.rejected[referral[i]!]) did.add(groups, index[i]! - start, length, counts, present, removed);
		}
		if ((person & 255) === 0) await sink.flushIfFull();
		if (total > 100_000 && person % step === 0 && person > 0) ctx.log(`gp_appointments: ${Math.round((100 * person) / total)}% of people`);
	}
	await sink.close();
	return { rows: sink.rows, did };
}
