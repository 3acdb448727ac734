/**
 * Running sums of paired wellbeing change, overall and by practice and need, kept in typed
 * arrays while the rows are written. Change is follow-up minus baseline in raw score units
 * (SWEMWBS: raw sum); `pair_counts` holds every (baseline, follow-up) pair's count, so a test
 * can derive the mean change on any scale, such as SWEMWBS metric scores, exactly.
 */
import { MEASURES, NEEDS } from '../../../src/lib/schema/index.js';
import type { Geography } from './geography.js';
import { MEASURE_MODELS, NEED_EFFECT } from './model.js';

const M = MEASURES.length;

/** Mean change of a group of pairs: planted (expected before noise and rounding) and realised. */
export interface ChangeSummary {
	n_pairs: number;
	planted_mean_change: number | null;
	realised_mean_change: number | null;
	realised_sum_change: number;
}

/** Paired change tallies of one delivery. */
export class WellbeingTally {
	/** Taken-up referrals. */
	accepted = 0;
	/** Taken-up referrals with any baseline score. */
	withBaseline = 0;
	/** Taken-up referrals with at least one baseline/follow-up pair. */
	paired = 0;
	private readonly n = new Float64Array(M);
	private readonly sum = new Float64Array(M);
	private readonly expected = new Float64Array(M);
	private readonly clipped = new Float64Array(M);
	private readonly byPractice: Float64Array;
	private readonly byNeed = new Float64Array(NEEDS.length * M * 3);
	private readonly pairCounts = Array.from({ length: M }, () => new Map<string, number>());

	/** Tallies for a geography of `practices` practices. */
	constructor(practices: number) {
		this.byPractice = new Float64Array(practices * M * 3);
	}

	/** Record one referral's pair on measure `m` (index into MEASURES). */
	addPair(m: number, practice: number, needs: number, baseline: number, followUp: number, expected: number, clipped: boolean): void {
		const change = followUp - baseline;
		this.n[m]!++;
		this.sum[m]! += change;
		this.expected[m]! += expected;
		if (clipped) this.clipped[m]!++;
		add3(this.byPractice, (practice * M + m) * 3, change, expected);
		for (let k = 0; k < NEEDS.length; k++) if (needs & (1 << k)) add3(this.byNeed, (k * M + m) * 3, change, expected);
		const key = `${baseline}>${followUp}`;
		const counts = this.pairCounts[m]!;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}

	/** Record a taken-up referral that has scores. */
	addReferral(hasBaseline: boolean, paired: boolean): void {
		if (hasBaseline) this.withBaseline++;
		if (paired) this.paired++;
	}

	/** The truth for planted.json. */
	toJSON(geo: Geography): object {
		return {
			accepted_referrals: this.accepted,
			accepted_with_baseline: this.withBaseline,
			accepted_paired: this.paired,
			paired_share_of_accepted: this.accepted ? this.paired / this.accepted : null,
			note: 'change = follow-up minus baseline in raw score units (SWEMWBS raw sum 7-35); planted = mean expected change of the same pairs before noise, rounding and clipping',
			measures: MEASURES.map((spec, m) => ({
				instrument: spec.instrument,
				measure: spec.measure,
				planted_change: MEASURE_MODELS[m]!.planted_change,
				...summary(this.n[m]!, this.sum[m]!, this.expected[m]!),
				clipped_share: this.n[m] ? this.clipped[m]! / this.n[m]! : null,
				by_practice: Object.fromEntries(
					geo.practices.flatMap((practice, p) => {
						const i = (p * M + m) * 3;
						return this.byPractice[i] ? [[practice.code, summary(this.byPractice[i]!, this.byPractice[i + 1]!, this.byPractice[i + 2]!)]] : [];
					})
				),
				by_need: Object.fromEntries(
					NEEDS.flatMap((need, k) => {
						const i = (k * M + m) * 3;
						const s = summary(this.byNeed[i]!, this.byNeed[i + 1]!, this.byNeed[i + 2]!);
						return this.byNeed[i] ? [[need, { need_multiplier: NEED_EFFECT[need], ...s }]] : [];
					})
				),
				pair_counts: Object.fromEntries([...this.pairCounts[m]!.entries()].sort(([a], [b]) => a.localeCompare(b)))
			}))
		};
	}
}

function add3(a: Float64Array, i: number, change: number, expected: number): void {
	a[i]!++;
	a[i + 1]! += change;
	a[i + 2]! += expected;
}

function summary(n: number, sum: number, expected: number): ChangeSummary {
	return {
		n_pairs: n,
		planted_mean_change: n ? expected / n : null,
		realised_mean_change: n ? sum / n : null,
		realised_sum_change: sum
	};
}
