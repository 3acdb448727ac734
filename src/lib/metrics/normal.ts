import { incompleteGamma } from './special-functions.js';

// Acklam's rational approximation (P. J. Acklam, "An algorithm for computing the inverse normal
// cumulative distribution function", 2003; relative error below 1.15e-9), refined below by
// Halley steps on the exact CDF to full double precision.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Standard normal cumulative distribution function Phi(x), accurate in both tails. */
export function normalCdf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	// Phi(x) = erfc(-x / sqrt 2) / 2 and erfc(y) = Q(1/2, y^2) for y >= 0.
	const tail = 0.5 * incompleteGamma(0.5, (x * x) / 2).q;
	return x < 0 ? tail : 1 - tail;
}

/** Upper tail 1 - Phi(x) without cancellation for large x. */
export function normalUpperTail(x: number): number {
	return normalCdf(-x);
}

/** Standard normal quantile: the x with Phi(x) = p, for 0 < p < 1 (0 and 1 give -/+ Infinity). */
export function normalQuantile(p: number): number {
	if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs 0 <= p <= 1, got ${p}`);
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	if (p > 0.5) return -normalQuantile(1 - p);
	let x = acklam(p);
	for (let i = 0; i < 2; i++) {
		const e = normalCdf(x) - p;
		const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
		x -= u / (1 + (x * u) / 2);
	}
	return x;
}

function acklam(p: number): number {
	const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
	const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
	const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
	const [d0, d1, d2, d3] = D as [number, number, number, number];
	if (p < P_LOW) {
		const q = Math.sqrt(-2 * Math.log(p));
		return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
	}
	const q = p - 0.5;
	const r = q * q;
	return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}
