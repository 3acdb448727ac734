import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTED_STATUSES, MEASURES } from '../../src/lib/schema/index.js';
import { addDays } from './contract-check.js';
import { generated, planted, readTable, rowObjects } from './helpers.js';
import { gpWindows, pairedChange } from './recompute.js';

let dir: string;
let truth: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let referrals: Record<string, string>[];
const isAccepted = (status: string): boolean => (ACCEPTED_STATUSES as readonly string[]).includes(status);
const share = (part: number, whole: number): number => part / whole;

beforeAll(async () => {
	dir = await generated({ referrals: 20_000, seed: 7, dirty: false });
	truth = planted(dir);
	referrals = rowObjects(readTable(join(dir, 'referrals.csv')));
});

describe('referrals look like a real service', () => {
	it('about 70% are taken up, with first contact 3-30 days after referral', () => {
		const accepted = referrals.filter((r) => isAccepted(r.status!));
		expect(share(accepted.length, referrals.length)).toBeGreaterThan(0.66);
		expect(share(accepted.length, referrals.length)).toBeLessThan(0.74);
		expect(accepted.length).toBe(truth.referrals.accepted);
		for (const r of accepted) {
			const days = (Date.parse(r.first_contact_date!) - Date.parse(r.referral_date!)) / 86_400_000;
			expect(days).toBeGreaterThanOrEqual(3);
			expect(days).toBeLessThanOrEqual(30);
		}
		const statuses = new Set(referrals.map((r) => r.status));
		expect([...statuses].sort()).toEqual(['accepted', 'closed_other', 'completed', 'declined', 'did_not_attend', 'in_progress']);
	});

	it('dip in August and December', () => {
		const perMonth = new Map<string, number>();
		for (const r of referrals) perMonth.set(r.referral_date!.slice(5, 7), (perMonth.get(r.referral_date!.slice(5, 7)) ?? 0) + 1);
		const others = [...perMonth].filter(([m]) => m !== '08' && m !== '12').map(([, n]) => n);
		const typical = others.reduce((a, b) => a + b, 0) / others.length;
		expect(perMonth.get('08')!).toBeLessThan(0.88 * typical);
		expect(perMonth.get('12')!).toBeLessThan(0.88 * typical);
	});

	it('practices refer 0.5-2% of their list a year', () => {
		const { min, max, mean } = truth.referrals.referral_rate_percent_of_list_per_year;
		// Small practices add Poisson noise to their drawn 0.6-1.9%.
		expect(min).toBeGreaterThan(0.45);
		expect(max).toBeLessThan(2.4);
		expect(mean).toBeGreaterThan(0.9);
		expect(mean).toBeLessThan(1.6);
	});

	it('over-represents older and more deprived people, and often records several needs', () => {
		const older = referrals.filter((r) => ['65-74', '75-84', '85+'].includes(r.age_band!)).length;
		expect(share(older, referrals.length)).toBeGreaterThan(0.35);
		const imd = referrals.filter((r) => r.imd_decile !== '').map((r) => Number(r.imd_decile));
		expect(imd.reduce((a, b) => a + b, 0) / imd.length).toBeLessThan(5.2);
		const several = referrals.filter((r) => r.needs!.includes(';')).length;
		expect(share(several, referrals.length)).toBeGreaterThan(0.3);
		expect(share(several, referrals.length)).toBeLessThan(0.6);
	});

	it('gives taken-up referrals several link worker contacts and signposts only them', () => {
		const accepted = new Set(referrals.filter((r) => isAccepted(r.status!)).map((r) => r.referral_id));
		const contacts = rowObjects(readTable(join(dir, 'contacts.csv')));
		const toAccepted = contacts.filter((c) => accepted.has(c.referral_id!)).length;
		expect(toAccepted / accepted.size).toBeGreaterThan(2.5);
		const signposts = rowObjects(readTable(join(dir, 'signposting.csv')));
		expect(signposts.every((s) => accepted.has(s.referral_id!))).toBe(true);
		expect(new Set(signposts.map((s) => s.activity)).size).toBeGreaterThan(8);
	});

	it('workforce is 1-6 FTE per PCN and changes over time', () => {
		const rows = rowObjects(readTable(join(dir, 'workforce.csv')));
		const byPcn = new Map<string, Set<string>>();
		for (const r of rows) {
			expect(Number(r.fte)).toBeGreaterThanOrEqual(1);
			expect(Number(r.fte)).toBeLessThanOrEqual(6);
			byPcn.set(r.pcn_code!, (byPcn.get(r.pcn_code!) ?? new Set()).add(r.fte!));
		}
		expect(byPcn.size).toBe(truth.geography.pcns);
		expect([...byPcn.values()].filter((v) => v.size > 1).length).toBeGreaterThan(byPcn.size / 2);
		expect(rows.length).toBe(byPcn.size * 42);
	});
});

describe('wellbeing: planted change is there and exactly accounted for', () => {
	it('about half of taken-up referrals have a pair, mostly ONS4, with and without timepoint labels', () => {
		const rows = rowObjects(readTable(join(dir, 'wellbeing.csv')));
		const pairedReferrals = new Set(Object.keys(pairedChangeByReferral(rows)));
		const { accepted_referrals, accepted_paired } = truth.wellbeing;
		expect(pairedReferrals.size).toBe(accepted_paired);
		expect(share(accepted_paired, accepted_referrals)).toBeGreaterThan(0.42);
		expect(share(accepted_paired, accepted_referrals)).toBeLessThan(0.58);
		const byInstrument = new Map<string, number>();
		for (const r of rows) byInstrument.set(r.instrument!, (byInstrument.get(r.instrument!) ?? 0) + 1);
		expect(byInstrument.get('ons4')!).toBeGreaterThan(rows.length / 2);
		for (const instrument of ['wemwbs', 'swemwbs', 'ucla3']) expect(byInstrument.get(instrument) ?? 0, instrument).toBeGreaterThan(200);
		const labelled = rows.filter((r) => r.timepoint !== '').length;
		expect(labelled).toBeGreaterThan(rows.length * 0.2);
		expect(labelled).toBeLessThan(rows.length * 0.9);
	});

	it('realised pair counts and summed change in planted.json match the CSV exactly', () => {
		const recomputed = pairedChange(dir);
		for (const m of truth.wellbeing.measures) {
			const key = `${m.instrument}.${m.measure}`;
			expect(recomputed[key], key).toEqual({ n: m.n_pairs, sum: m.realised_sum_change });
		}
		expect(truth.wellbeing.measures.map((m: { instrument: string; measure: string }) => `${m.instrument}.${m.measure}`)).toEqual(
			MEASURES.map((m) => `${m.instrument}.${m.measure}`)
		);
	});

	it('realised change recovers the planted change, overall and by practice', () => {
		for (const m of truth.wellbeing.measures) {
			expect(Math.sign(m.realised_mean_change), `${m.instrument}.${m.measure}`).toBe(Math.sign(m.planted_change));
			expect(Math.abs(m.realised_mean_change - m.planted_mean_change), `${m.instrument}.${m.measure}`).toBeLessThan(0.12 * Math.abs(m.planted_mean_change) + 0.05);
			expect(m.clipped_share).toBeLessThan(0.05);
		}
		// Practices differ: the planted practice means spread out.
		const ls = truth.wellbeing.measures.find((m: { measure: string }) => m.measure === 'life_satisfaction');
		const planted = Object.values(ls.by_practice).map((p) => (p as { planted_mean_change: number }).planted_mean_change);
		expect(Math.max(...planted) - Math.min(...planted)).toBeGreaterThan(0.4);
		expect(Object.keys(ls.by_need).length).toBeGreaterThan(10);
	});
});

describe('GP appointments: spike, regression to the mean and a recoverable effect', () => {
	it('covers at least 12 months either side of referral for most people, with zeros and some gaps', () => {
		const table = readTable(join(dir, 'gp_appointments.csv'));
		const zeros = table.rows.filter((r) => r[2] === '0').length;
		expect(zeros / table.rows.length).toBeGreaterThan(0.2);
		const months = new Map<string, Set<string>>();
		for (const [person, month] of table.rows as [string, string][]) months.set(person, (months.get(person) ?? new Set()).add(month));
		let covered = 0;
		let gaps = 0;
		const first = new Map<string, string>();
		for (const r of referrals) if (!first.has(r.person_id!)) first.set(r.person_id!, r.referral_date!);
		for (const [person, date] of first) {
			const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
			let full = true;
			for (let k = -12; k <= 12; k++) {
				const m = index + k;
				const text = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
				if (text <= '2026-09' && !months.get(person)?.has(text)) full = false;
			}
			if (full) covered++;
			else gaps++;
		}
		expect(covered / first.size).toBeGreaterThan(0.85);
		expect(gaps / first.size).toBeGreaterThan(0.03);
	});

	it('the comparison cohort is about half the size, matched, and never referred', () => {
		const comparison = rowObjects(readTable(join(dir, 'comparison.csv')));
		const referred = new Set(referrals.map((r) => r.person_id));
		expect(comparison.length / referred.size).toBeGreaterThan(0.4);
		expect(comparison.length / referred.size).toBeLessThan(0.6);
		const profiles = new Set(referrals.map((r) => [r.practice_code, r.age_band, r.sex, r.ethnic_group, r.imd_decile].join('|')));
		for (const c of comparison) {
			expect(referred.has(c.person_id)).toBe(false);
			expect(profiles.has([c.practice_code, c.age_band, c.sex, c.ethnic_group, c.imd_decile].join('|'))).toBe(true);
		}
	});

	it('planted.json DiD sums match the CSVs exactly, and the DiD recovers the planted effect', () => {
		for (const entry of truth.gp_appointments.did) {
			const w = entry.window_months;
			const recomputed = gpWindows(dir, w);
			for (const group of ['accepted', 'not_accepted', 'comparison'] as const) {
				const g = entry.groups[group];
				expect(recomputed[group], `W=${w} ${group}`).toEqual({ n: g.n, before: g.sum_before, after: g.sum_after });
			}
			const c = entry.groups.comparison;
			// Regression to the mean: the comparison cohort falls too, with no intervention.
			expect(c.mean_before).toBeGreaterThan(c.mean_after);
			// Raw before/after overstates the effect; the DiD is close to what was planted.
			expect(entry.groups.accepted.mean_avoided).toBeGreaterThan(entry.realised_did_accepted);
			expect(entry.planted_did_accepted).toBeGreaterThan(0.3);
			expect(Math.abs(entry.realised_did_accepted - entry.planted_did_accepted)).toBeLessThan(0.25 * entry.planted_did_accepted);
		}
	});
});

/** Referrals with a baseline and a later follow-up on some measure (the spec's unlabelled rule, or labels). */
function pairedChangeByReferral(rows: Record<string, string>[]): Record<string, true> {
	const byKey = new Map<string, Record<string, string>[]>();
	for (const r of rows) {
		const key = `${r.referral_id}|${r.instrument}|${r.measure}`;
		byKey.set(key, [...(byKey.get(key) ?? []), r]);
	}
	const paired: Record<string, true> = {};
	for (const [key, list] of byKey) {
		const labelled = list.some((r) => r.timepoint !== '');
		const ok = labelled
			? list.some((r) => r.timepoint === 'baseline') && list.some((r) => r.timepoint === 'follow_up')
			: new Set(list.map((r) => r.assessment_date)).size > 1;
		if (ok) paired[key.split('|')[0]!] = true;
		// Follow-ups come 8-16 weeks after baselines.
		const dates = list.map((r) => r.assessment_date!).sort();
		if (ok) expect(dates.at(-1)! >= addDays(dates[0]!, 56) && dates.at(-1)! <= addDays(dates[0]!, 112)).toBe(true);
	}
	return paired;
}
