/**
 * The shared filters in SQL, on a real demo publication in node DuckDB: for many filter states,
 * each table's filtered rows are exactly the rows a plain TypeScript filter over the record-level
 * data keeps; the Overview's aggregates equal sums recomputed by hand; and first-view.json holds
 * what the same queries give on the published Parquet.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSION_VALUES, parseFilters, type Filters } from '../../src/lib/filters/filters.js';
import { periodMonths, type MonthRange } from '../../src/lib/filters/period.js';
import { DEFAULT_CHANGE_THRESHOLDS } from '../../src/lib/metrics/thresholds.js';
import {
	createViewOfParquet,
	filterWhere,
	gpUseByCohort,
	overviewPractices,
	overviewReferralParts,
	overviewReferrals,
	table,
	wellbeingByMeasure,
	type Query
} from '../../src/lib/queries/index.js';
import { TABLES, type FirstView, type Instrument, type TableName } from '../../src/lib/schema/index.js';
import { publishDemo, tempRoot } from '../pipeline/helpers.js';

type R = Record<string, unknown>;
let root: { dir: string; cleanup: () => Promise<void> };
let instance: DuckDBInstance;
let conn: DuckDBConnection;
let published: string;
const data: Partial<Record<TableName, R[]>> = {};
let referralById: Map<unknown, R>;

const rows = async (q: Query) => (await conn.runAndReadAll(q.sql, q.params as never)).getRowObjectsJson() as R[];

beforeAll(async () => {
	root = await tempRoot('signpost-filters-');
	published = await publishDemo(root.dir, 8_000, { seed: 'filter-sql' });
	instance = await DuckDBInstance.create(':memory:');
	conn = await instance.connect();
	for (const spec of TABLES) {
		await conn.run(createViewOfParquet(spec.name, join(published, `${spec.name}.parquet`)).sql);
		// Record-level rows with dates as 'YYYY-MM-DD' text, for the hand-written filters.
		data[spec.name] = await rows({ sql: `SELECT * FROM ${table(spec.name)}`, params: [], tables: [] });
	}
	referralById = new Map(data.referrals!.map((r) => [r.referral_id, r]));
}, 120_000);

afterAll(async () => {
	conn?.closeSync();
	instance?.closeSync();
	await root?.cleanup();
});

/** The filter, written out by hand in TypeScript over one referral row. */
function referralMatches(r: R, f: Filters, range: MonthRange): boolean {
	const month = String(r.referral_month).slice(0, 7);
	const needs = String(r.needs ?? '').split(';');
	return (
		month >= range.from &&
		month <= range.to &&
		(!f.icb || r.icb_code === f.icb) &&
		(!f.pcn || r.pcn_code === f.pcn) &&
		(!f.prac || r.practice_code === f.prac) &&
		(f.age.length === 0 || f.age.includes(String(r.age_band))) &&
		(f.sex.length === 0 || f.sex.includes(String(r.sex))) &&
		(f.eth.length === 0 || f.eth.includes(String(r.ethnic_group))) &&
		(f.imd.length === 0 || f.imd.includes(Number(r.imd_quintile))) &&
		(f.src.length === 0 || f.src.includes(String(r.referral_source))) &&
		(f.need.length === 0 || f.need.some((n) => needs.includes(n)))
	);
}

const STATES = [
	'',
	'p=2024-25',
	'p=2025-26q2&sex=female',
	'p=2024-06_2025-02&age=65-74,75-84,85%2B&imd=1,2',
	'need=loneliness_isolation,money_debt&src=gp,self',
	'eth=asian,black&p=2023-24'
];

describe('filterWhere on real published tables', () => {
	it('the demo covers several PCNs and practices, so geography filters are tested for real', () => {
		expect(new Set(data.referrals!.map((r) => r.pcn_code)).size).toBeGreaterThan(1);
	});

	for (const state of STATES) {
		for (const geo of ['none', 'pcn', 'prac'] as const) {
			it(`referrals, contacts, wellbeing, signposting and gp_use keep exactly the matching rows: "${state}" + ${geo}`, async () => {
				const some = data.referrals![7]!;
				const extra = geo === 'pcn' ? `&pcn=${String(some.pcn_code)}` : geo === 'prac' ? `&prac=${String(some.practice_code)}` : '';
				const f = parseFilters(new URLSearchParams(state + extra));
				const range = periodMonths(f.period ?? { kind: 'year', year: '2025/26' });
				const matching = data.referrals!.filter((r) => referralMatches(r, f, range));
				const ids = new Set(matching.map((r) => r.referral_id));
				const count = async (name: TableName) => {
					const w = filterWhere(name, f, range);
					return (await rows({ sql: `SELECT referral_id FROM ${table(name)} WHERE ${w.sql}`, params: w.params, tables: [] })).map((r) => r.referral_id);
				};
				expect(new Set(await count('referrals'))).toEqual(ids);
				expect(ids.size).toBeGreaterThan(0);
				// Through their referral: the period is the table's own month column.
				const through = async (name: TableName, monthColumn: string) => {
					const expected = data[name]!.filter((row) => {
						const r = referralById.get(row.referral_id)!;
						const month = String(row[monthColumn]).slice(0, 7);
						return month >= range.from && month <= range.to && referralMatches({ ...r, referral_month: `${range.from}-01` }, f, range);
					});
					expect((await count(name)).length).toBe(expected.length);
				};
				await through('contacts', 'contact_month');
				await through('signposting', 'signpost_month');
				await through('wellbeing', 'referral_month');
			});
		}
	}

	it('gp_use: demographics apply to both cohorts; need and source select referred people only, and say so', async () => {
		const f = parseFilters(new URLSearchParams('sex=male&need=housing'));
		const range = periodMonths({ kind: 'year', year: '2025/26' });
		const w = filterWhere('gp_use', f, range);
		expect(w.notApplied.join(' ')).toMatch(/comparison cohort/);
		const got = await rows({ sql: `SELECT cohort, count(*)::INTEGER AS n FROM ${table('gp_use')} WHERE ${w.sql} GROUP BY cohort ORDER BY cohort`, params: w.params, tables: [] });
		const inRange = (row: R) => String(row.index_month).slice(0, 7) >= range.from && String(row.index_month).slice(0, 7) <= range.to;
		const comparison = data.gp_use!.filter((r) => r.cohort === 'comparison' && r.sex === 'male' && inRange(r)).length;
		const referred = data.gp_use!.filter((r) => {
			if (r.cohort !== 'referred' || r.sex !== 'male' || !inRange(r)) return false;
			const ref = referralById.get(r.referral_id)!;
			return String(ref.needs ?? '').split(';').includes('housing');
		}).length;
		expect(got).toEqual([
			{ cohort: 'comparison', n: comparison },
			{ cohort: 'referred', n: referred }
		]);
	});

	it('a table has one WHERE text whatever the filters, so each query is prepared once per session', () => {
		const range = periodMonths({ kind: 'year', year: '2025/26' });
		for (const name of ['referrals', 'wellbeing', 'gp_use', 'practices', 'workforce'] as const) {
			const texts = new Set<string>();
			for (const state of STATES) for (const geo of ['', '&pcn=U1', '&icb=Q1&prac=P1']) texts.add(filterWhere(name, parseFilters(new URLSearchParams(state + geo)), range).sql);
			expect([...texts], name).toHaveLength(1);
		}
		// The chosen values travel comma-joined: no value of any filter may contain a comma.
		for (const values of Object.values(DIMENSION_VALUES)) for (const v of values) expect(String(v)).not.toContain(',');
	});

	it('gp_monthly and workforce report the filters they cannot apply', () => {
		const f = parseFilters(new URLSearchParams('sex=male&prac=Z00001'));
		const range = periodMonths({ kind: 'year', year: '2025/26' });
		expect(filterWhere('gp_monthly', f, range).notApplied.join(' ')).toMatch(/demographics/);
		expect(filterWhere('workforce', f, range).notApplied.join(' ')).toMatch(/practice/);
		expect(filterWhere('referrals', f, range).notApplied).toEqual([]);
	});
});

describe('Overview aggregates', () => {
	it('headline counts, wellbeing and GP sums equal hand computation over the record-level rows', async () => {
		const f = parseFilters(new URLSearchParams('sex=female'));
		const range = periodMonths({ kind: 'year', year: '2025/26' });
		const refs = data.referrals!.filter((r) => referralMatches(r, f, range));
		const parts = overviewReferralParts(await rows(overviewReferrals(f, range)), await rows(overviewPractices()), f);
		const [h] = parts.referrals;
		expect(h).toEqual({
			referrals: refs.length,
			people: new Set(refs.map((r) => r.person_id)).size,
			accepted: refs.filter((r) => r.accepted === true).length,
			with_status: refs.filter((r) => r.accepted !== null).length,
			contacts: refs.reduce((s, r) => s + Number(r.contacts ?? 0), 0)
		});
		const byMonth = new Map<string, number>();
		for (const r of refs) byMonth.set(String(r.referral_month).slice(0, 7), (byMonth.get(String(r.referral_month).slice(0, 7)) ?? 0) + 1);
		expect(parts.monthly.map((m) => [m.month, m.referrals])).toEqual([...byMonth].sort());
		expect(parts.monthly.reduce((s, m) => s + Number(m.accepted), 0)).toBe(h!.accepted);

		const ids = new Set(refs.map((r) => r.referral_id));
		const wb = await rows(wellbeingByMeasure(f, range));
		for (const w of wb) {
			const pairs = data.wellbeing!.filter((x) => ids.has(x.referral_id) && x.instrument === w.instrument && x.measure === w.measure && x.paired === true);
			const changes = pairs.map((x) => Number(x.change));
			const threshold = DEFAULT_CHANGE_THRESHOLDS[w.instrument as Instrument].points;
			expect(w.n_paired).toBe(pairs.length);
			expect(w.improved).toBe(changes.filter((c) => c >= threshold - 1e-9).length);
			expect(w.worse).toBe(changes.filter((c) => c <= -threshold + 1e-9).length);
			if (pairs.length > 0) expect(Number(w.mean_change)).toBeCloseTo(changes.reduce((a, b) => a + b, 0) / changes.length, 9);
		}

		const gp = await rows(gpUseByCohort(f, range));
		for (const g of gp) {
			const eligible = data.gp_use!.filter(
				(x) => x.cohort === g.cohort && x.sex === 'female' && x.covered === true && String(x.index_month).slice(0, 7) >= range.from && String(x.index_month).slice(0, 7) <= range.to
			);
			expect(g.eligible).toBe(eligible.length);
			expect(g.appts_before).toBe(eligible.reduce((s, x) => s + Number(x.appts_before), 0));
			expect(g.appts_after).toBe(eligible.reduce((s, x) => s + Number(x.appts_after), 0));
		}
	});

	it('PCN list sizes and referral counts add up to the area totals', async () => {
		const f = parseFilters(new URLSearchParams(''));
		const range = periodMonths({ kind: 'year', year: '2025/26' });
		const { pcns, patients } = overviewReferralParts(await rows(overviewReferrals(f, range)), await rows(overviewPractices()), f);
		const [total] = patients;
		expect(total!.practices).toBe(data.practices!.length);
		expect(total!.patients).toBe(data.practices!.reduce((s, p) => s + Number(p.list_size), 0));
		expect(new Set(pcns.map((p) => p.pcn_code))).toEqual(new Set(data.practices!.map((p) => p.pcn_code)));
		expect(pcns.reduce((s, p) => s + Number(p.patients), 0)).toBe(total!.patients);
		expect(pcns.reduce((s, p) => s + Number(p.referrals), 0)).toBe(data.referrals!.filter((r) => referralMatches(r, f, range)).length);

		// One PCN, then one of its practices: only their list sizes and practices count.
		const pcn = String(data.practices![0]!.pcn_code);
		const ofPcn = data.practices!.filter((p) => p.pcn_code === pcn);
		const byPcn = parseFilters(new URLSearchParams({ pcn }));
		const one = overviewReferralParts(await rows(overviewReferrals(byPcn, range)), await rows(overviewPractices()), byPcn);
		expect(one.pcns.map((p) => [p.pcn_code, p.patients, p.referrals])).toEqual([
			[pcn, ofPcn.reduce((s, p) => s + Number(p.list_size), 0), data.referrals!.filter((r) => referralMatches(r, byPcn, range)).length]
		]);
		expect(one.patients).toEqual([{ patients: one.pcns[0]!.patients, practices: ofPcn.length }]);
		const prac = String(ofPcn[1]!.practice_code);
		const byPractice = parseFilters(new URLSearchParams({ pcn, prac }));
		const single = overviewReferralParts(await rows(overviewReferrals(byPractice, range)), await rows(overviewPractices()), byPractice);
		expect(single.patients).toEqual([{ patients: Number(ofPcn[1]!.list_size), practices: 1 }]);
	});

	it('first-view.json holds what the same queries give on the published Parquet', async () => {
		const view = JSON.parse(await readFile(join(published, 'first-view.json'), 'utf8')) as FirstView;
		const range = periodMonths({ kind: 'year', year: view.default_year! });
		const none = parseFilters(new URLSearchParams());
		const months = data.referrals!.map((r) => String(r.referral_month).slice(0, 7)).sort();
		expect(view.months).toEqual({ first: months[0], last: months[months.length - 1] });
		const parts = overviewReferralParts(await rows(overviewReferrals(none, range)), await rows(overviewPractices()), none);
		expect(view.overview!.referrals).toEqual(parts.referrals);
		expect(view.overview!.monthly).toEqual(parts.monthly);
		expect(view.overview!.pcns).toEqual(parts.pcns);
		expect(view.overview!.patients).toEqual(parts.patients);
		expect(view.overview!.gp).toEqual(await rows(gpUseByCohort(none, range)));
		expect(view.areas.length).toBe(data.practices!.length);
		expect(view.delivered).toEqual(['comparison', 'contacts', 'gp_appointments', 'referrals', 'signposting', 'wellbeing', 'workforce']);
	});
});
