/**
 * The Data quality queries and figures on a real publication (a dirty demo delivery through the
 * pipeline) in node DuckDB, with one PCN's last two months of referrals removed, one practice's
 * referrals removed and one practice cut to three referrals. Every expected value is recomputed
 * here from the raw rows in plain TypeScript, not by the code under test.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readdir, readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completenessPracticeTable, latestMonthsTable, practiceCheck, sourceMonthText } from '../../src/lib/figures/data-quality-tables.js';
import {
	activityCompletenessShares,
	areaLatest,
	completenessByPractice,
	laggingPractices,
	lagText,
	monthsBetween,
	practiceLatest,
	referralCompletenessOverall
} from '../../src/lib/figures/data-quality.js';
import { fileTotals, rejectReasons, rejectsFiles } from '../../src/lib/figures/manifest.js';
import type { Row } from '../../src/lib/figures/rows.js';
import { NO_FILTERS, type Filters } from '../../src/lib/filters/filters.js';
import { activityCompleteness, latestDataMonths, latestMonthRows, referralCompleteness, type Query } from '../../src/lib/queries/index.js';
import { completenessFields, NOT_MEASURED, type CompletenessField } from '../../src/lib/schema/completeness.js';
import { FILES, TABLES, type Manifest } from '../../src/lib/schema/index.js';
import { publishDirtyDemo, recentReferralsOf } from './data-quality-fixture.js';

let dir: string;
let published: string;
let manifest: Manifest;
let instance: DuckDBInstance;
let conn: DuckDBConnection;
/** The PCN whose last two months are removed, the practice with no referrals, the one with three. */
let lagPcn: string;
let emptyPractice: string;
let tinyPractice: string;

const rows = async (q: Query | string, params: unknown[] = []): Promise<Row[]> => {
	const { sql, params: bound } = typeof q === 'string' ? { sql: q, params } : q;
	return (await conn.runAndReadAll(sql, bound as never)).getRowObjectsJson() as Row[];
};

/** The latest-month rows as the page puts them together from its two queries. */
const latestRows = async (filters: Filters): Promise<Row[]> => {
	const q = latestDataMonths(filters);
	return latestMonthRows(await rows(q.activity), await rows(q.outcomes));
};

const fields = completenessFields('referrals');
const all = { icb: null, pcn: null };

/** NHS Digital's rounding, written out again: 0 -> 0, 1-7 hidden, else nearest 5. */
const round5 = (n: number): number | null => (n === 0 ? 0 : n <= 7 ? null : Math.round(n / 5) * 5);

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'signpost-dq-'));
	published = await publishDirtyDemo(dir, 6_000);
	manifest = JSON.parse(await readFile(join(published, 'manifest.json'), 'utf8')) as Manifest;
	instance = await DuckDBInstance.create(':memory:');
	conn = await instance.connect();
	for (const t of TABLES) await conn.run(`CREATE TABLE ${t.name} AS SELECT * FROM read_parquet('${join(published, `${t.name}.parquet`)}')`);
	const pcns = await rows('SELECT pcn_code, list(DISTINCT practice_code ORDER BY practice_code) AS practices FROM practices GROUP BY 1 ORDER BY 1');
	lagPcn = String(pcns[0]!.pcn_code);
	// The demo at this size has two PCNs: one stops early, the other holds the small practices.
	emptyPractice = String((pcns[1]!.practices as string[])[0]);
	tinyPractice = String((pcns[1]!.practices as string[])[1]);
	await conn.run(`DELETE FROM referrals WHERE ${recentReferralsOf(lagPcn, 2)}`);
	await conn.run('DELETE FROM referrals WHERE practice_code = $1', [emptyPractice]);
	await conn.run('DELETE FROM referrals WHERE practice_code = $1 AND referral_id NOT IN (SELECT referral_id FROM referrals WHERE practice_code = $1 ORDER BY referral_id LIMIT 3)', [tinyPractice]);
}, 120_000);

afterAll(async () => {
	conn?.closeSync();
	instance?.closeSync();
	if (dir) await rm(dir, { recursive: true, force: true });
});

const month = (d: unknown) => (d === null || d === undefined ? null : String(d).slice(0, 7));
const maxOf = (values: (string | null)[]) => values.reduce<string | null>((m, v) => (v !== null && (m === null || v > m) ? v : m), null);

/** Latest month per practice and source, from the raw rows. */
async function expectedLatest(): Promise<Map<string, { referrals: string | null; contacts: string | null; wellbeing: string | null; gp: string | null }>> {
	const practices = await rows('SELECT practice_code FROM practices');
	const referrals = await rows('SELECT practice_code, referral_month FROM referrals');
	const contacts = await rows('SELECT practice_code, contact_month FROM contacts');
	const wellbeing = await rows('SELECT practice_code, baseline_date, follow_up_date FROM wellbeing');
	const gp = await rows('SELECT practice_code, cohort, covered, index_month FROM gp_use');
	const by = (list: Row[], code: string, pick: (r: Row) => (string | null)[]) => maxOf(list.filter((r) => r.practice_code === code).flatMap(pick));
	return new Map(
		practices.map((p) => {
			const code = String(p.practice_code);
			return [
				code,
				{
					referrals: by(referrals, code, (r) => [month(r.referral_month)]),
					contacts: by(contacts, code, (r) => [month(r.contact_month)]),
					wellbeing: by(wellbeing, code, (r) => [month(r.baseline_date), month(r.follow_up_date)]),
					gp: by(gp, code, (r) => (r.cohort === 'referred' && r.covered === true ? [month(r.index_month)] : []))
				}
			];
		})
	);
}

describe('latest month of data', () => {
	it('gives every practice its latest month per source, as recomputed from the raw rows', async () => {
		const expected = await expectedLatest();
		const got = await latestRows(NO_FILTERS);
		expect(got).toHaveLength(expected.size);
		for (const r of got) {
			const e = expected.get(String(r.practice_code))!;
			expect({ referrals: r.referrals, contacts: r.contacts, wellbeing: r.wellbeing, gp: r.gp }).toEqual(e);
		}
		expect(got.find((r) => r.practice_code === emptyPractice)!.referrals).toBeNull();
	});

	it("measures each practice's lag against its ICB's latest month, even when one PCN is shown", async () => {
		const expected = await expectedLatest();
		const icbLatest = maxOf([...expected.values()].map((e) => e.referrals));
		const got = await latestRows(NO_FILTERS);
		const practices = practiceLatest(got, all);
		for (const p of practices) {
			const m = expected.get(p.code)!.referrals;
			expect(p.sources.referrals.behind).toBe(m === null ? null : monthsBetween(m, icbLatest!));
		}
		const lagging = laggingPractices(practices, 'referrals');
		const inLagPcn = practices.filter((p) => p.pcn === lagPcn);
		expect(inLagPcn.length).toBeGreaterThan(0);
		for (const p of inLagPcn) expect(p.sources.referrals.behind).toBeGreaterThanOrEqual(2);
		expect(lagging.behind.map((p) => p.code)).toEqual(expect.arrayContaining(inLagPcn.map((p) => p.code)));
		expect(lagging.none.map((p) => p.code)).toEqual([emptyPractice]);

		// One PCN on its own: its practices still lag the ICB, not their own PCN's latest month.
		const pcnOnly = practiceLatest(got, { icb: null, pcn: lagPcn });
		expect(pcnOnly.map((p) => p.code).sort()).toEqual(inLagPcn.map((p) => p.code).sort());
		for (const p of pcnOnly) expect(p.sources.referrals.behind).toBeGreaterThanOrEqual(2);
		expect(areaLatest(got, { icb: null, pcn: lagPcn }).referrals).toBe(icbLatest);
	});

	it('writes the lag and the check in the table', async () => {
		const practices = practiceLatest(await latestRows(NO_FILTERS), all);
		const lagging = practices.find((p) => p.pcn === lagPcn)!;
		const behind = lagging.sources.referrals.behind!;
		expect(sourceMonthText(lagging.sources.referrals)).toMatch(new RegExp(`^[A-Z][a-z]{2} \\d{4} \\(${behind} months behind\\)$`));
		expect(practiceCheck(lagging)).toBe(`Referrals ${behind} months behind`);
		expect(practiceCheck(practices.find((p) => p.code === emptyPractice)!)).toBe('No referrals');
		const table = latestMonthsTable(practices, 'the ICB');
		expect(table.rows).toHaveLength(practices.length);
		expect(table.rows.find((r) => r[0]!.text.endsWith(`(${emptyPractice})`))![2]!.text).toBe('None');
		expect(lagText(0)).toBe('up to date');
		expect(lagText(1)).toBe('1 month behind');
		expect(monthsBetween('2024-11', '2025-02')).toBe(3);
	});

	it('binds the ICB as a parameter and keeps only that ICB', async () => {
		const q = latestDataMonths({ ...NO_FILTERS, icb: "QZZ' OR 1=1 --" });
		for (const part of [q.activity, q.outcomes]) {
			expect(part.sql).not.toContain('OR 1=1');
			expect(await rows(part)).toEqual([]);
		}
		const icb = String((await rows('SELECT min(icb_code) AS icb FROM practices'))[0]!.icb);
		expect(await latestRows({ ...NO_FILTERS, icb })).toEqual(await latestRows(NO_FILTERS));
	});
});

/** Whether a value counts as recorded, written out independently of the query. */
function recorded(field: CompletenessField, row: Row): boolean {
	const inBase = field.base === 'all' || (field.base === 'accepted' ? row.accepted === true : row.status === 'completed');
	const v = row[field.column];
	return inBase && v !== null && v !== undefined && String(v) !== '' && !field.not_recorded.includes(String(v));
}

describe('completeness of optional fields', () => {
	it('measures every optional column of the contract, or says why not', () => {
		for (const file of FILES) {
			const optional = file.columns.filter((c) => !c.required).map((c) => c.name);
			const measured = ['referrals', 'contacts', 'signposting'].includes(file.name) ? completenessFields(file.name as 'referrals').map((f) => f.column) : [];
			const skipped = Object.keys(NOT_MEASURED[file.name] ?? {});
			expect([...measured, ...skipped].sort(), file.name).toEqual([...optional].sort());
			for (const column of measured) expect(TABLES.find((t) => t.name === file.name)!.columns.some((c) => c.name === column)).toBe(true);
		}
	});

	it('counts referrals, bases and recorded values per practice as the raw rows give them', async () => {
		const raw = await rows(`SELECT practice_code, accepted, status, ${fields.map((f) => f.column).join(', ')} FROM referrals`);
		const got = await rows(referralCompleteness(NO_FILTERS, fields));
		expect(got).toHaveLength((await rows('SELECT practice_code FROM practices')).length);
		for (const r of got) {
			const mine = raw.filter((x) => x.practice_code === r.practice_code);
			expect(r.referrals).toBe(mine.length);
			expect(r.accepted).toBe(mine.filter((x) => x.accepted === true).length);
			expect(r.completed).toBe(mine.filter((x) => x.status === 'completed').length);
			for (const f of fields) expect(r[`recorded_${f.column}`], `${r.practice_code} ${f.column}`).toBe(mine.filter((x) => recorded(f, x)).length);
		}
		// The demo leaves some values out, so the test can tell recorded from present.
		const ethnic = fields.find((f) => f.column === 'ethnic_group')!;
		expect(raw.some((x) => x.ethnic_group === 'not_stated')).toBe(true);
		expect(got.reduce((s, r) => s + (r.recorded_ethnic_group as number), 0)).toBe(raw.filter((x) => recorded(ethnic, x)).length);
	});

	it('suppresses small practices, hides a second practice so none can be recovered from the PCN total, and takes shares from rounded counts', async () => {
		const got = await rows(referralCompleteness(NO_FILTERS, fields));
		const practices = completenessByPractice(got, fields, all);
		const tiny = practices.find((p) => p.code === tinyPractice)!;
		expect(tiny.referrals).toEqual({ value: null, suppressed: 'small_count' });
		expect(tiny.percents.every((v) => v.value === null)).toBe(true);
		expect(practices.find((p) => p.code === emptyPractice)!.referrals).toEqual({ value: 0, suppressed: null });
		// In every PCN, either no practice is hidden or at least two are (so subtraction from the PCN total recovers none).
		for (const pcn of new Set(practices.map((p) => p.pcn))) {
			const hidden = practices.filter((p) => p.pcn === pcn && p.referrals.value === null).length;
			expect(hidden === 0 || hidden >= 2, pcn).toBe(true);
		}
		expect(practices.filter((p) => p.pcn === got.find((r) => r.practice_code === tinyPractice)!.pcn_code && p.referrals.suppressed === 'secondary').length).toBeGreaterThan(0);
		for (const p of practices) {
			const row = got.find((r) => r.practice_code === p.code)!;
			if (p.referrals.value === null) continue;
			expect(p.referrals.value).toBe(round5(row.referrals as number));
			fields.forEach((f, i) => {
				const base = row[f.base === 'all' ? 'referrals' : f.base] as number;
				const num = round5(row[`recorded_${f.column}`] as number);
				const den = round5(base);
				const want = num === null || den === null ? null : den === 0 ? null : (100 * num) / den;
				expect(p.percents[i]!.value, `${p.code} ${f.column}`).toBe(want);
			});
		}
		const table = completenessPracticeTable(practices, fields, 'the ICB');
		expect(table.rows.find((r) => r[0]!.text.endsWith(`(${tinyPractice})`))!.slice(1).every((c) => c.text === '*')).toBe(true);
	});

	it('gives the whole area from unrounded sums, then rounds', async () => {
		const raw = await rows(`SELECT accepted, status, ${fields.map((f) => f.column).join(', ')} FROM referrals`);
		const overall = referralCompletenessOverall(await rows(referralCompleteness(NO_FILTERS, fields)), fields, all);
		expect(overall.referrals.value).toBe(round5(raw.length));
		for (const s of overall.shares) {
			const n = raw.filter((x) => recorded(s.field, x)).length;
			const base = s.field.base === 'all' ? raw.length : raw.filter((x) => (s.field.base === 'accepted' ? x.accepted === true : x.status === 'completed')).length;
			expect(s.recorded.value).toBe(round5(n));
			expect(s.base.value).toBe(round5(base));
			expect(s.percent.value).toBe((100 * round5(n)!) / round5(base)!);
		}
	});

	it('measures contact and signposting fields over the area', async () => {
		for (const table of ['contacts', 'signposting'] as const) {
			const f = completenessFields(table);
			const pcn = lagPcn;
			const raw = await rows(`SELECT ${f.map((x) => x.column).join(', ')} FROM ${table} WHERE pcn_code = $1`, [pcn]);
			const got = await rows(activityCompleteness(table, { ...NO_FILTERS, pcn }, f));
			expect(got).toEqual([{ rows: raw.length, ...Object.fromEntries(f.map((x) => [`recorded_${x.column}`, raw.filter((r) => recorded(x, r)).length])) }]);
			const shares = activityCompletenessShares(got[0], f);
			expect(shares.rows.value).toBe(round5(raw.length));
		}
		expect(completenessFields('signposting').find((x) => x.column === 'attended')!.not_recorded).toEqual(['unknown']);
	});
});

describe("the manifest's account", () => {
	it('lists every reason of every input, and they add up to its rejected rows', () => {
		const reasons = rejectReasons(manifest);
		expect(reasons.length).toBeGreaterThan(5);
		for (const input of manifest.inputs) {
			const sum = reasons.filter((r) => r.delivery === input.delivery && r.file === input.file).reduce((s, r) => s + r.rows, 0);
			expect(sum, input.file).toBe(input.rows_rejected);
		}
		expect(reasons.every((r) => r.field === null || /^[a-z_]+$/.test(r.field))).toBe(true);
		const totals = fileTotals(manifest.inputs);
		expect(totals.read).toBe(totals.loaded + totals.rejected);
	});

	it('links exactly the rejects files the pipeline wrote, each holding that file\'s rejected rows', async () => {
		const written = (await readdir(join(published, 'rejects'))).sort();
		expect(rejectsFiles(manifest).sort()).toEqual(written);
		expect(written.length).toBeGreaterThan(2);
		for (const file of written) {
			const n = (await rows(`SELECT count(*)::INTEGER AS n FROM read_csv('${join(published, 'rejects', file)}', header = true, all_varchar = true, strict_mode = false)`))[0]!.n;
			const expected = manifest.inputs.filter((i) => i.file === file).reduce((s, i) => s + i.rows_rejected, 0);
			expect(n, file).toBe(expected);
		}
	});
});

describe('a PCN that spans two ICBs', () => {
	const practice = (icb: string, code: string, referrals: number, latest: string) => ({
		icb_code: icb,
		pcn_code: 'U41591',
		pcn_name: 'COAST AND COUNTRY PCN',
		practice_code: code,
		practice_name: code,
		referrals,
		accepted: 0,
		completed: 0,
		recorded_ethnic_group: referrals,
		latest
	});
	const rowsOf = [practice('QT6', 'L82008', 40, '2025-03'), practice('QT6', 'L82009', 60, '2025-05'), practice('QHM', 'A81001', 23, '2025-01')];
	const ethnic = fields.filter((f) => f.column === 'ethnic_group');

	it('adds its parts across ICBs before rounding, and measures each practice against its own ICB', () => {
		expect(referralCompletenessOverall(rowsOf, ethnic, { icb: null, pcn: 'U41591' }).referrals).toEqual({ value: round5(123), suppressed: null });
		expect(referralCompletenessOverall(rowsOf, ethnic, { icb: 'QT6', pcn: 'U41591' }).referrals).toEqual({ value: round5(100), suppressed: null });
		const latest = practiceLatest(
			rowsOf.map((r) => ({ ...r, referrals: r.latest, contacts: null, wellbeing: null, gp: null })),
			{ icb: null, pcn: 'U41591' }
		);
		expect(latest.map((p) => [p.code, p.sources.referrals.behind])).toEqual([
			['L82008', 2],
			['L82009', 0],
			['A81001', 0]
		]);
	});
});
