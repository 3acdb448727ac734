import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../../data-pipeline/src/db.js';
import { csv, readParquet, runDelivery, tempRoot, type RunResult } from '../helpers.js';

/** Months from `from` to `to` inclusive, as YYYY-MM. */
function months(from: string, to: string): string[] {
	const out: string[] = [];
	let [y, m] = from.split('-').map(Number) as [number, number];
	for (;;) {
		const s = `${y}-${String(m).padStart(2, '0')}`;
		out.push(s);
		if (s === to) return out;
		m += 1;
		if (m === 13) [y, m] = [y + 1, 1];
	}
}

// P1 (referral RA, index month 2025-03): 2 a month before, 50 in the index month, 1 after.
const p1 = months('2024-02', '2026-04').map((m) => `P1,${m},${m < '2025-03' ? 2 : m === '2025-03' ? 50 : 1}`);
// P2 (referral RB, index 2025-04): January 2025 missing, so the 6 months before are not all there.
const p2 = months('2024-10', '2025-10').filter((m) => m !== '2025-01').map((m) => `P2,${m},3`);
// CP1 (comparison, index 2025-03): covered for W = 6, not for W = 12.
const cp1 = months('2024-09', '2025-09').map((m) => `CP1,${m},1`);

const delivery = {
	'referrals.csv': csv(
		'referral_id,person_id,practice_code,referral_date,status,first_contact_date,imd_decile',
		'RA,P1,A81001,2025-03-31,completed,2025-04-03,3',
		'RB,P2,A81002,2025-04-01,declined,,10',
		'RC,P3,A81004,2024-12-10,,,',
		'RD,P4,A81004,2024-07-15,in_progress,2024-07-15,1'
	),
	'contacts.csv': csv('contact_id,referral_id,contact_date', 'C1,RA,2025-04-03', 'C2,RA,2025-04-20', 'C3,RC,2024-12-11'),
	'wellbeing.csv': csv(
		'referral_id,assessment_date,instrument,measure,score,timepoint',
		'RA,2025-03-31,swemwbs,total,20,',
		'RA,2025-06-30,swemwbs,total,24,',
		'RA,2025-04-01,ons4,anxiety,7,baseline',
		'RA,2025-05-01,ons4,anxiety,2,review',
		'RA,2025-06-01,ons4,anxiety,4,follow_up',
		'RA,2025-04-01,ucla3,total,8,',
		'RA,2025-07-01,ucla3,total,5,',
		'RA,2025-05-01,ons4,life_satisfaction,5,baseline',
		'RA,2025-04-15,ons4,life_satisfaction,7,follow_up',
		'RA,2025-04-10,ons4,happiness,4,baseline',
		'RA,2025-04-01,ons4,happiness,6,',
		'RA,2025-06-01,ons4,happiness,8,',
		'RA,2025-04-01,wemwbs,total,40,',
		'RA,2025-05-01,ons4,worthwhile,6,review'
	),
	'gp_appointments.csv': csv('person_id,month,appointments', ...p1, ...p2, ...cp1),
	'comparison.csv': csv('person_id,practice_code,index_date,imd_decile', 'CP1,A81001,2025-03-10,4')
};

describe('derived tables, worked by hand', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	let db: Db;
	let w6: RunResult;
	let w12: RunResult;
	let w18: RunResult;

	beforeAll(async () => {
		temp = await tempRoot();
		db = await Db.open();
		w6 = await runDelivery(join(temp.dir, 'w6'), delivery, { today: '2025-12-31' });
		const { 'contacts.csv': _contacts, ...noContacts } = delivery;
		w12 = await runDelivery(join(temp.dir, 'w12'), noContacts, { today: '2025-12-31', window_months: 12 });
		w18 = await runDelivery(join(temp.dir, 'w18'), delivery, { today: '2025-12-31', window_months: 18 });
	});
	afterAll(async () => {
		db.close();
		await temp.cleanup();
	});

	it('referrals: financial year and quarter, month, days to first contact, acceptance, quintile, contacts', async () => {
		const rows = await readParquet(db, w6.out, 'referrals', 'referral_id');
		expect(rows.map((r) => [r.referral_id, r.referral_month, r.financial_year, r.fy_quarter, r.days_to_first_contact, r.accepted, r.imd_quintile, r.contacts, r.pcn_code])).toEqual([
			['RA', '2025-03-01', '2024/25', 'Q4', 3, true, 2, 2, 'U89141'],
			['RB', '2025-04-01', '2025/26', 'Q1', null, false, 5, 0, 'U89141'],
			['RC', '2024-12-01', '2024/25', 'Q3', null, null, null, 1, 'U02671'],
			['RD', '2024-07-01', '2024/25', 'Q2', 0, true, 1, 0, 'U02671']
		]);
	});

	it('referrals: contacts is null (no data), not 0, when no contacts file was delivered', async () => {
		const rows = await readParquet(db, w12.out, 'referrals', 'referral_id');
		expect(rows.map((r) => r.contacts)).toEqual([null, null, null, null]);
	});

	it('wellbeing: pairing, review ignored, follow-up after baseline, SWEMWBS metric, direction of change', async () => {
		const rows = await readParquet(db, w6.out, 'wellbeing', 'instrument, measure');
		const view = rows.map((r) => [
			`${r.instrument}/${r.measure}`,
			r.baseline_date,
			r.baseline_score,
			r.follow_up_date,
			r.follow_up_score,
			r.baseline_value,
			r.follow_up_value,
			r.paired,
			r.change,
			r.days_between
		]);
		expect(view).toEqual([
			['ons4/anxiety', '2025-04-01', 7, '2025-06-01', 4, 7, 4, true, 3, 61],
			['ons4/happiness', '2025-04-10', 4, '2025-06-01', 8, 4, 8, true, 4, 52],
			['ons4/life_satisfaction', '2025-05-01', 5, null, null, 5, null, false, null, null],
			['ons4/worthwhile', null, null, null, null, null, null, false, null, null],
			['swemwbs/total', '2025-03-31', 20, '2025-06-30', 24, 18.59, 21.54, true, 2.95, 91],
			['ucla3/total', '2025-04-01', 8, '2025-07-01', 5, 8, 5, true, 3, 91],
			['wemwbs/total', '2025-04-01', 40, null, null, 40, null, false, null, null]
		]);
		expect(rows.every((r) => r.referral_month === '2025-03-01' && r.financial_year === '2024/25')).toBe(true);
	});

	it('gp_use, W = 6: index month excluded, covered only when all 12 months are present', async () => {
		const rows = await readParquet(db, w6.out, 'gp_use', 'cohort, person_id');
		expect(rows.map((r) => [r.cohort, r.person_id, r.referral_id, r.index_month, r.window_months, r.months_before, r.months_after, r.covered, r.appts_before, r.appts_after, r.imd_quintile])).toEqual([
			['comparison', 'CP1', null, '2025-03-01', 6, 6, 6, true, 6, 6, 2],
			['referred', 'P1', 'RA', '2025-03-01', 6, 6, 6, true, 12, 6, 2],
			['referred', 'P2', 'RB', '2025-04-01', 6, 5, 6, false, null, null, 5],
			['referred', 'P3', 'RC', '2024-12-01', 6, 0, 0, false, null, null, null],
			['referred', 'P4', 'RD', '2024-07-01', 6, 0, 0, false, null, null, 1]
		]);
	});

	it('gp_use, --window-months 12', async () => {
		const rows = await readParquet(db, w12.out, 'gp_use', 'cohort, person_id');
		expect(rows.slice(0, 2).map((r) => [r.person_id, r.window_months, r.months_before, r.months_after, r.covered, r.appts_before, r.appts_after])).toEqual([
			['CP1', 12, 6, 6, false, null, null],
			['P1', 12, 12, 12, true, 24, 12]
		]);
	});

	it('gp_monthly: months relative to the index month, -12 to 12 only', async () => {
		const rows = await readParquet(db, w6.out, 'gp_monthly', 'cohort, practice_code, relative_month');
		const p1 = rows.filter((r) => r.cohort === 'referred' && r.practice_code === 'A81001');
		expect(p1.map((r) => r.relative_month)).toEqual(Array.from({ length: 25 }, (_, i) => i - 12));
		expect(p1.find((r) => r.relative_month === 0)).toMatchObject({ people: 1, appointments: 50, financial_year: '2024/25' });
		expect(p1.find((r) => r.relative_month === -1)).toMatchObject({ appointments: 2 });
		expect(p1.find((r) => r.relative_month === 12)).toMatchObject({ appointments: 1 });
		const p2 = rows.filter((r) => r.cohort === 'referred' && r.practice_code === 'A81002');
		expect(p2.map((r) => r.relative_month)).toEqual([-6, -5, -4, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
		expect(p2[0]).toMatchObject({ financial_year: '2025/26', people: 1, appointments: 3 });
		const cp = rows.filter((r) => r.cohort === 'comparison');
		expect(cp.map((r) => r.relative_month)).toEqual(Array.from({ length: 13 }, (_, i) => i - 6));
	});

	it('gp_monthly does not depend on the window: the same with --window-months 18, which reaches past its 12 months', async () => {
		const order = 'cohort, practice_code, financial_year, relative_month';
		expect(await readParquet(db, w18.out, 'gp_monthly', order)).toEqual(await readParquet(db, w6.out, 'gp_monthly', order));
		const p1 = (await readParquet(db, w18.out, 'gp_use', 'cohort, person_id')).find((r) => r.person_id === 'P1');
		expect(p1).toMatchObject({ window_months: 18 });
		// P1's extract runs from 13 months before the index month (2024-02) to 13 after (2026-04): not 18.
		expect(p1).toMatchObject({ months_before: 13, months_after: 13, covered: false, appts_before: null });
	});
});
