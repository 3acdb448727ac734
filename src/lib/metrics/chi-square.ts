import { incompleteGamma, logGamma } from './special-functions.js';

/** Cumulative distribution function of the chi-square distribution with `df` > 0. */
export function chiSquareCdf(x: number, df: number): number {
	if (x <= 0) return 0;
	return incompleteGamma(df / 2, x / 2).p;
}

/** Quantile of the chi-square distribution: the x with P(X <= x) = p, df > 0 (may be fractional). */
export function chiSquareQuantile(p: number, df: number): number {
	if (!(df > 0)) throw new RangeError(`chi-square needs df > 0, got ${df}`);
	return 2 * gammaQuantile(p, df / 2);
}

/**
 * Quantile of the gamma distribution with shape `a` and scale 1. Initial guess and Halley
 * iteration after Press et al., Numerical Recipes 3rd ed. section 6.2.1 (invgammp), iterated to
 * 1e-14 relative instead of the book's 1e-8, and using the upper tail for p > 1/2 so that
 * quantiles near 1 keep their precision.
 */
export function gammaQuantile(p: number, a: number): number {
	if (!(a > 0)) throw new RangeError(`gamma needs shape > 0, got ${a}`);
	if (!(p >= 0 && p <= 1)) throw new RangeError(`gammaQuantile needs 0 <= p <= 1, got ${p}`);
	if (p === 0) return 0;
	if (p === 1) return Infinity;
	const gln = logGamma(a);
	const a1 = a - 1;
	const lna1 = a > 1 ? Math.log(a1) : 0;
	const afac = a > 1 ? Math.exp(a1 * (lna1 - 1) - gln) : 0;
	let x = initialGuess(p, a);
	for (let j = 0; j < 200; j++) {
		if (x <= 0) return 0;
		const { p: lower, q: upper } = incompleteGamma(a, x);
		const err = p < 0.5 ? lower - p : 1 - p - upper;
		// Density at x, written to avoid overflow for large a.
		const density = a > 1 ? afac * Math.exp(-(x - a1) + a1 * (Math.log(x) - lna1)) : Math.exp(-x + a1 * Math.log(x) - gln);
		if (density === 0) return x;
		const u = err / density;
		const t = u / (1 - 0.5 * Math.min(1, u * (a1 / x - 1)));
		let next = x - t;
		if (next <= 0) next = 0.5 * x;
		if (Math.abs(next - x) <= 1e-14 * next) return next;
		x = next;
	}
	return x;
}

function initialGuess(p: number, a: number): number {
	if (a > 1) {
		const pp = p < 0.5 ? p : 1 - p;
		const t = Math.sqrt(-2 * Math.log(pp));
		let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
		if (p < 0.5) z = -z;
		// Wilson-Hilferty: X / a is close to (1 - 1/(9a) + z / (3 sqrt a))^3.
		return Math.max(1e-3, a * Math.pow(1 - 1 / (9 * a) - z / (3 * Math.sqrt(a)), 3));
	}
	const t = 1 - a * (0.253 + a * 0.12);
	return p < t ? Math.pow(p / t, 1 / a) : 1 - Math.log(1 - (p - t) / (1 - t));
}
