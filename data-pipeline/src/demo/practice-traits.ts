/**
 * What makes practices differ in the demo: how much they refer, how deprived their patients
 * are, how often referrals are taken up, which wellbeing tool they use and how well it is
 * recorded, and how much their patients gain. Drawn once per practice from the seed.
 */
import { INSTRUMENTS } from '../../../src/lib/schema/index.js';
import type { Geography } from './geography.js';
import { ACCEPTANCE_TARGET, PAIRED_TARGET, PRACTICE_EFFECT_LOG_SD, REFERRAL_RATE_RANGE } from './model.js';
import { Random } from './random.js';

/** Per-practice traits, one entry per practice of the geography. */
export interface PracticeTraits {
	/** Referral propensity, % of the list a year before scaling to the requested total. */
	propensity: Float64Array;
	/** Centre of the IMD deciles of the practice's population (1 = most deprived). */
	imdCentre: Float64Array;
	/** Probability that a referral is accepted. */
	acceptance: Float64Array;
	/** Probability that an accepted referral gets a paired wellbeing score. */
	recording: Float64Array;
	/** Main wellbeing instrument, index into INSTRUMENTS (ons4, wemwbs or swemwbs). */
	instrument: Int8Array;
	/** 1 when the practice's system labels timepoints (baseline, review, follow_up). */
	labelsTimepoints: Uint8Array;
	/** Multiplier of the planted wellbeing change. */
	effect: Float64Array;
}

/** Draw the traits of every practice. */
export function drawPracticeTraits(geo: Geography, seed: number | string): PracticeTraits {
	const n = geo.practices.length;
	const rng = new Random(seed, 'practice-traits');
	const t: PracticeTraits = {
		propensity: new Float64Array(n),
		imdCentre: new Float64Array(n),
		acceptance: new Float64Array(n),
		recording: new Float64Array(n),
		instrument: new Int8Array(n),
		labelsTimepoints: new Uint8Array(n),
		effect: new Float64Array(n)
	};
	const acceptLogit = Math.log(ACCEPTANCE_TARGET / (1 - ACCEPTANCE_TARGET));
	for (let p = 0; p < n; p++) {
		t.propensity[p] = REFERRAL_RATE_RANGE[0] + (REFERRAL_RATE_RANGE[1] - REFERRAL_RATE_RANGE[0]) * rng.next();
		t.imdCentre[p] = 1.5 + 8 * rng.next();
		t.acceptance[p] = 1 / (1 + Math.exp(-(acceptLogit + 0.3 * rng.normal())));
		t.recording[p] = Math.min(0.8, Math.max(0.2, PAIRED_TARGET + 0.1 * rng.normal()));
		t.labelsTimepoints[p] = rng.chance(0.6) ? 1 : 0;
		t.effect[p] = Math.exp(PRACTICE_EFFECT_LOG_SD * rng.normal());
	}
	// Instruments are dealt out in fixed shares over a shuffled order, so even a small ICB has
	// practices on each of them (a draw per practice left WEMWBS with one small practice).
	const order = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = rng.int(0, i);
		[order[i], order[j]] = [order[j]!, order[i]!];
	}
	order.forEach((p, rank) => {
		const share = (rank + 0.5) / n;
		t.instrument[p] = INSTRUMENTS.indexOf(share < 0.65 ? 'ons4' : share < 0.82 ? 'wemwbs' : 'swemwbs');
	});
	return t;
}
