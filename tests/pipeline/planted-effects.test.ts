/**
 * End to end: a demo delivery through the real pipeline, then the statistics layer over the
 * published Parquet, must recover the effects the generator planted (within their intervals)
 * and agree exactly with the generator's own tallies of what it wrote.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data-pipeline/src/demo/generate.js';
import { runPipeline } from '../../data-pipeline/src/run.js';
import { differenceInDifferences, meanInterval, summariseWellbeing, type GpUseRecord } from '../../src/lib/metrics/index.js';
import type { Instrument } from '../../src/lib/schema/index.js';
import { pipelineOptions, tempRoot, withDb } from './helpers.js';

interface PlantedMeasure {
	instrument: Instrument;
	measure: string;
	n_pairs: number;
	planted_mean_change: number;
	realised_sum_change: number;
}
interface PlantedGroup {
	n: number;
	sum_before: number;
	sum_after: number;
}
interface Planted {
	wellbeing: { measures: PlantedMeasure[] };
	gp_appointments: {
		did: { window_months: number; planted_did_referred: number; planted_did_accepted: number; realised_did_referred: number; groups: Record<string, PlantedGroup> }[];
	};
}

type GpRow = GpUseRecord & { cohort: string; accepted: boolean | null };
type WbRow = { instrument: string; measure: string; baseline_score: number | null; follow_up_score: number | null; baseline_value: number | null; follow_up_value: number | null; change: number | null };

let cleanup: () => Promise<void>;
let planted: Planted;
let gp: GpRow[];
let wellbeing: WbRow[];

beforeAll(async () => {
	const root = await tempRoot('signpost-planted-');
	cleanup = root.cleanup;
	const delivery = join(root.dir, 'delivery');
	planted = (await generateDemo({ out: delivery, referrals: 20_000, seed: 'planted-test', dirty: false })) as Planted;
	const out = join(root.dir, 'out');
	await runPipeline(
		pipelineOptions({
			inputs: [delivery],
			out,
			reference: join(delivery, 'reference/gp-reg-pat-prac-map.csv'),
			list_sizes: join(delivery, 'reference/list-sizes.csv'),
			today: '2026-10-01'
		})
	);
	await withDb(async (db) => {
		gp = await db.all<GpRow>(
			`SELECT g.cohort, g.appts_before, g.appts_after, g.covered, r.accepted
			FROM read_parquet($1) g LEFT JOIN read_parquet($2) r USING (referral_id)`,
			[join(out, 'gp_use.parquet'), join(out, 'referrals.parquet')]
		);
		wellbeing = await db.all<WbRow>(`SELECT * FROM read_parquet($1)`, [join(out, 'wellbeing.parquet')]);
	});
}, 180_000);

afterAll(async () => cleanup?.());

describe('wellbeing effects planted in the demo delivery', () => {
	it('are recovered: pairs and raw change agree exactly with the generator, and each 95% interval holds the planted mean', () => {
		expect(planted.wellbeing.measures.length).toBe(7);
		for (const m of planted.wellbeing.measures) {
			const rows = wellbeing.filter((w) => w.instrument === m.instrument && w.measure === m.measure);
			const pairs = rows.filter((w) => w.change !== null);
			expect(pairs.length, `${m.instrument} ${m.measure} pairs`).toBe(m.n_pairs);
			// The generator tallies raw follow-up minus baseline; the pipeline's raw scores must give the same sum.
			const raw = pairs.map((w) => w.follow_up_score! - w.baseline_score!);
			expect(raw.reduce((a, b) => a + b, 0), `${m.instrument} ${m.measure} raw change`).toBe(m.realised_sum_change);
			const ci = meanInterval(raw).interval!;
			expect(ci.lower, `${m.instrument} ${m.measure} lower`).toBeLessThanOrEqual(m.planted_mean_change);
			expect(ci.upper, `${m.instrument} ${m.measure} upper`).toBeGreaterThanOrEqual(m.planted_mean_change);
			// The published change is improvement-positive on the analysis scale.
			const summary = summariseWellbeing(rows, { instrument: m.instrument, measure: m.measure });
			expect(summary.n_paired).toBe(m.n_pairs);
			expect(summary.change.mean!).toBeGreaterThan(0);
		}
	});
});

describe('GP appointments avoided in the demo delivery', () => {
	const w6 = () => planted.gp_appointments.did.find((d) => d.window_months === 6)!;

	it('appointment counts are present exactly when the record covers both windows, both together (the Overview relies on it)', () => {
		expect(gp.some((g) => !g.covered)).toBe(true);
		for (const g of gp) {
			expect(g.appts_before !== null).toBe(g.covered);
			expect(g.appts_after !== null).toBe(g.covered);
		}
	});

	it('the published windows agree exactly with the generator (W = 6)', () => {
		for (const [cohort, group] of [['referred', w6().groups.referred!], ['comparison', w6().groups.comparison!]] as const) {
			const rows = gp.filter((g) => g.cohort === cohort && g.covered);
			expect(rows.length, cohort).toBe(group.n);
			expect(rows.reduce((a, g) => a + g.appts_before!, 0), `${cohort} before`).toBe(group.sum_before);
			expect(rows.reduce((a, g) => a + g.appts_after!, 0), `${cohort} after`).toBe(group.sum_after);
		}
	});

	it('difference-in-differences recovers the planted effect within its 95% interval, where raw before/after would overstate it', () => {
		const referred = gp.filter((g) => g.cohort === 'referred');
		const accepted = referred.filter((g) => g.accepted === true);
		const comparison = gp.filter((g) => g.cohort === 'comparison');
		const all = differenceInDifferences(referred, comparison);
		expect(all.interval!.estimate).toBeCloseTo(w6().realised_did_referred, 9);
		expect(all.interval!.lower).toBeLessThanOrEqual(w6().planted_did_referred);
		expect(all.interval!.upper).toBeGreaterThanOrEqual(w6().planted_did_referred);
		const acc = differenceInDifferences(accepted, comparison);
		expect(acc.interval!.lower).toBeLessThanOrEqual(w6().planted_did_accepted);
		expect(acc.interval!.upper).toBeGreaterThanOrEqual(w6().planted_did_accepted);
		// Regression to the mean: the raw fall among the referred is well above the planted effect.
		const raw = w6().groups.referred!;
		expect((raw.sum_before - raw.sum_after) / raw.n).toBeGreaterThan(1.5 * w6().planted_did_referred);
	});
});
