/**
 * wellbeing.csv and the truth about it. About half of taken-up referrals have a baseline near
 * referral and a follow-up 8-16 weeks later on their practice's instrument (mostly ONS4, all
 * four items), plus UCLA-3 for some lonely people. The change is planted: the measure's mean
 * change x the practice's multiplier x the mean multiplier of the referral's needs, plus noise,
 * rounded and kept in range. The realised mean change of the pairs is tallied as the rows are
 * written, so tests can demand exact agreement from the pipeline.
 */
import { INSTRUMENTS, MEASURES, NEEDS, TIMEPOINTS } from '../../../src/lib/schema/index.js';
import { contractHeader, type DeliveryContext } from './context.js';
import { FAULT_RATE } from './dirty.js';
import { BASELINE_ONLY_SHARE, MEASURE_MODELS, NEED_EFFECT, type MeasureModel } from './model.js';
import { Random } from './random.js';
import { isAccepted } from './referrals.js';
import { CsvSink } from './sink.js';
import { WellbeingTally } from './wellbeing-tally.js';

const ORDER = ['referral_id', 'assessment_date', 'instrument', 'measure', 'score', 'timepoint'] as const;

/** Measures of each instrument, as indexes into MEASURES (and MEASURE_MODELS, same order). */
const MEASURES_OF = INSTRUMENTS.map((instrument) => MEASURES.flatMap((m, i) => (m.instrument === instrument ? [i] : [])));
const UCLA3 = INSTRUMENTS.indexOf('ucla3');
const LONELINESS_BIT = 1 << NEEDS.indexOf('loneliness_isolation');
const NEED_MULTIPLIERS = NEEDS.map((n) => NEED_EFFECT[n]);

const BAD_SCORES: Record<string, string[]> = { ons4: ['11', '-1'], wemwbs: ['75', '12'], swemwbs: ['36', '5'], ucla3: ['10', '2'] };
const IMPOSSIBLE_DATES = ['31/11/2024', '2025-06-31', '30/02/2026'];

/** Write wellbeing.csv and return the tally of planted and realised change. */
export async function writeWellbeing(ctx: DeliveryContext): Promise<{ rows: number; tally: WellbeingTally }> {
	if (MEASURE_MODELS.some((m, i) => m.instrument !== MEASURES[i]?.instrument || m.measure !== MEASURES[i]?.measure)) {
		throw new Error('MEASURE_MODELS must list the schema MEASURES in the same order');
	}
	const { cohort, traits, faults, dates, ids } = ctx;
	const refs = cohort.referrals;
	const sink = new CsvSink(`${ctx.dir}/wellbeing.csv`, contractHeader('wellbeing', ORDER), { bom: faults.enabled });
	const rng = new Random(ctx.seed, 'wellbeing');
	const frng = faults.rng('wellbeing');
	const tally = new WellbeingTally(ctx.geo.practices.length);
	const baseline = new Int32Array(MEASURES.length);
	const followUp = new Int32Array(MEASURES.length);
	const expected = new Float64Array(MEASURES.length);

	for (let r = 0; r < refs.n; r++) {
		if (!isAccepted(refs.status[r]!)) continue;
		tally.accepted++;
		const p = refs.practice[r]!;
		const rid = ids.referral(r);
		const u = rng.next();
		const paired = u < traits.recording[p]!;
		if (!paired && u >= traits.recording[p]! + BASELINE_ONLY_SHARE) {
			if (faults.plant('wellbeing', 10 * FAULT_RATE)) sink.row(faultyRow(ctx, frng, r, rid));
			continue;
		}
		const instruments = [traits.instrument[p]!];
		if (refs.needs[r]! & LONELINESS_BIT && rng.chance(0.4)) instruments.push(UCLA3);
		const labelled = traits.labelsTimepoints[p] === 1 && rng.chance(0.9);
		const referralDay = refs.day[r]!;
		// Most baselines are taken at the first contact; some at the GP before referral, a few on the 30-day limit.
		const baseDay = rng.chance(0.1) ? referralDay - (rng.chance(0.1) ? 30 : rng.int(0, 14)) : refs.firstContact[r]! + rng.int(0, 7);
		const followDay = baseDay + rng.int(56, 112);
		const reviewDay = paired && rng.chance(labelled ? 0.1 : 0.05) ? baseDay + rng.int(21, 42) : -1;
		const effect = traits.effect[p]! * needMultiplier(refs.needs[r]!);
		const latent = rng.normal();

		const rows: string[] = [];
		const emit = (day: number, instrument: number, measure: number, score: number, timepoint: number): void => {
			const uk = faults.ukDates('wellbeing');
			const messy = faults.messyEnums('wellbeing');
			const text = (v: string): string => (messy ? faults.messy('wellbeing', v) : v);
			rows.push(
				`${rid},${uk ? dates.ukOf(day) : dates.isoOf(day)},${text(INSTRUMENTS[instrument]!)},${MEASURES[measure]!.measure},${score},${labelled ? text(TIMEPOINTS[timepoint]!) : ''}`
			);
		};
		for (const instrument of instruments) {
			const measures = MEASURES_OF[instrument]!;
			// ONS4 follow-ups now and then miss one item.
			const skipped = paired && measures.length > 1 && rng.chance(0.03) ? measures[rng.int(0, measures.length - 1)]! : -1;
			for (const m of measures) {
				const model = MEASURE_MODELS[m]!;
				const spec = MEASURES[m]!;
				const loading = spec.higher_is_better ? 0.7 : -0.7;
				baseline[m] = clampRound(model.baseline_mean + model.baseline_sd * (loading * latent + 0.714 * rng.normal()), spec.min, spec.max);
				expected[m] = model.planted_change * effect;
				const raw = baseline[m]! + expected[m]! + model.noise_sd * rng.normal();
				followUp[m] = clampRound(raw, spec.min, spec.max);
				if (paired && m !== skipped) tally.addPair(m, p, refs.needs[r]!, baseline[m]!, followUp[m]!, expected[m]!, raw < spec.min - 0.5 || raw > spec.max + 0.5);
			}
			for (const m of measures) emit(baseDay, instrument, m, baseline[m]!, 0);
			// An item missing at follow-up is missing at review too: unlabelled, a review would count as the follow-up.
			if (reviewDay >= 0) for (const m of measures) if (m !== skipped) emit(reviewDay, instrument, m, reviewScore(rng, MEASURE_MODELS[m]!, baseline[m]!, expected[m]!, m), 1);
			if (paired) for (const m of measures) if (m !== skipped) emit(followDay, instrument, m, followUp[m]!, 2);
		}
		tally.addReferral(true, paired);
		for (const row of rows) sink.row(row);
		await sink.flushIfFull();
	}
	await sink.close();
	return { rows: sink.rows, tally };
}

/** The mean of the referral's needs' multipliers (1 when no need is recorded). */
function needMultiplier(needs: number): number {
	let sum = 0;
	let count = 0;
	for (let k = 0; k < NEEDS.length; k++) {
		if (needs & (1 << k)) {
			sum += NEED_MULTIPLIERS[k]!;
			count++;
		}
	}
	return count === 0 ? 1 : sum / count;
}

function reviewScore(rng: Random, model: MeasureModel, baseline: number, expected: number, m: number): number {
	const spec = MEASURES[m]!;
	return clampRound(baseline + 0.5 * expected + model.noise_sd * rng.normal(), spec.min, spec.max);
}

/** A score rounded to a whole number within its range. */
function clampRound(x: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, Math.round(x)));
}

/** The one faulty score of a referral that has no other scores, so no pair is touched. */
function faultyRow(ctx: DeliveryContext, rng: Random, r: number, rid: string): string {
	const refs = ctx.cohort.referrals;
	const instrument = INSTRUMENTS[ctx.traits.instrument[refs.practice[r]!]!]!;
	const m = MEASURES.find((x) => x.instrument === instrument)!;
	let date = ctx.dates.isoOf(refs.firstContact[r]!);
	let score = String(rng.int(m.min, m.max));
	let fields = `${instrument},${m.measure}`;
	let timepoint = 'baseline';
	switch (ctx.faults.kind('wellbeing')) {
		case 'out_of_range':
			score = BAD_SCORES[instrument]![rng.int(0, 1)]!;
			break;
		case 'invalid_enum':
			[fields, timepoint] = [
				[`ons-4,${m.measure}`, timepoint],
				[`${instrument},lifesat`, timepoint],
				[fields, 'post'],
				[`warwick,total`, timepoint]
			][rng.int(0, 3)] as [string, string];
			break;
		case 'impossible_date':
			date = IMPOSSIBLE_DATES[rng.int(0, IMPOSSIBLE_DATES.length - 1)]!;
			break;
		case 'assessment_too_early':
			date = ctx.dates.isoOf(refs.day[r]! - rng.int(31, 90));
			break;
	}
	return `${rid},${date},${fields},${score},${timepoint}`;
}
