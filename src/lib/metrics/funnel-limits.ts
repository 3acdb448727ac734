import { chiSquareQuantile } from './chi-square.js';
import { Z_95, Z_998 } from './interval.js';
import { normalQuantile } from './normal.js';
import { exactPoissonLimits } from './rate.js';
import { assertNonNegative, assertPositive, assertProportionInputs } from './validate.js';

/** Funnel limits at one sample size: 95% (about 2 SE) and 99.8% (about 3 SE), Spiegelhalter 2005. */
export interface FunnelLimits {
	lower95: number;
	upper95: number;
	lower998: number;
	upper998: number;
}

/** Pooled target of a proportion funnel: sum of numerators / sum of denominators. */
export function pooledProportion(units: readonly { numerator: number; denominator: number }[]): number {
	let num = 0;
	let den = 0;
	for (const u of units) {
		assertProportionInputs(u.numerator, u.denominator);
		num += u.numerator;
		den += u.denominator;
	}
	if (den === 0) throw new RangeError('a pooled proportion needs at least one unit');
	return num / den;
}

// phe_funnels uses qnorm(0.975) and qnorm(0.999) unrounded; the rounded 3.090232 moves a
// 99.8% limit by about 7e-6 percentage points at n = 3, visible in PHE's 6-decimal outputs.
const Z_95_EXACT = normalQuantile(0.975);
const Z_998_EXACT = normalQuantile(0.999);

/** Pooled target of a ratio funnel: sum of observed / sum of expected (FunnelPlotR's aggregation). */
export function pooledRatio(units: readonly { observed: number; expected: number }[]): number {
	let o = 0;
	let e = 0;
	for (const u of units) {
		assertNonNegative(u.observed, 'observed');
		assertPositive(u.expected, 'expected');
		o += u.observed;
		e += u.expected;
	}
	if (e === 0) throw new RangeError('a pooled ratio needs at least one unit');
	return o / e;
}

/**
 * Proportion funnel limits, closed form: target +/- z sqrt(target (1 - target) / n), clamped to
 * [0, 1], with unrounded normal quantiles, both as PHEindicatormethods' phe_funnels.
 */
export function proportionFunnelLimits(target: number, n: number): FunnelLimits {
	if (!(target >= 0 && target <= 1)) throw new RangeError(`target proportion must be within 0-1, got ${target}`);
	assertPositive(n, 'denominator');
	const se = Math.sqrt((target * (1 - target)) / n);
	const clamp = (v: number) => Math.min(1, Math.max(0, v));
	return {
		lower95: clamp(target - Z_95_EXACT * se),
		upper95: clamp(target + Z_95_EXACT * se),
		lower998: clamp(target - Z_998_EXACT * se),
		upper998: clamp(target + Z_998_EXACT * se)
	};
}

/**
 * Proportion funnel limits on the arcsine square-root scale, FunnelPlotR's "PR" type:
 * sin^2(asin(sqrt(target)) +/- z / (2 sqrt n)); the angle is kept within [0, pi/2] so that a
 * limit past 0 or 1 stops there instead of folding back.
 */
export function arcsineProportionFunnelLimits(target: number, n: number): FunnelLimits {
	if (!(target >= 0 && target <= 1)) throw new RangeError(`target proportion must be within 0-1, got ${target}`);
	assertPositive(n, 'denominator');
	const angle = Math.asin(Math.sqrt(target));
	const s = 1 / (2 * Math.sqrt(n));
	const at = (a: number) => Math.sin(Math.min(Math.PI / 2, Math.max(0, a))) ** 2;
	return { lower95: at(angle - Z_95 * s), upper95: at(angle + Z_95 * s), lower998: at(angle - Z_998 * s), upper998: at(angle + Z_998 * s) };
}

/** Mean funnel limits: target +/- z sigma / sqrt(n), sigma the pooled standard deviation (z unrounded, as PHE). */
export function meanFunnelLimits(target: number, sigma: number, n: number): FunnelLimits {
	assertNonNegative(sigma, 'sigma');
	assertPositive(n, 'n');
	const se = sigma / Math.sqrt(n);
	return { lower95: target - Z_95_EXACT * se, upper95: target + Z_95_EXACT * se, lower998: target - Z_998_EXACT * se, upper998: target + Z_998_EXACT * se };
}

/**
 * Funnel limits for an indirectly standardised ratio O/E (or a rate against a target rate) at
 * expected count E, exact Poisson as FunnelPlotR's "SR" type:
 * target chi2(0.025, 2E) / (2E) and target chi2(0.975, 2(E + 1)) / (2E) (0.001 and 0.999 for 99.8%).
 */
export function ratioFunnelLimits(expected: number, target = 1): FunnelLimits {
	assertPositive(expected, 'expected');
	const at = (p: number, df: number) => (target * chiSquareQuantile(p, df)) / 2 / expected;
	return {
		lower95: at(0.025, 2 * expected),
		upper95: at(0.975, 2 * (expected + 1)),
		lower998: at(0.001, 2 * expected),
		upper998: at(0.999, 2 * (expected + 1))
	};
}

/**
 * One point of a Poisson funnel drawn by observed count, as PHEindicatormethods' phe_funnels for
 * ratios and rates: the expected count at which `observed` sits exactly on the lower limit (the
 * exact upper confidence limit of the count) and on the upper limit (the exact lower limit).
 * The limit there is observed / expected. PHE finds these by bisection; this is the exact value.
 */
export function poissonFunnelPoint(observed: number, level: number): { expected_at_lower: number; expected_at_upper: number } {
	assertPositive(observed, 'observed');
	const limits = exactPoissonLimits(observed, level);
	return { expected_at_lower: limits.upper, expected_at_upper: limits.lower };
}
