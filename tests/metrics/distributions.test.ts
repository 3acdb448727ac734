import { describe, expect, it } from 'vitest';
import { chiSquareCdf, chiSquareQuantile, gammaQuantile } from '../../src/lib/metrics/chi-square.js';
import { normalCdf, normalQuantile } from '../../src/lib/metrics/normal.js';
import { incompleteBeta, incompleteGamma, logGamma } from '../../src/lib/metrics/special-functions.js';
import { tCdf, tQuantile } from '../../src/lib/metrics/student-t.js';
import { relDiff } from './oracle-files.js';

// Reference values computed with scipy 1.17 (scipy.stats.norm/t/chi2.ppf, scipy.special).
describe('normal distribution', () => {
	it.each([
		[0.975, 1.959963984540054],
		[0.999, 3.090232306167813],
		[1e-10, -6.361340902404056],
		[0.3, -0.5244005127080409],
		[0.02, -2.053748910631823],
		[0.9999999, 5.199337582290661]
	])('quantile(%s) = %s', (p, expected) => {
		expect(relDiff(normalQuantile(p), expected)).toBeLessThan(1e-13);
	});

	it('cdf is accurate in the far tail and inverts the quantile', () => {
		expect(relDiff(normalCdf(-10), 7.61985302416047e-24)).toBeLessThan(1e-12);
		expect(relDiff(normalCdf(1.96), 0.9750021048517795)).toBeLessThan(1e-14);
		for (const p of [0.001, 0.2, 0.5, 0.8, 0.999]) expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-15);
	});

	it('gives infinities at 0 and 1 and throws outside', () => {
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1)).toBe(Infinity);
		expect(() => normalQuantile(1.5)).toThrow(/0 <= p <= 1/);
	});
});

describe("Student's t distribution", () => {
	it.each([
		[0.975, 1, 12.706204736174694],
		[0.975, 2, 4.302652729749462],
		[0.975, 3, 3.1824463052837078],
		[0.999, 7, 4.785289628638333],
		[0.975, 500, 1.9647198374673676],
		[0.999, 25, 3.450188726973063],
		[0.975, 2.5, 3.5746548420036817],
		[0.6, 4, 0.2707222947075976],
		[0.999, 1.3, 89.92242898188]
	])('quantile(%s, df %s) = %s', (p, df, expected) => {
		expect(relDiff(tQuantile(p, df), expected)).toBeLessThan(1e-12);
		expect(relDiff(tQuantile(1 - p, df), -expected)).toBeLessThan(1e-9);
	});

	it('approaches the normal quantile as df grows', () => {
		expect(relDiff(tQuantile(0.975, 1e6), 1.959966356814107)).toBeLessThan(1e-9);
		expect(tQuantile(0.975, 30)).toBeGreaterThan(tQuantile(0.975, 100));
	});

	it('cdf inverts the quantile and is symmetric', () => {
		for (const df of [1, 3, 9.5, 40]) {
			expect(Math.abs(tCdf(tQuantile(0.9, df), df) - 0.9)).toBeLessThan(1e-13);
			expect(tCdf(0, df)).toBe(0.5);
			expect(tCdf(-1.3, df) + tCdf(1.3, df)).toBeCloseTo(1, 14);
		}
	});

	it('rejects df <= 0', () => {
		expect(() => tQuantile(0.975, 0)).toThrow(/df > 0/);
	});
});

describe('chi-square and gamma distributions', () => {
	it.each([
		[0.001, 2, 0.002001000667167068],
		[0.025, 2.2, 0.07416487949870104],
		[0.999, 4.2, 18.886721095266143],
		[0.0001, 2, 0.0002000100006667168],
		[0.975, 2000, 2125.8423024497756],
		[0.001, 20000, 19387.64877164745],
		[0.975, 1, 5.023886187314888],
		[0.025, 1e6, 997230.0871432901],
		[0.5, 0.3, 0.012469611517980431],
		[0.025, 0.5, 5.273202591259991e-7]
	])('quantile(%s, df %s) = %s', (p, df, expected) => {
		expect(relDiff(chiSquareQuantile(p, df), expected)).toBeLessThan(1e-12);
	});

	it('with 2 df is the exponential: quantile -2 log(1 - p) (hand-worked)', () => {
		expect(relDiff(chiSquareQuantile(0.5, 2), 2 * Math.log(2))).toBeLessThan(1e-14);
		expect(relDiff(chiSquareCdf(2 * Math.log(2), 2), 0.5)).toBeLessThan(1e-14);
	});

	it('gamma quantile edges', () => {
		expect(gammaQuantile(0, 3)).toBe(0);
		expect(gammaQuantile(1, 3)).toBe(Infinity);
		expect(() => gammaQuantile(0.5, 0)).toThrow(/shape > 0/);
	});
});

describe('special functions', () => {
	it('log-gamma matches factorials and Gamma(1/2) = sqrt(pi)', () => {
		expect(relDiff(logGamma(10), Math.log(362880))).toBeLessThan(1e-14);
		expect(relDiff(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
		expect(relDiff(logGamma(1e-3), 6.907178885383854)).toBeLessThan(1e-13);
	});

	it('incomplete gamma: P(1, x) = 1 - exp(-x) and P + Q = 1', () => {
		const { p, q } = incompleteGamma(1, 2);
		expect(relDiff(p, 1 - Math.exp(-2))).toBeLessThan(1e-14);
		expect(relDiff(q, Math.exp(-2))).toBeLessThan(1e-14);
		const big = incompleteGamma(50, 70);
		expect(big.p + big.q).toBeCloseTo(1, 14);
	});

	it('incomplete beta: I_x(1, 1) = x and I_x(a, b) = 1 - I_(1-x)(b, a)', () => {
		expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
		expect(incompleteBeta(0.4, 2.5, 7) + incompleteBeta(0.6, 7, 2.5)).toBeCloseTo(1, 14);
		expect(relDiff(incompleteBeta(0.2, 2, 3), 0.1808)).toBeLessThan(1e-13);
	});
});
