/** Sample size, mean and sample standard deviation (n - 1 divisor) of a list of numbers. */
export interface Moments {
	n: number;
	/** Null when n = 0. */
	mean: number | null;
	/** Null when n < 2. */
	sd: number | null;
}

/** Moments of `values`, with a two-pass variance so that large offsets do not cost precision. */
export function moments(values: readonly number[]): Moments {
	const n = values.length;
	if (n === 0) return { n, mean: null, sd: null };
	for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`values must be finite numbers, got ${v}`);
	const mean = values.reduce((s, v) => s + v, 0) / n;
	if (n < 2) return { n, mean, sd: null };
	const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
	return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}

/**
 * Sample quantile with linear interpolation between order statistics (Hyndman & Fan type 7,
 * R's default, which FunnelPlotR's Winsorisation uses). Throws on an empty list.
 */
export function quantileType7(values: readonly number[], p: number): number {
	if (values.length === 0) throw new RangeError('quantile of an empty list');
	if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile needs 0 <= p <= 1, got ${p}`);
	const sorted = [...values].sort((a, b) => a - b);
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const a = sorted[lo] as number;
	const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
	return a + (h - lo) * (b - a);
}
