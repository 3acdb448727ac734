import { quantileType7 } from './descriptive.js';
import type { FunnelLimits } from './funnel-limits.js';
import { assertPositive, assertProportionInputs } from './validate.js';

/** How extreme z-scores are tamed before the dispersion ratio. */
export type TrimMethod = 'winsorise' | 'truncate';

/** Share trimmed in each tail: 10% (Spiegelhalter 2005; FunnelPlotR and SHMI default). */
export const DEFAULT_TRIM = 0.1;

/** Result of {@link dispersionRatio}. */
export interface Dispersion {
	/** phi = sum(z^2) / k over the (Winsorised or kept) z-scores. */
	phi: number;
	/** Units used for phi (all for Winsorising; those kept for truncation). */
	k: number;
	/** Multiplier applied to the limits' half-widths: sqrt(phi) when phi > 1, else 1. */
	inflation: number;
	overdispersed: boolean;
}

/** z-score of a proportion against the target: (p - target) / sqrt(target (1 - target) / n). */
export function proportionZScore(numerator: number, denominator: number, target: number): number {
	assertProportionInputs(numerator, denominator);
	return (numerator / denominator - target) / Math.sqrt((target * (1 - target)) / denominator);
}

/**
 * z-score of a mean against the target of a mean funnel: (mean - target) / (sigma / sqrt(n)),
 * sigma the pooled standard deviation the funnel's limits use.
 */
export function meanZScore(mean: number, target: number, sigma: number, n: number): number {
	assertPositive(sigma, 'sigma');
	assertPositive(n, 'n');
	return (mean - target) / (sigma / Math.sqrt(n));
}

/**
 * z-score of a standardised ratio O/E on the log scale as FunnelPlotR's SHMI method:
 * sqrt(E) log(O / E). With O = 0 the log is -Infinity, so the square-root transform
 * 2 (sqrt(O) - sqrt(E)) is used for that unit instead.
 */
export function ratioZScore(observed: number, expected: number): number {
	assertPositive(expected, 'expected');
	if (observed === 0) return -2 * Math.sqrt(expected);
	return Math.sqrt(expected) * Math.log(observed / expected);
}

/**
 * Dispersion ratio phi of a funnel (Spiegelhalter 2005, "Handling over-dispersion of
 * performance indicators"): z-scores Winsorised at the 10th and 90th percentiles (R type 7,
 * as FunnelPlotR), or truncated as NHS Digital's SHMI (rank groups of 10%, FunnelPlotR's SHMI
 * default), then phi = sum(z^2) / k. Over-dispersed when phi > 1.
 */
export function dispersionRatio(zScores: readonly number[], options: { method?: TrimMethod; trim?: number } = {}): Dispersion {
	const trim = options.trim ?? DEFAULT_TRIM;
	if (!(trim >= 0 && trim < 0.5)) throw new RangeError(`trim must be within [0, 0.5), got ${trim}`);
	if (zScores.length === 0) throw new RangeError('a dispersion ratio needs at least one unit');
	const used = (options.method ?? 'winsorise') === 'winsorise' ? winsorise(zScores, trim) : truncate(zScores, trim);
	const phi = used.reduce((s, z) => s + z * z, 0) / used.length;
	return { phi, k: used.length, inflation: phi > 1 ? Math.sqrt(phi) : 1, overdispersed: phi > 1 };
}

/**
 * Multiplicative over-dispersion adjustment: each limit moves away from the target by
 * sqrt(phi) times its distance (target +/- z sqrt(phi) SE for normal limits). Limits are
 * unchanged when phi <= 1. `bounds` clamps the result, e.g. [0, 1] for proportions.
 */
export function inflateLimits(limits: FunnelLimits, target: number, dispersion: Pick<Dispersion, 'inflation'>, bounds: readonly [number, number] = [-Infinity, Infinity]): FunnelLimits {
	const k = dispersion.inflation;
	const move = (v: number) => Math.min(bounds[1], Math.max(bounds[0], target + k * (v - target)));
	return { lower95: move(limits.lower95), upper95: move(limits.upper95), lower998: move(limits.lower998), upper998: move(limits.upper998) };
}

function winsorise(z: readonly number[], trim: number): number[] {
	const lo = quantileType7(z, trim);
	const hi = quantileType7(z, 1 - trim);
	return z.map((v) => Math.min(hi, Math.max(lo, v)));
}

function truncate(z: readonly number[], trim: number): number[] {
	const groups = 1 / trim;
	const ranks = averageRanks(z);
	const kept = z.filter((_, i) => {
		const group = Math.floor(((ranks[i] as number) * groups) / (z.length + 1));
		return group > 0 && group < groups - 1;
	});
	if (kept.length === 0) throw new RangeError('truncation left no units; use Winsorising for so few units');
	return kept;
}

function averageRanks(values: readonly number[]): number[] {
	const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
	const ranks = new Array<number>(values.length);
	for (let start = 0; start < order.length; ) {
		let end = start;
		while (end + 1 < order.length && (order[end + 1] as { v: number }).v === (order[start] as { v: number }).v) end++;
		for (let j = start; j <= end; j++) ranks[(order[j] as { i: number }).i] = (start + end) / 2 + 1;
		start = end + 1;
	}
	return ranks;
}
