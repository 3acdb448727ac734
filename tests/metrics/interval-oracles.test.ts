import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../src/lib/metrics/mean.js';
import { wilsonInterval } from '../../src/lib/metrics/proportion.js';
import { byarsLimits, rateInterval } from '../../src/lib/metrics/rate.js';
import { num, oraclesMissing, readOracle, relDiff, req } from './oracle-files.js';

describe.skipIf(oraclesMissing)('PHEindicatormethods oracles', () => {
	it('Wilson proportions match phe_proportion to 6 significant figures, NA rows give null', () => {
		const rows = readOracle('phe/phe_wilson_proportion_oracle.csv');
		expect(rows.length).toBeGreaterThan(30);
		for (const r of rows) {
			if (String(r.case_id).startsWith('wilson_raw')) {
				// PHE's internal wilson_lower/upper: limits only, no estimate column.
				const raw = wilsonInterval(req(r.numerator), req(r.denominator), { level: req(r.confidence) });
				expect(relDiff(raw.lower, req(r.expected_lowercl)), r.case_id).toBeLessThan(5e-7);
				expect(relDiff(raw.upper, req(r.expected_uppercl)), r.case_id).toBeLessThan(5e-7);
				continue;
			}
			const got = wilsonInterval(num(r.numerator), num(r.denominator), { level: req(r.confidence), multiplier: req(r.multiplier) });
			if (r.expected_value === '') {
				expect(got, r.case_id).toBeNull();
				continue;
			}
			expect(got, r.case_id).not.toBeNull();
			expect(relDiff(got!.estimate, req(r.expected_value)), r.case_id).toBeLessThan(5e-7);
			expect(relDiff(got!.lower, req(r.expected_lowercl)), r.case_id).toBeLessThan(5e-7);
			expect(relDiff(got!.upper, req(r.expected_uppercl)), r.case_id).toBeLessThan(5e-7);
		}
	});

	it('rates use exact limits below 10 events and Byar\'s from 10, as phe_rate', () => {
		const rows = readOracle('phe/phe_rate_byars_exact_oracle.csv');
		expect(rows.length).toBeGreaterThan(30);
		for (const r of rows) {
			if (String(r.case_id).startsWith('byars_raw')) {
				const raw = byarsLimits(req(r.numerator), req(r.confidence));
				// PHE gives NA where the lower cube is negative; we give 0, the bound of a count.
				expect(r.expected_lowercl === '' ? raw.lower === 0 : relDiff(raw.lower, req(r.expected_lowercl)) < 5e-7, r.case_id).toBe(true);
				expect(relDiff(raw.upper, req(r.expected_uppercl)), r.case_id).toBeLessThan(5e-7);
				continue;
			}
			const got = rateInterval(num(r.numerator), num(r.denominator), { level: req(r.confidence), multiplier: req(r.multiplier) });
			if (r.expected_value === '') {
				expect(got, r.case_id).toBeNull();
				continue;
			}
			expect(got!.method, r.case_id).toBe(r.method === 'Exact' ? 'exact' : 'byars');
			expect(relDiff(got!.estimate, req(r.expected_value)), r.case_id).toBeLessThan(5e-7);
			expect(relDiff(got!.lower, req(r.expected_lowercl)), r.case_id).toBeLessThan(5e-7);
			expect(relDiff(got!.upper, req(r.expected_uppercl)), r.case_id).toBeLessThan(5e-7);
		}
	});

	it('t-intervals for means match phe_mean for each group and overall', () => {
		const values = readOracle('phe/phe_mean_input_values.csv');
		const expected = readOracle('phe/phe_mean_oracle.csv');
		expect(expected).toHaveLength(6);
		for (const r of expected) {
			const group = values.filter((v) => r.group === 'No grouping' || v.area === r.group).map((v) => req(v.value));
			const got = meanInterval(group, req(r.confidence));
			expect(got.n, r.case_id).toBe(req(r.n));
			expect(relDiff(got.mean!, req(r.expected_mean)), r.case_id).toBeLessThan(5e-7);
			expect(relDiff(got.sd!, req(r.sd)), r.case_id).toBeLessThan(5e-7);
			expect(relDiff(got.interval!.lower, req(r.expected_lowercl)), r.case_id).toBeLessThan(5e-7);
			expect(relDiff(got.interval!.upper, req(r.expected_uppercl)), r.case_id).toBeLessThan(5e-7);
		}
	});
});
