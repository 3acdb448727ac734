/**
 * Seeded pseudo-random numbers for the demo generator: sfc32 (fast, 128-bit state, passes
 * PractRand) and the few samplers the model needs. Every stream is derived from the run's
 * seed and a label, so adding a stream (or the --dirty faults) never shifts another stream's
 * numbers and the clean content stays identical with and without --dirty.
 */

/** A seeded generator with the samplers the demo model uses. */
export class Random {
	private a: number;
	private b: number;
	private c: number;
	private d: number;
	private spareNormal: number | undefined;

	/** Start a stream from the run seed and a label naming what the stream is used for. */
	constructor(seed: number | string, label: string) {
		const h = hash128(`${seed}\u0000${label}`);
		this.a = h[0];
		this.b = h[1];
		this.c = h[2];
		this.d = h[3];
		// The first outputs of sfc32 are weakly mixed; discard them as its author advises.
		for (let i = 0; i < 15; i++) this.next();
	}

	/** Uniform on [0, 1) with 32 bits of resolution. */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** Integer uniform on [min, max], both ends included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** Standard normal (Marsaglia's polar method; the second value is kept for the next call). */
	normal(): number {
		if (this.spareNormal !== undefined) {
			const z = this.spareNormal;
			this.spareNormal = undefined;
			return z;
		}
		let u: number, v: number, s: number;
		do {
			u = 2 * this.next() - 1;
			v = 2 * this.next() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s === 0);
		const f = Math.sqrt((-2 * Math.log(s)) / s);
		this.spareNormal = v * f;
		return u * f;
	}

	/** Gamma with the given shape and scale (Marsaglia and Tsang 2000). */
	gamma(shape: number, scale: number): number {
		if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(this.next(), 1 / shape);
		const d = shape - 1 / 3;
		const c = 1 / Math.sqrt(9 * d);
		for (;;) {
			let x: number, v: number;
			do {
				x = this.normal();
				v = 1 + c * x;
			} while (v <= 0);
			v = v * v * v;
			const u = this.next();
			if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
			if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
		}
	}

	/**
	 * Poisson count. Inversion by sequential search costs one uniform per draw, which suits the
	 * small monthly rates of GP appointments; large means fall back to a rounded normal.
	 */
	poisson(mean: number): number {
		if (mean <= 0) return 0;
		if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
		const u = this.next();
		let p = Math.exp(-mean);
		let cdf = p;
		let k = 0;
		while (u > cdf && k < 200) {
			k++;
			p *= mean / k;
			cdf += p;
		}
		return k;
	}

	/** Index drawn from a cumulative weight table (see {@link cumulative}). */
	pick(cum: Float64Array): number {
		const total = cum[cum.length - 1]!;
		const x = this.next() * total;
		let lo = 0;
		let hi = cum.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (cum[mid]! > x) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}
}

/** Running sums of weights, the table {@link Random.pick} draws from. */
export function cumulative(weights: ArrayLike<number>): Float64Array {
	const cum = new Float64Array(weights.length);
	let sum = 0;
	for (let i = 0; i < weights.length; i++) {
		sum += weights[i]!;
		cum[i] = sum;
	}
	return cum;
}

/** The cumulative table of weights given per value of an enumeration, in the enumeration's order. */
export function cumulativeFor<T extends string>(values: readonly T[], weights: Record<T, number>): Float64Array {
	return cumulative(values.map((v) => weights[v]));
}

/** cyrb128: a small, well-mixed string hash that gives sfc32 its four state words. */
function hash128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
