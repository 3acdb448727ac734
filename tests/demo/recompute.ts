/**
 * The two headline results recomputed from a delivery's CSV files alone, by the methods'
 * definitions, so tests can hold planted.json's "realised" figures to exact agreement.
 */
import { join } from 'node:path';
import { ACCEPTED_STATUSES } from '../../src/lib/schema/index.js';
import { isoDate } from './contract-check.js';
import { readTable, rowObjects } from './helpers.js';

/** Paired change per `instrument.measure`: pairs and summed change (follow-up minus baseline). */
export function pairedChange(dir: string, loadedReferrals?: Set<string>): Record<string, { n: number; sum: number }> {
	const groups = new Map<string, { date: string; score: number; timepoint: string }[]>();
	for (const row of rowObjects(readTable(join(dir, 'wellbeing.csv')))) {
		const date = isoDate(row.assessment_date!);
		const score = Number(row.score);
		if (!date || !Number.isFinite(score)) continue;
		if (loadedReferrals && !loadedReferrals.has(row.referral_id!)) continue;
		const key = `${row.referral_id}|${row.instrument!.trim().toLowerCase()}.${row.measure}`;
		const list = groups.get(key) ?? [];
		list.push({ date, score, timepoint: row.timepoint!.trim().toLowerCase() });
		groups.set(key, list);
	}
	const result: Record<string, { n: number; sum: number }> = {};
	for (const [key, rows] of groups) {
		rows.sort((a, b) => a.date.localeCompare(b.date));
		const labelled = rows.some((r) => r.timepoint !== '');
		const baseline = labelled ? rows.find((r) => r.timepoint === 'baseline') : rows[0];
		const followUp = labelled ? [...rows].reverse().find((r) => r.timepoint === 'follow_up') : rows.length > 1 && rows.at(-1)!.date > rows[0]!.date ? rows.at(-1) : undefined;
		if (!baseline || !followUp) continue;
		const measure = key.split('|')[1]!;
		const entry = (result[measure] ??= { n: 0, sum: 0 });
		entry.n++;
		entry.sum += followUp.score - baseline.score;
	}
	return result;
}

/** Covered index months and appointments before/after, per group, for a window of W months. */
export function gpWindows(
	dir: string,
	w: number,
	rejectedReferralLines = new Set<number>()
): Record<'accepted' | 'not_accepted' | 'comparison', { n: number; before: number; after: number }> {
	const use = new Map<string, Map<string, number>>();
	for (const row of readTable(join(dir, 'gp_appointments.csv')).rows) {
		const [person, month, count] = row as [string, string, string];
		// A rejected row (bad month or count) leaves the month unknown.
		if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !/^\d+$/.test(count) || Number(count) > 60) continue;
		let months = use.get(person);
		if (!months) use.set(person, (months = new Map()));
		months.set(month, Number(count));
	}
	const result = { accepted: { n: 0, before: 0, after: 0 }, not_accepted: { n: 0, before: 0, after: 0 }, comparison: { n: 0, before: 0, after: 0 } };
	const add = (group: keyof typeof result, person: string, date: string): void => {
		const months = use.get(person);
		if (!months) return;
		const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
		const at = (m: number): number | undefined => months.get(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
		let before = 0;
		let after = 0;
		for (let k = 1; k <= w; k++) {
			const b = at(index - k);
			const a = at(index + k);
			if (b === undefined || a === undefined) return;
			before += b;
			after += a;
		}
		result[group].n++;
		result[group].before += before;
		result[group].after += after;
	};
	const referrals = readTable(join(dir, 'referrals.csv'));
	for (const [i, r] of rowObjects(referrals).entries()) {
		if (rejectedReferralLines.has(referrals.lines[i]!)) continue;
		const accepted = (ACCEPTED_STATUSES as readonly string[]).includes(r.status!.trim().toLowerCase());
		add(accepted ? 'accepted' : 'not_accepted', r.person_id!, isoDate(r.referral_date!)!);
	}
	for (const c of rowObjects(readTable(join(dir, 'comparison.csv')))) add('comparison', c.person_id!, isoDate(c.index_date!)!);
	return result;
}
