import { describe, expect, it } from 'vitest';
import { contains, zFor } from '../../src/lib/metrics/interval.js';
import { meanInterval, pairedMeanChange, standardisedResponseMean } from '../../src/lib/metrics/mean.js';
import { wilsonInterval } from '../../src/lib/metrics/proportion.js';
import { exactPoissonLimits, rateInterval } from '../../src/lib/metrics/rate.js';

describe('interval edge cases and properties', () => {
	it('Wilson: hand-worked 0 of 10 and 10 of 10; throws on bad inputs', () => {
		const zero = wilsonInterval(0, 10);
		expect(zero.lower).toBe(0);
		// (z^2 + z sqrt(z^2)) / (2(10 + z^2)) = z^2 / (10 + z^2)
		expect(zero.upper).toBeCloseTo(1.959964 ** 2 / (10 + 1.959964 ** 2), 14);
		expect(wilsonInterval(10, 10).upper).toBe(1);
		expect(() => wilsonInterval(11, 10)).toThrow(/greater than denominator/);
		expect(() => wilsonInterval(-1, 10)).toThrow(/numerator/);
		expect(() => wilsonInterval(0, 0)).toThrow(/denominator/);
	});

	it('every interval contains its estimate and narrows as n grows', () => {
		let prevW = Infinity;
		let prevR = Infinity;
		for (const n of [10, 20, 50, 100, 200, 1000]) {
			const w = wilsonInterval(Math.round(n * 0.3), n);
			expect(contains(w, w.estimate)).toBe(true);
			expect(w.upper - w.lower).toBeLessThan(prevW);
			prevW = w.upper - w.lower;
			const r = rateInterval(n, n * 100);
			expect(contains(r, r.estimate)).toBe(true);
			expect(r.upper - r.lower).toBeLessThan(prevR);
			prevR = r.upper - r.lower;
		}
	});

	it('exact Poisson for 0 events: lower 0, upper -log(0.025) (hand-worked)', () => {
		const l = exactPoissonLimits(0);
		expect(l.lower).toBe(0);
		expect(l.upper).toBeCloseTo(-Math.log(0.025), 12);
		expect(rateInterval(0, 500).method).toBe('exact');
		expect(() => rateInterval(1, 0)).toThrow(/denominator/);
		expect(() => rateInterval(-1, 10)).toThrow(/events/);
	});

	it('means: n = 0, 1, 2 and zero variance', () => {
		expect(meanInterval([]).mean).toBeNull();
		expect(meanInterval([4]).interval).toBeNull();
		const two = meanInterval([1, 3]);
		expect(two.interval!.upper).toBeCloseTo(2 + 12.706204736174694, 10); // sd sqrt 2, se 1
		expect(meanInterval([5, 5, 5]).interval).toMatchObject({ lower: 5, upper: 5 });
		expect(pairedMeanChange([{ before: 1, after: 4 }, { before: 2, after: 3 }]).mean).toBe(2);
		expect(standardisedResponseMean([1, 3])).toBeCloseTo(2 / Math.SQRT2, 14);
		expect(standardisedResponseMean([2, 2])).toBeNull();
	});

	it('z constants for 95% and 99.8%, the normal quantile otherwise', () => {
		expect(zFor(0.95)).toBe(1.959964);
		expect(zFor(0.998)).toBe(3.090232);
		expect(zFor(0.9)).toBeCloseTo(1.6448536269514722, 14);
		expect(() => zFor(1)).toThrow(/between 0 and 1/);
	});
});
