/** ONS personal wellbeing band of one ONS4 score. */
export type Ons4Band = 'very_low' | 'low' | 'medium' | 'high' | 'very_high';

/** ONS4 measures as in the export format. */
export type Ons4Measure = 'life_satisfaction' | 'worthwhile' | 'happiness' | 'anxiety';

/**
 * ONS thresholds (ONS personal wellbeing user guidance): life satisfaction, worthwhile and
 * happiness 0-4 low, 5-6 medium, 7-8 high, 9-10 very high; anxiety 0-1 very low, 2-3 low,
 * 4-5 medium, 6-10 high. Each entry is [band, highest score in it].
 */
export const ONS4_BANDS: Readonly<Record<Ons4Measure, readonly (readonly [Ons4Band, number])[]>> = {
	life_satisfaction: [['low', 4], ['medium', 6], ['high', 8], ['very_high', 10]],
	worthwhile: [['low', 4], ['medium', 6], ['high', 8], ['very_high', 10]],
	happiness: [['low', 4], ['medium', 6], ['high', 8], ['very_high', 10]],
	anxiety: [['very_low', 1], ['low', 3], ['medium', 5], ['high', 10]]
};

/** The band a worse-off person is in: "low" wellbeing, or "high" anxiety. */
export const ONS4_POOR_BAND: Readonly<Record<Ons4Measure, Ons4Band>> = {
	life_satisfaction: 'low',
	worthwhile: 'low',
	happiness: 'low',
	anxiety: 'high'
};

/** Band of an ONS4 score (whole number 0-10); throws for anything else. */
export function ons4Band(measure: Ons4Measure, score: number): Ons4Band {
	if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`ONS4 scores are whole numbers 0-10, got ${score}`);
	const bands = ONS4_BANDS[measure];
	if (!bands) throw new RangeError(`unknown ONS4 measure ${measure}`);
	for (const [band, top] of bands) if (score <= top) return band;
	throw new RangeError(`no band for ${score}`);
}

/** Movement out of the poor band among paired scores. */
export interface BandMovement {
	/** Pairs considered (both scores present). */
	pairs: number;
	/** Pairs whose baseline is in the poor band ("low"; "high" for anxiety). */
	poor_at_baseline: number;
	/** Of those, how many are out of it at follow-up. */
	moved_out: number;
	/** Pairs that entered the poor band from outside it. */
	moved_in: number;
}

/**
 * How many people moved out of the poor band ("low"; "high" for anxiety) between baseline and
 * follow-up, and how many moved into it. Only pairs count: a baseline alone says nothing.
 */
export function ons4BandMovement(measure: Ons4Measure, pairs: readonly { baseline: number; follow_up: number }[]): BandMovement {
	const poor = ONS4_POOR_BAND[measure];
	let poorAtBaseline = 0;
	let movedOut = 0;
	let movedIn = 0;
	for (const p of pairs) {
		const before = ons4Band(measure, p.baseline) === poor;
		const after = ons4Band(measure, p.follow_up) === poor;
		if (before) poorAtBaseline++;
		if (before && !after) movedOut++;
		if (!before && after) movedIn++;
	}
	return { pairs: pairs.length, poor_at_baseline: poorAtBaseline, moved_out: movedOut, moved_in: movedIn };
}
