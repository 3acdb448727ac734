/**
 * Difference-in-differences tallies as the methods define them: for each referral (or
 * comparison index) whose record covers all W months before and all W months after the index
 * month, appointments in the W months before minus the W months after, index month excluded.
 * Alongside the realised counts it sums the planted effect: the expected appointments the
 * intervention removed from those same months, which is what the DiD should recover.
 */
import { GP_MODEL } from './model.js';

/** Groups the tallies are kept for. */
export const DID_GROUPS = ['referred', 'accepted', 'not_accepted', 'comparison'] as const;
type Group = (typeof DID_GROUPS)[number];

const STATS = 4;

/** Before/after appointments of one group's covered index months. */
interface GroupSummary {
	n: number;
	sum_before: number;
	sum_after: number;
	mean_before: number | null;
	mean_after: number | null;
	mean_avoided: number | null;
	planted_mean_effect: number | null;
} // n, sum before, sum after, planted effect

/** Sums per window and group. */
export class DidTally {
	private readonly sums = new Float64Array(GP_MODEL.window_months.length * DID_GROUPS.length * STATS);

	/**
	 * Add one index month `at` (offset into the person's months) if its windows are covered.
	 * `counts`, `present` and `removed` describe the person's months from offset 0 to `length`.
	 */
	add(groups: readonly Group[], at: number, length: number, counts: Int16Array, present: Uint8Array, removed: Float64Array): void {
		GP_MODEL.window_months.forEach((w, wi) => {
			if (at - w < 0 || at + w >= length) return;
			let before = 0;
			let after = 0;
			let effect = 0;
			for (let k = 1; k <= w; k++) {
				if (!present[at - k] || !present[at + k]) return;
				before += counts[at - k]!;
				after += counts[at + k]!;
				effect += removed[at + k]! - removed[at - k]!;
			}
			for (const group of groups) {
				const i = (wi * DID_GROUPS.length + DID_GROUPS.indexOf(group)) * STATS;
				this.sums[i]!++;
				this.sums[i + 1]! += before;
				this.sums[i + 2]! += after;
				this.sums[i + 3]! += effect;
			}
		});
	}

	/** The truth for planted.json, one entry per window length. */
	toJSON(): object {
		return GP_MODEL.window_months.map((w, wi) => {
			const g = {} as Record<Group, GroupSummary>;
			DID_GROUPS.forEach((group, gi) => {
				const i = (wi * DID_GROUPS.length + gi) * STATS;
				const n = this.sums[i]!;
				g[group] = {
					n,
					sum_before: this.sums[i + 1]!,
					sum_after: this.sums[i + 2]!,
					mean_before: n ? this.sums[i + 1]! / n : null,
					mean_after: n ? this.sums[i + 2]! / n : null,
					mean_avoided: n ? (this.sums[i + 1]! - this.sums[i + 2]!) / n : null,
					planted_mean_effect: n ? this.sums[i + 3]! / n : null
				};
			});
			const did = (group: Group): number | null =>
				g[group].mean_avoided === null || g.comparison.mean_avoided === null ? null : g[group].mean_avoided - g.comparison.mean_avoided;
			return {
				window_months: w,
				planted_did_accepted: g.accepted.planted_mean_effect,
				realised_did_accepted: did('accepted'),
				planted_did_referred: g.referred.planted_mean_effect,
				realised_did_referred: did('referred'),
				groups: g
			};
		});
	}
}
