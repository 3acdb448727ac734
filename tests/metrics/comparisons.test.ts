import { describe, expect, it } from 'vitest';
import { benchmarkLabel, funnelPosition, positionByIntervals } from '../../src/lib/metrics/benchmark.js';
import { meanFunnelLimits, pooledProportion, proportionFunnelLimits, ratioFunnelLimits } from '../../src/lib/metrics/funnel-limits.js';
import { dispersionRatio, inflateLimits, proportionZScore } from '../../src/lib/metrics/overdispersion.js';

describe('funnel limits', () => {
	it('proportion: hand-worked 0.5 at n = 100', () => {
		const l = proportionFunnelLimits(0.5, 100);
		expect(l.lower95).toBeCloseTo(0.5 - 1.959963984540054 * 0.05, 14);
		expect(l.upper998).toBeCloseTo(0.5 + 3.090232306167813 * 0.05, 14);
	});

	it('mean: target +/- z sigma / sqrt(n)', () => {
		const l = meanFunnelLimits(50, 10, 25);
		expect(l.upper95).toBeCloseTo(50 + 1.959963984540054 * 2, 12);
		expect(l.lower998).toBeCloseTo(50 - 3.090232306167813 * 2, 12);
	});

	it('narrow as n grows and contain the target', () => {
		let prev = Infinity;
		for (const n of [5, 20, 100, 1000, 10000]) {
			for (const l of [proportionFunnelLimits(0.3, n), ratioFunnelLimits(n)]) {
				expect(l.lower998).toBeLessThanOrEqual(l.lower95);
				expect(l.upper998).toBeGreaterThanOrEqual(l.upper95);
			}
			const r = ratioFunnelLimits(n);
			expect(r.lower95).toBeLessThan(1);
			expect(r.upper95).toBeGreaterThan(1);
			expect(r.upper95 - r.lower95).toBeLessThan(prev);
			prev = r.upper95 - r.lower95;
		}
	});

	it('throws on bad inputs', () => {
		expect(() => pooledProportion([{ numerator: 6, denominator: 5 }])).toThrow(/greater than denominator/);
		expect(() => pooledProportion([{ numerator: -1, denominator: 5 }])).toThrow(/numerator/);
		expect(() => proportionFunnelLimits(1.2, 10)).toThrow(/0-1/);
		expect(() => ratioFunnelLimits(0)).toThrow(/expected/);
	});
});

describe('over-dispersion', () => {
	it('phi = mean of squared z-scores when nothing is trimmed; inflation only when phi > 1', () => {
		const d = dispersionRatio([2, -2, 2, -2], { trim: 0 });
		expect(d.phi).toBe(4);
		expect(d.inflation).toBe(2);
		const under = dispersionRatio([0.5, -0.5], { trim: 0 });
		expect(under.inflation).toBe(1);
		expect(under.overdispersed).toBe(false);
	});

	it('Winsorising pulls an extreme z-score in to the 90th percentile', () => {
		const z = [0, 0, 0, 0, 0, 0, 0, 0, 0, 100];
		// type-7 90th percentile of that list is 0 + 0.1 x 100 = 10.
		expect(dispersionRatio(z).phi).toBeCloseTo(100 / 10, 12);
	});

	it('inflation multiplies distances from the target and respects bounds', () => {
		const l = inflateLimits({ lower95: 0.4, upper95: 0.6, lower998: 0.35, upper998: 0.65 }, 0.5, { inflation: 2 }, [0, 1]);
		expect(l.lower95).toBeCloseTo(0.3, 14);
		expect(l.upper998).toBeCloseTo(0.8, 14);
		expect(inflateLimits({ lower95: 0.1, upper95: 0.9, lower998: 0, upper998: 1 }, 0.5, { inflation: 3 }, [0, 1]).upper95).toBe(1);
		expect(proportionZScore(60, 100, 0.5)).toBeCloseTo(2, 14);
	});
});

describe('benchmark labels', () => {
	it('higher / lower / similar, better / worse with a direction, not compared', () => {
		expect(benchmarkLabel({ lower: 0.6, upper: 0.7 }, 0.5)).toBe('higher');
		expect(benchmarkLabel({ lower: 0.6, upper: 0.7 }, 0.5, 'higher_is_better')).toBe('better');
		expect(benchmarkLabel({ lower: 0.6, upper: 0.7 }, 0.5, 'lower_is_better')).toBe('worse');
		expect(benchmarkLabel({ lower: 0.2, upper: 0.4 }, 0.5, 'higher_is_better')).toBe('worse');
		expect(benchmarkLabel({ lower: 0.2, upper: 0.4 }, 0.5)).toBe('lower');
		expect(benchmarkLabel({ lower: 0.4, upper: 0.6 }, 0.5)).toBe('similar');
		expect(benchmarkLabel({ lower: 0.5, upper: 0.6 }, 0.5)).toBe('similar');
		expect(benchmarkLabel(null, 0.5)).toBe('not_compared');
		expect(benchmarkLabel({ lower: 0.4, upper: 0.6 }, null)).toBe('not_compared');
	});

	it('funnel positions check the 99.8% limits first', () => {
		const l = { lower95: 0.4, upper95: 0.6, lower998: 0.3, upper998: 0.7 };
		expect([0.8, 0.65, 0.5, 0.35, 0.2].map((v) => funnelPosition(v, l))).toEqual(['high_998', 'high_95', 'within', 'low_95', 'low_998']);
		expect(positionByIntervals({ lower: 1.1, upper: 1.5 }, { lower: 0.9, upper: 1.7 }, 1)).toBe('high_95');
	});
});
