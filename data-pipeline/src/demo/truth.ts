/**
 * `truth/planted.json`: what a test needs to check that the pipeline recovers what was
 * planted: the run's parameters, the period, the model, realised rates, the planted and
 * realised wellbeing change and GP difference-in-differences, and the faults of --dirty.
 */
import { EXPORT_FORMAT_VERSION, INSTRUMENTS, REFERRAL_STATUSES } from '../../../src/lib/schema/index.js';
import { isoDate, monthText } from './calendar.js';
import type { DeliveryContext } from './context.js';
import type { DidTally } from './did-tally.js';
import { FAULT_RATE } from './dirty.js';
import { ACCEPTANCE_TARGET, COMPARISON_SHARE, GP_MODEL, PAIRED_TARGET, REPEAT_MIN_GAP_MONTHS, REPEAT_REFERRAL_SHARE } from './model.js';
import { AS_AT_DAY, GP_FIRST_MONTH, GP_LAST_MONTH, REFERRAL_FIRST_DAY, REFERRAL_LAST_DAY, REFERRAL_MONTHS } from './period.js';
import { isAccepted } from './referrals.js';
import type { WellbeingTally } from './wellbeing-tally.js';

/** What the writers report back, for the truth file. */
export interface WriteResults {
	parameters: { referrals: number; seed: number | string; dirty: boolean; reference: string | null; icb: string | null };
	rows: Record<string, number>;
	comparisonPeople: number;
	wellbeing: WellbeingTally;
	did: DidTally;
}

/** Build the planted.json object. */
export function plantedTruth(ctx: DeliveryContext, results: WriteResults): object {
	const { cohort, geo, traits, faults } = ctx;
	const refs = cohort.referrals;
	const years = REFERRAL_MONTHS / 12;
	const perPractice = new Float64Array(geo.practices.length);
	const statusCounts = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as Record<string, number>;
	let loaded = 0;
	let accepted = 0;
	let repeats = 0;
	for (let r = 0; r < refs.n; r++) {
		perPractice[refs.practice[r]!]!++;
		if (ctx.rejected[r]) continue;
		loaded++;
		statusCounts[REFERRAL_STATUSES[refs.status[r]!]!]!++;
		if (isAccepted(refs.status[r]!)) accepted++;
	}
	for (let i = 0; i < cohort.people.n; i++) if (cohort.secondReferral[i]! >= 0) repeats++;
	const rates = geo.practices.map((p, i) => (100 * perPractice[i]!) / p.listSize / years);

	return {
		generator: 'signpost demo-data',
		export_format_version: EXPORT_FORMAT_VERSION,
		seed: results.parameters.seed,
		parameters: results.parameters,
		period: {
			referral_first_date: isoDate(REFERRAL_FIRST_DAY),
			referral_last_date: isoDate(REFERRAL_LAST_DAY),
			financial_years: ['2023/24', '2024/25', '2025/26'],
			as_at_date: isoDate(AS_AT_DAY),
			gp_first_month: monthText(GP_FIRST_MONTH),
			gp_last_month: monthText(GP_LAST_MONTH)
		},
		geography: {
			source: geo.source,
			icb_code: geo.icbCode,
			icb_name: geo.icbName,
			practices: geo.practices.length,
			pcns: geo.pcns.length,
			unallocated_practices: geo.practices.filter((p) => p.pcn < 0).length,
			registered_patients: geo.practices.reduce((a, p) => a + p.listSize, 0)
		},
		rows_written: results.rows,
		referrals: {
			note: 'counts over referrals the pipeline should load (planted faulty rows excluded)',
			generated: refs.n,
			loaded,
			people: cohort.people.n,
			repeat_referrals: repeats,
			repeat_model: { share_when_eligible: REPEAT_REFERRAL_SHARE, min_gap_months: REPEAT_MIN_GAP_MONTHS },
			accepted,
			acceptance_target: ACCEPTANCE_TARGET,
			acceptance_share: loaded ? accepted / loaded : null,
			status_counts: statusCounts,
			referral_rate_percent_of_list_per_year: { min: Math.min(...rates), max: Math.max(...rates), mean: rates.reduce((a, b) => a + b, 0) / rates.length }
		},
		wellbeing: { paired_target: PAIRED_TARGET, ...results.wellbeing.toJSON(geo) },
		gp_appointments: {
			note: 'avoided = appointments in the W months before the index month minus the W months after (index month excluded), people covered for all 2W months; DiD = mean avoided (referred group) - mean avoided (comparison); planted = expected appointments the intervention removed in those windows',
			model: GP_MODEL,
			comparison_share: COMPARISON_SHARE,
			comparison_people: results.comparisonPeople,
			did: results.did.toJSON()
		},
		practices: geo.practices.map((p, i) => ({
			code: p.code,
			pcn_code: p.pcn < 0 ? 'U' : geo.pcns[p.pcn]!.code,
			list_size: p.listSize,
			referrals: perPractice[i],
			referral_rate_percent_per_year: rates[i],
			acceptance_probability: traits.acceptance[i],
			paired_probability: traits.recording[i],
			wellbeing_instrument: INSTRUMENTS[traits.instrument[i]!],
			labels_timepoints: traits.labelsTimepoints[i] === 1,
			wellbeing_effect_multiplier: traits.effect[i]
		})),
		faults: {
			enabled: faults.enabled,
			target_rate: faults.enabled ? FAULT_RATE : 0,
			note: 'every planted faulty row has exactly one fault and should be rejected; awkward rows (UK dates, mixed-case enums with spaces, Windows-1252, CRLF, BOM, unknown column team_name) must load',
			rejected_rows: Object.fromEntries(Object.keys(faults.counts).map((f) => [f, faults.total(f as keyof typeof faults.counts)])),
			by_kind: faults.counts,
			awkward_rows: faults.awkward
		}
	};
}
