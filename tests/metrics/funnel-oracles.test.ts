import { describe, expect, it } from 'vitest';
import { funnelPosition, positionByIntervals, type FunnelPosition } from '../../src/lib/metrics/benchmark.js';
import { arcsineProportionFunnelLimits, poissonFunnelPoint, pooledProportion, pooledRatio, proportionFunnelLimits, ratioFunnelLimits, type FunnelLimits } from '../../src/lib/metrics/funnel-limits.js';
import { dispersionRatio, ratioZScore } from '../../src/lib/metrics/overdispersion.js';
import { poissonCountLimits } from '../../src/lib/metrics/rate.js';
import { oraclesMissing, readOracle, relDiff, req, type CsvRow } from './oracle-files.js';

const PHE_LABEL: Record<FunnelPosition, string> = {
	high_998: 'High (0.001)',
	high_95: 'High (0.025)',
	within: 'Not significant',
	low_95: 'Low (0.025)',
	low_998: 'Low (0.001)'
};
const LIMIT_KEY: Record<string, keyof FunnelLimits> = { ll95: 'lower95', ul95: 'upper95', ll998: 'lower998', ul998: 'upper998' };
const list = (s: string) => s.split('|').map(Number);

function countInterval(observed: number, expected: number, level: number) {
	const l = poissonCountLimits(observed, level);
	return { lower: l.lower / expected, upper: l.upper / expected };
}

describe.skipIf(oraclesMissing)('FunnelPlotR oracle', () => {
	const rows = oraclesMissing ? [] : readOracle('funnelplotr_oracle.csv');
	const limitRows = rows.filter((r) => String(r.function).startsWith('calculate_limits'));

	it('Poisson (SR) and arcsine (PR) limits', () => {
		expect(limitRows).toHaveLength(76);
		for (const r of limitRows) {
			const n = req(String(r.input).replace('number_seq=', ''));
			const limits = String(r.function).includes('(SR') ? ratioFunnelLimits(n, 1) : arcsineProportionFunnelLimits(0.5, n);
			const got = limits[LIMIT_KEY[String(r.output)] as keyof FunnelLimits];
			// Upstream expectations are printed to 6-7 decimals; derived rows are full doubles.
			const tolerance = r.kind === 'upstream' ? 5e-6 : 1e-9;
			expect(relDiff(got, req(r.expected)), `${r.input} ${r.output}`).toBeLessThan(tolerance);
		}
	});

	it('dispersion ratio of the SHMI example (truncation, as FunnelPlotR SHMI) and Winsorised by hand', () => {
		const row = rows.find((r) => r.output === 'phi')!;
		const [numPart, denPart] = String(row.input).split('; ');
		const num = list(numPart!.replace('num=', ''));
		const den = list(denPart!.replace('denom=', ''));
		const z = num.map((o, i) => ratioZScore(o, den[i]!));
		expect(relDiff(dispersionRatio(z, { method: 'truncate' }).phi, req(row.expected))).toBeLessThan(5e-7);
		// numpy: clip z to its type-7 10th/90th percentiles, mean of squares.
		expect(relDiff(dispersionRatio(z).phi, 2.149053099170452)).toBeLessThan(1e-12);
	});

	it('aggregated ratios', () => {
		const groups: Record<string, [number[], number[]]> = { a: [[100, 150, 180], [102, 135, 165]], b: [[89, 120], [95, 100]], c: [[225], [220]] };
		const aggRows = rows.filter((r) => String(r.function).startsWith('aggregate_func'));
		expect(aggRows).toHaveLength(3);
		for (const r of aggRows) {
			const [o, e] = groups[String(r.input).slice(6, 7)]!;
			const got = pooledRatio(o.map((observed, i) => ({ observed, expected: e[i]! })));
			expect(relDiff(got, req(r.expected))).toBeLessThan(5e-7);
		}
	});

	it('outlier flags: outside the limits, limits not scaled by a multiplier', () => {
		const outRows = rows.filter((r) => String(r.function).startsWith('outliers_func'));
		expect(outRows).toHaveLength(5);
		for (const r of outRows) {
			// The multiplier row names no limits: it reuses the first row's 0.9 and 1.1.
			const [lo = 0.9, hi = 1.1] = (String(r.function).match(/=(\d\.\d+)/g) ?? []).map((s) => Number(s.slice(1)));
			const scale = String(r.function).includes('multiplier=100') ? 100 : 1;
			const limits: FunnelLimits = { lower95: lo!, upper95: hi!, lower998: -Infinity, upper998: Infinity };
			const flags = list(String(r.input).replace('rr=', '')).map((rr) => (funnelPosition(rr * scale, limits) === 'within' ? 0 : 1));
			expect(flags.join(','), String(r.function)).toBe(r.expected);
		}
	});
});

describe.skipIf(oraclesMissing)('PHEindicatormethods funnel oracles', () => {
	const checkProportionLimits = (rows: CsvRow[], target: number) => {
		for (const r of rows) {
			const l = proportionFunnelLimits(target, req(r.Population));
			const pairs: [number, string][] = [[l.lower95, 'Lower2s0025limit'], [l.upper95, 'Upper2s0025limit'], [l.lower998, 'Lower3s0001limit'], [l.upper998, 'Upper3s0001limit']];
			for (const [got, key] of pairs) expect(Math.abs(got * 100 - req(r[key])), `${r.Population} ${key}`).toBeLessThan(1e-6);
		}
	};

	it('proportion funnel limits: pooled target and closed form to the files\' 6 decimals', () => {
		const inputs = readOracle('phe/funnel/testdata_funnel_prop_inputs.csv');
		const outputs = readOracle('phe/funnel/testdata_funnel_prop_outputs.csv');
		const target = pooledProportion(inputs.map((r) => ({ numerator: req(r.numerator), denominator: req(r.denominator) })));
		expect(Math.abs(target * 100 - req(outputs[0]!.Baseline))).toBeLessThan(1e-6);
		expect(outputs).toHaveLength(100);
		checkProportionLimits(outputs, target);
		const axis = readOracle('phe/funnel/testdata_funnel_prop_outputs_with_axis_variation.csv');
		checkProportionLimits(axis, req(axis[0]!.Baseline) / 100);
	});

	it('proportion significance labels', () => {
		const inputs = readOracle('phe/funnel/testdata_funnel_prop_inputs.csv');
		const target = pooledProportion(inputs.map((r) => ({ numerator: req(r.numerator), denominator: req(r.denominator) })));
		for (const r of inputs) {
			const pos = funnelPosition(req(r.numerator) / req(r.denominator), proportionFunnelLimits(target, req(r.denominator)));
			expect(PHE_LABEL[pos], r.Area).toBe(r.significance);
		}
	});

	it('ratio funnel points: expected counts, ISRs and count ratios to 1e-4 relative', () => {
		const rows = readOracle('phe/funnel/testdata_funnel_ratio_outputs.csv');
		expect(rows.length).toBeGreaterThan(90);
		for (const r of rows) {
			const o = req(r.Observed_events);
			for (const [level, tag] of [[0.95, '2s'], [0.998, '3s']] as const) {
				const p = poissonFunnelPoint(o, level);
				expect(relDiff(p.expected_at_lower, req(r[`lower_${tag}_exp_events`])), `${o} lower ${tag}`).toBeLessThan(1e-4);
				expect(relDiff(p.expected_at_upper, req(r[`upper_${tag}_exp_events`])), `${o} upper ${tag}`).toBeLessThan(1e-4);
				expect(relDiff((o / p.expected_at_lower) * 100, req(r[`lower_${tag}_isr`]))).toBeLessThan(1e-4);
				expect(relDiff(o / p.expected_at_upper, req(r[`upper_${tag}_count`]) + 1)).toBeLessThan(1e-4);
			}
		}
	});

	it('ratio significance labels from exact / Byar\'s intervals against 1', () => {
		const rows = readOracle('phe/funnel/testdata_funnel_ratio_inputs.csv');
		for (const r of rows) {
			const o = req(r.obs);
			const e = req(r.expected);
			expect(PHE_LABEL[positionByIntervals(countInterval(o, e, 0.95), countInterval(o, e, 0.998), 1)], `${o}/${e}`).toBe(r.significance);
		}
	});

	it.each(['testdata_funnel_rate_outputs.csv', 'testdata_funnel_rate_outputs_2.csv', 'testdata_funnel_rate_outputs_3.csv'])('rate funnel limits in %s', (file) => {
		const rows = readOracle(`phe/funnel/${file}`);
		const perPerson = req(rows[0]!.baseline) / 100_000;
		const first = poissonFunnelPoint(req(rows[0]!.Events), 0.95).expected_at_lower / perPerson;
		const years = Math.round(first / req(rows[0]!.lower_2s_population_1_year));
		for (const r of rows) {
			const ev = req(r.Events);
			for (const [level, tag] of [[0.95, '2s'], [0.998, '3s']] as const) {
				const p = poissonFunnelPoint(ev, level);
				expect(relDiff((ev / p.expected_at_lower) * perPerson * 100_000, req(r[`lower_${tag}_limit`])), `${ev} ${tag}`).toBeLessThan(1e-4);
				expect(relDiff((ev / p.expected_at_upper) * perPerson * 100_000, req(r[`upper_${tag}_limit`])), `${ev} ${tag}`).toBeLessThan(1e-4);
				expect(relDiff(p.expected_at_lower / perPerson / years, req(r[`lower_${tag}_population_1_year`]))).toBeLessThan(1e-4);
			}
		}
	});

	it('crude rate significance labels against the pooled rate', () => {
		const rows = readOracle('phe/funnel/testdata_funnel_rate_dsr_inputs.csv');
		const target = rows.reduce((s, r) => s + req(r.count), 0) / rows.reduce((s, r) => s + req(r.pop), 0);
		for (const r of rows) {
			const o = req(r.count);
			const n = req(r.pop);
			const label = PHE_LABEL[positionByIntervals(countInterval(o, n, 0.95), countInterval(o, n, 0.998), target)];
			expect(label, `${o}/${n}`).toBe(r.crude_per_100000_with_0);
			expect(label).toBe(r.crude_per_100_with_0);
		}
	});
});
