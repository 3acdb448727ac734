/**
 * referrals.csv. With --dirty it is written as a Windows GP-system export would be:
 * Windows-1252, CRLF, an extra `team_name` column (accents, curly apostrophes, a few quoted
 * values with commas and line breaks), some UK dates and untidy enumerations; faults go only
 * on referrals nothing else refers to (not taken up, never contacted), so no contact, score or
 * signposting row is orphaned by a reject.
 */
import { AGE_BANDS, ETHNIC_GROUPS, REFERRAL_SOURCES, REFERRAL_STATUSES, SEXES } from '../../../src/lib/schema/index.js';
import { dayOf } from './calendar.js';
import { contractHeader, type DeliveryContext } from './context.js';
import { csvField } from './csv.js';
import { FAULT_RATE } from './dirty.js';
import { needsText } from './needs.js';
import { isAccepted } from './referrals.js';
import { CsvSink } from './sink.js';

const ORDER = [
	'referral_id',
	'person_id',
	'practice_code',
	'referral_date',
	'referral_source',
	'needs',
	'age_band',
	'sex',
	'ethnic_group',
	'imd_decile',
	'status',
	'first_contact_date',
	'discharge_date'
] as const;
const COL = Object.fromEntries(ORDER.map((c, i) => [c, i])) as Record<(typeof ORDER)[number], number>;

const TEAMS = ['Zoë’s team', 'Équipe Brontë', 'Renée & José', 'North Locality Hub', 'Café ‘Connect’ team', 'Chloë and Siân', 'Orchard Community Team'];
const AWKWARD_TEAMS = ['Zoë’s team, Ward 3', 'Orchard team\n(covering Brontë ward)', 'The "Hub" team, east', 'Renée & José,\nHigh Street annex'];

const INVALID_ENUMS: readonly [number, string][] = [
	[COL.status, 'pending'],
	[COL.sex, 'F'],
	[COL.age_band, '90+'],
	[COL.referral_source, 'GP surgery'],
	[COL.needs, 'lonely;housing'],
	[COL.ethnic_group, 'white british']
];
// A year before the contract's earliest referral date (2018-04-01).
const BEFORE_2018 = dayOf('2017-04-01');
const IMPOSSIBLE_DATES = ['31/02/2025', '2025-02-30', '2025-13-01', '29/02/2025', '31/04/2024'];

/** Write referrals.csv; marks planted faulty referrals in `ctx.rejected`. */
export async function writeReferrals(ctx: DeliveryContext): Promise<number> {
	const { cohort, geo, ids, dates, faults } = ctx;
	const refs = cohort.referrals;
	const dirty = faults.enabled;
	const header = contractHeader('referrals', ORDER);
	if (dirty) {
		header[COL.referral_id] = 'Referral_ID';
		header[COL.status] = ' Status';
		header.splice(COL.practice_code + 1, 0, 'team_name');
	}
	const sink = new CsvSink(`${ctx.dir}/referrals.csv`, header, dirty ? { eol: '\r\n', encoding: 'windows-1252' } : {});

	let eligible = 0;
	for (let r = 0; r < refs.n; r++) if (faultable(ctx, r)) eligible++;
	const rate = eligible > 0 ? Math.min(1, (FAULT_RATE * refs.n) / eligible) : 0;
	const practiceCodes = new Set(geo.practices.map((p) => p.code));
	const rng = faults.rng('referrals');

	for (let r = 0; r < refs.n; r++) {
		const uk = faults.ukDates('referrals');
		const messy = faults.messyEnums('referrals');
		const date = (day: number): string => (day < 0 ? '' : uk ? dates.ukOf(day) : dates.isoOf(day));
		const enumText = (value: string | undefined): string => (value === undefined ? '' : messy ? faults.messy('referrals', value) : value);
		const person = refs.person[r]!;
		const imd = cohort.people.imd[person]!;
		const f = [
			ids.referral(r),
			ids.person(person),
			geo.practices[refs.practice[r]!]!.code,
			date(refs.day[r]!),
			enumText(REFERRAL_SOURCES[refs.source[r]!]),
			needsText(refs.needs[r]!),
			enumText(AGE_BANDS[cohort.people.age[person]!]),
			enumText(SEXES[cohort.people.sex[person]!]),
			enumText(ETHNIC_GROUPS[cohort.people.ethnic[person]!]),
			imd < 0 ? '' : String(imd),
			enumText(REFERRAL_STATUSES[refs.status[r]!]),
			date(refs.firstContact[r]!),
			date(refs.discharge[r]!)
		];
		const kind = faultable(ctx, r) && faults.plant('referrals', rate) ? faults.kind('referrals') : undefined;
		let duplicate: string[] | undefined;
		switch (kind) {
			case undefined:
				break;
			case 'duplicate_referral_id':
				// A record sent twice, the second time after a status change: the repeat is the reject.
				duplicate = [...f];
				duplicate[COL.status] = 'closed_other';
				break;
			case 'unknown_practice': {
				let code: string;
				do code = `${f[COL.practice_code]![0]}${String(rng.int(0, 99_999)).padStart(5, '0')}`;
				while (practiceCodes.has(code));
				f[COL.practice_code] = code;
				break;
			}
			case 'invalid_enum': {
				const [col, value] = INVALID_ENUMS[rng.int(0, INVALID_ENUMS.length - 1)]!;
				f[col] = value;
				break;
			}
			case 'out_of_range':
				f[COL.imd_decile] = rng.chance(0.5) ? '0' : '11';
				break;
			case 'impossible_date':
				f[COL.referral_date] = IMPOSSIBLE_DATES[rng.int(0, IMPOSSIBLE_DATES.length - 1)]!;
				break;
			case 'referral_before_2018':
				f[COL.referral_date] = date(BEFORE_2018 + rng.int(0, 360));
				break;
			case 'first_contact_before_referral':
				f[COL.first_contact_date] = date(refs.day[r]! - rng.int(1, 20));
				break;
		}
		if (kind !== undefined && kind !== 'duplicate_referral_id') ctx.rejected[r] = 1;
		for (const fields of duplicate ? [f, duplicate] : [f]) {
			if (dirty) {
				const team = rng.chance(0.01) ? AWKWARD_TEAMS[rng.int(0, AWKWARD_TEAMS.length - 1)]! : TEAMS[refs.practice[r]! % TEAMS.length]!;
				fields.splice(COL.practice_code + 1, 0, csvField(team));
			}
			sink.row(fields.join(','));
		}
		await sink.flushIfFull();
	}
	await sink.close();
	return sink.rows;
}

/** Referrals a fault may go on: not taken up and never contacted, so nothing else points at them. */
function faultable(ctx: DeliveryContext, r: number): boolean {
	const refs = ctx.cohort.referrals;
	return !isAccepted(refs.status[r]!) && refs.firstContact[r]! < 0;
}
