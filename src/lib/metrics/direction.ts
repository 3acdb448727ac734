import { measureSpec } from '../schema/instruments.js';

/** True when a higher score is better for this instrument/measure; throws for an unknown pair. */
export function higherIsBetter(instrument: string, measure: string): boolean {
	const spec = measureSpec(instrument, measure);
	if (!spec) throw new RangeError(`unknown instrument/measure ${instrument}/${measure}`);
	return spec.higher_is_better;
}

/**
 * Improvement-positive change between two scores on the analysis scale: follow-up minus
 * baseline, sign reversed where lower is better (ONS4 anxiety, UCLA-3). Null unless both exist.
 */
export function improvementChange(instrument: string, measure: string, baseline: number | null, follow_up: number | null): number | null {
	const sign = higherIsBetter(instrument, measure) ? 1 : -1;
	if (baseline === null || follow_up === null) return null;
	return sign * (follow_up - baseline);
}
