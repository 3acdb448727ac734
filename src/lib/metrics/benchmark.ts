import type { FunnelLimits } from './funnel-limits.js';
import type { Interval } from './interval.js';

/** Fingertips-style comparison of a unit with a benchmark. */
export type BenchmarkLabel = 'higher' | 'lower' | 'better' | 'worse' | 'similar' | 'not_compared';

/** Whether a higher value is better, worse, or neither (then labels say higher/lower). */
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'no_judgement';

/**
 * Label a unit against a benchmark as OHID Fingertips does: when its 95% interval lies wholly
 * above the benchmark it is 'higher' ('better' or 'worse' if the measure has a direction),
 * wholly below 'lower' (likewise), else 'similar'; 'not_compared' when the interval or the
 * benchmark is missing. An interval touching the benchmark is 'similar'.
 */
export function benchmarkLabel(interval: Pick<Interval, 'lower' | 'upper'> | null, benchmark: number | null, polarity: Polarity = 'no_judgement'): BenchmarkLabel {
	if (interval === null || benchmark === null || !Number.isFinite(benchmark)) return 'not_compared';
	if (!Number.isFinite(interval.lower) || !Number.isFinite(interval.upper)) return 'not_compared';
	if (interval.lower > benchmark) return polarity === 'no_judgement' ? 'higher' : polarity === 'higher_is_better' ? 'better' : 'worse';
	if (interval.upper < benchmark) return polarity === 'no_judgement' ? 'lower' : polarity === 'higher_is_better' ? 'worse' : 'better';
	return 'similar';
}

/** Where a unit's value sits in its funnel. */
export type FunnelPosition = 'high_998' | 'high_95' | 'within' | 'low_95' | 'low_998';

/** Position of `value` against funnel limits: outside the 99.8% limits first, then the 95%. */
export function funnelPosition(value: number, limits: FunnelLimits): FunnelPosition {
	if (value > limits.upper998) return 'high_998';
	if (value < limits.lower998) return 'low_998';
	if (value > limits.upper95) return 'high_95';
	if (value < limits.lower95) return 'low_95';
	return 'within';
}

/**
 * Funnel position judged by the unit's own intervals against the target, as
 * PHEindicatormethods' phe_funnel_significance does for ratios and rates: 99.8% interval wholly
 * above the target is high_998, else the 95% interval wholly above is high_95, and so on.
 */
export function positionByIntervals(interval95: Pick<Interval, 'lower' | 'upper'>, interval998: Pick<Interval, 'lower' | 'upper'>, target: number): FunnelPosition {
	if (interval998.lower > target) return 'high_998';
	if (interval95.lower > target) return 'high_95';
	if (interval998.upper < target) return 'low_998';
	if (interval95.upper < target) return 'low_95';
	return 'within';
}
