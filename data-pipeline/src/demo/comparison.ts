/**
 * The matched comparison cohort: for a random half of referred people, one person at the same
 * practice with the same age band, sex, ethnic group and IMD decile who was not referred,
 * indexed on a day in the month of the referred person's first referral. Their GP use is drawn
 * from the same model, spike and all, without the intervention effect.
 */
import { AGE_BANDS, ETHNIC_GROUPS, SEXES } from '../../../src/lib/schema/index.js';
import { daysInMonth, firstDayOfMonth, monthOfDay } from './calendar.js';
import { contractHeader, type DeliveryContext } from './context.js';
import { COMPARISON_SHARE } from './model.js';
import { copyPerson, newPersonTable, type PersonTable } from './people.js';
import { Random } from './random.js';
import type { Cohort } from './referrals.js';
import { CsvSink } from './sink.js';

const ORDER = ['person_id', 'practice_code', 'index_date', 'age_band', 'sex', 'ethnic_group', 'imd_decile'] as const;

/** Comparison people; their identifiers follow the referred people's. */
export interface ComparisonCohort {
	people: PersonTable;
	indexDay: Int32Array;
}

/** Match comparison people to a random share of referred people. */
export function buildComparison(cohort: Cohort, seed: number | string): ComparisonCohort {
	const rng = new Random(seed, 'comparison');
	const referred = cohort.people;
	const people = newPersonTable(referred.n);
	const indexDay = new Int32Array(referred.n);
	for (let i = 0; i < referred.n; i++) {
		if (!rng.chance(COMPARISON_SHARE)) continue;
		const j = people.n++;
		copyPerson(referred, i, people, j);
		const month = monthOfDay(cohort.referrals.day[cohort.firstReferral[i]!]!);
		indexDay[j] = firstDayOfMonth(month) + rng.int(0, daysInMonth(month) - 1);
	}
	return { people, indexDay };
}

/** Write comparison.csv. */
export async function writeComparison(ctx: DeliveryContext, comparison: ComparisonCohort): Promise<number> {
	const { faults, dates, ids, geo } = ctx;
	const { people, indexDay } = comparison;
	const offset = ctx.cohort.people.n;
	const sink = new CsvSink(`${ctx.dir}/comparison.csv`, contractHeader('comparison', ORDER));
	for (let j = 0; j < people.n; j++) {
		const uk = faults.ukDates('comparison');
		const messy = faults.messyEnums('comparison');
		const text = (v: string | undefined): string => (v === undefined ? '' : messy ? faults.messy('comparison', v) : v);
		const imd = people.imd[j]!;
		sink.row(
			[
				ids.person(offset + j),
				geo.practices[people.practice[j]!]!.code,
				uk ? dates.ukOf(indexDay[j]!) : dates.isoOf(indexDay[j]!),
				text(AGE_BANDS[people.age[j]!]),
				text(SEXES[people.sex[j]!]),
				text(ETHNIC_GROUPS[people.ethnic[j]!]),
				imd < 0 ? '' : String(imd)
			].join(',')
		);
		await sink.flushIfFull();
	}
	await sink.close();
	return sink.rows;
}
