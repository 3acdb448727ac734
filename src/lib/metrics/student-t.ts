import { normalQuantile } from './normal.js';
import { incompleteBeta, logGamma } from './special-functions.js';

/** Upper tail P(T > t) of Student's t with `df` > 0 degrees of freedom (df may be fractional). */
export function tUpperTail(t: number, df: number): number {
	if (!(df > 0)) throw new RangeError(`Student's t needs df > 0, got ${df}`);
	if (t === 0) return 0.5;
	// P(|T| > |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2).
	const twoSided = incompleteBeta(df / (df + t * t), df / 2, 0.5);
	return t > 0 ? twoSided / 2 : 1 - twoSided / 2;
}

/** Cumulative distribution function P(T <= t) of Student's t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
	return tUpperTail(-t, df);
}

/** Density of Student's t with `df` degrees of freedom. */
export function tDensity(t: number, df: number): number {
	const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
	return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Quantile of Student's t: the t with P(T <= t) = p. Starts from the Cornish-Fisher expansion
 * (Abramowitz & Stegun 26.7.5), or the closed forms for df 1 and 2, then Newton steps on the
 * upper tail until the step is below 1e-14 relative.
 */
export function tQuantile(p: number, df: number): number {
	if (!(df > 0)) throw new RangeError(`Student's t needs df > 0, got ${df}`);
	if (!(p >= 0 && p <= 1)) throw new RangeError(`tQuantile needs 0 <= p <= 1, got ${p}`);
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	if (p === 0.5) return 0;
	if (p < 0.5) return -tQuantile(1 - p, df);
	const tail = 1 - p;
	if (df === 1) return Math.tan(Math.PI * (p - 0.5));
	if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
	let t = cornishFisher(normalQuantile(p), df);
	if (!(t > 0) || !Number.isFinite(t)) t = normalQuantile(p);
	for (let i = 0; i < 100; i++) {
		const step = (tUpperTail(t, df) - tail) / tDensity(t, df);
		// Newton on the upper tail (its derivative is minus the density); halve instead of
		// crossing zero, since the quantile of p > 1/2 is positive.
		const next = t + step > 0 ? t + step : t / 2;
		if (Math.abs(next - t) <= 1e-14 * Math.abs(next)) return next;
		t = next;
	}
	return t;
}

function cornishFisher(z: number, df: number): number {
	const z2 = z * z;
	const g1 = (z * (z2 + 1)) / 4;
	const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
	const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
	const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
	return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}
