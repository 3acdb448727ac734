/**
 * Referrals and equity: every query on a real demo publication equals a count made by hand from
 * the record-level rows, and the figures apply disclosure control first: counts rounded to 5,
 * 1-7 suppressed, secondary suppression under every total shown, percentages from rounded
 * counts, quartiles of 1-7 people suppressed, contacts per FTE from rounded contacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathway, signposting, waitingTimes, workforce } from '../../src/lib/figures/referral-pathway.js';
import { categorySeries, composition, practiceRates, quarterLabel } from '../../src/lib/figures/referral-volume.js';
import type { Row } from '../../src/lib/figures/rows.js';
import { parseFilters, type Filters } from '../../src/lib/filters/filters.js';
import { monthName, periodMonths, type MonthRange } from '../../src/lib/filters/period.js';
import { discloseCount, quantileType7, rateInterval } from '../../src/lib/metrics/index.js';
import {
	contactsByPcnMonth,
	filterWhere,
	firstContactDaysBins,
	firstContactDaysSummary,
	needsByMonth,
	practiceReferrals,
	referralComposition,
	referralPathway,
	referralsBySourceByMonth,
	signpostingAttendance,
	workforceByPcnMonth,
	workforceFilters
} from '../../src/lib/queries/index.js';
import { countBy, inRange, openPublication, type Publication } from './publication.js';

let pub: Publication;
let range: MonthRange;
let months: string[];
const none = parseFilters(new URLSearchParams());
const round5 = (n: number) => discloseCount(n).value;

beforeAll(async () => {
	pub = await openPublication(6_000, 'figures-referrals');
	range = periodMonths({ kind: 'year', year: pub.firstView.default_year! });
	months = Array.from({ length: 12 }, (_, i) => {
		const [y, m] = range.from.split('-').map(Number) as [number, number];
		const k = y * 12 + m - 1 + i;
		return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
	});
}, 120_000);

afterAll(async () => {
	await pub?.close();
});

/** Referrals of the period matching a filter, written out by hand. */
function referrals(f: Filters = none): Row[] {
	return pub.data.referrals.filter(
		(r) =>
			inRange(r.referral_month, range) &&
			(!f.pcn || r.pcn_code === f.pcn) &&
			(f.sex.length === 0 || f.sex.includes(String(r.sex))) &&
			(f.age.length === 0 || f.age.includes(String(r.age_band)))
	);
}
const month = (r: Row, key = 'referral_month') => String(r[key]).slice(0, 7);
const asMap = (rows: Row[], key: (r: Row) => string, value: string) => new Map(rows.map((r) => [key(r), Number(r[value])]));

describe('volume', () => {
	for (const search of ['', 'sex=female&age=65-74,75-84']) {
		it(`referrals by source and month equal hand counts ("${search}")`, async () => {
			const f = parseFilters(new URLSearchParams(search));
			const got = asMap(await pub.rows(referralsBySourceByMonth(f, range)), (r) => `${r.month}|${r.category}`, 'referrals');
			expect(got).toEqual(countBy(referrals(f), (r) => `${month(r)}|${r.referral_source}`));
		});
	}

	it('needs by month count each referral under each of its needs, and referrals with none as not recorded', async () => {
		const got = asMap(await pub.rows(needsByMonth(none, range)), (r) => `${r.month}|${r.category}`, 'referrals');
		const expected = new Map<string, number>();
		for (const r of referrals()) {
			const needs = r.needs ? String(r.needs).split(';') : [null];
			for (const n of needs) expected.set(`${month(r)}|${n}`, (expected.get(`${month(r)}|${n}`) ?? 0) + 1);
		}
		expect(got).toEqual(expected);
	});

	it('series keep the five largest sources and group the rest; each month is suppressed under its total', async () => {
		const rows = await pub.rows(referralsBySourceByMonth(none, range));
		const s = categorySeries(rows, months, { kind: 'src', otherName: 'All other sources', total: true });
		expect(s.grain).toBe('month');
		expect(s.periods).toEqual(months.map(monthName));
		const totals = countBy(referrals(), (r) => String(r.referral_source));
		const ranked = [...totals].sort((a, b) => b[1] - a[1]).map(([c]) => c);
		expect(s.groups).toHaveLength(Math.min(6, ranked.length));
		expect(s.groups[s.groups.length - 1]!.name).toBe('All other sources');
		months.forEach((m, i) => {
			const own = referrals().filter((r) => month(r) === m);
			const top = own.filter((r) => String(r.referral_source) === ranked[0]).length;
			expect(s.groups[0]!.values[i]!.value).toBe(round5(top));
			const rest = own.filter((r) => !ranked.slice(0, 5).includes(String(r.referral_source))).length;
			const shown = s.groups[5]!.values[i]!;
			expect(shown.value === null || shown.value === round5(rest)).toBe(true);
			// Never exactly one hidden group in a month: the month total (shown on the Overview) cannot give it away.
			expect(s.groups.filter((g) => g.values[i]!.value === null).length).not.toBe(1);
		});
	});

	it('more than two years are shown by financial-year quarter', () => {
		const long = Array.from({ length: 36 }, (_, i) => `${2023 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`);
		const s = categorySeries([{ month: '2023-05', category: 'gp', referrals: 12 }, { month: '2023-06', category: 'gp', referrals: 8 }], long, { kind: 'src', otherName: 'x', total: true });
		expect(s.grain).toBe('quarter');
		expect(s.periods[0]).toBe('Q1 2023/24');
		expect(s.groups[0]!.values[0]).toEqual({ value: 20, suppressed: null });
		expect([quarterLabel('2024-01'), quarterLabel('2024-04'), quarterLabel('2024-12')]).toEqual(['Q4 2023/24', 'Q1 2024/25', 'Q3 2024/25']);
	});

	it('referral rates per practice are computed from the rounded count with an exact/Byar interval', async () => {
		const rows = await pub.rows(practiceReferrals(none, range));
		const { practices, overall } = practiceRates(rows, 12);
		for (const p of practices) {
			const n = referrals().filter((r) => r.practice_code === p.code).length;
			const size = Number(pub.data.practices.find((x) => x.practice_code === p.code)!.list_size);
			expect(p.referrals.value).toBe(round5(n));
			const ri = rateInterval(round5(n)!, size);
			expect(p.rate.value).toBeCloseTo(ri.estimate, 12);
			expect(p.interval!.lower).toBeCloseTo(ri.lower, 12);
		}
		const patients = pub.data.practices.reduce((s, p) => s + Number(p.list_size), 0);
		expect(overall).toBeCloseTo((round5(referrals().length)! / patients) * 1000, 12);
		// Annualised for a quarter: four times the quarter's rate.
		expect(practiceRates(rows, 3).practices[0]!.rate.value).toBeCloseTo(4 * practices[0]!.rate.value!, 12);
	});
});

describe('who is referred', () => {
	it('composition by age, sex, ethnic group and IMD quintile equals hand counts; shares come from rounded counts', async () => {
		const rows = await pub.rows(referralComposition(none, range));
		const columns = { age: 'age_band', sex: 'sex', eth: 'ethnic_group', imd: 'imd_quintile' } as const;
		for (const [dim, col] of Object.entries(columns) as [keyof typeof columns, string][]) {
			const got = asMap(rows.filter((r) => r.dimension === dim), (r) => String(r.category), 'referrals');
			expect(got).toEqual(countBy(referrals(), (r) => String(r[col])));
			const c = composition(rows, dim);
			const total = round5(referrals().length)!;
			expect(c.total.value).toBe(total);
			for (const s of c.shares) if (s.referrals.value !== null) expect(s.percent).toBeCloseTo((100 * s.referrals.value) / total, 12);
			expect(c.shares.filter((s) => s.referrals.value === null).length).not.toBe(1);
		}
	});

	it('a category of 1-7 is suppressed and the next smallest hidden with it', () => {
		const rows = [
			{ dimension: 'sex', category: 'female', referrals: 120 },
			{ dimension: 'sex', category: 'male', referrals: 80 },
			{ dimension: 'sex', category: 'other', referrals: 3 },
			{ dimension: 'sex', category: null, referrals: 20 }
		];
		const c = composition(rows, 'sex');
		expect(c.shares.map((s) => [s.name, s.referrals.value, s.referrals.suppressed])).toEqual([
			['Female', 120, null],
			['Male', 80, null],
			['Other', null, 'small_count'],
			['Not known', 0, null],
			['Not recorded', null, 'secondary']
		]);
		expect(c.total.value).toBe(225);
	});
});

describe('from referral to support', () => {
	it('the path referred, accepted, first contact, completed equals hand counts; shares of referred from rounded counts', async () => {
		const row = (await pub.rows(referralPathway(none, range)))[0]!;
		const rs = referrals();
		expect(row).toEqual({
			referred: rs.length,
			with_status: rs.filter((r) => r.status !== null).length,
			accepted: rs.filter((r) => r.accepted === true).length,
			first_contact: rs.filter((r) => r.first_contact_date !== null).length,
			completed: rs.filter((r) => r.status === 'completed').length
		});
		const steps = pathway(row);
		const accepted = steps.find((s) => s.key === 'accepted')!;
		expect(accepted.percent.value).toBeCloseTo((100 * round5(Number(row.accepted))!) / round5(rs.length)!, 12);
	});

	it('days to first contact: weekly bins and quartiles (R type 7) equal hand counts', async () => {
		const days = referrals()
			.filter((r) => r.days_to_first_contact !== null)
			.map((r) => Number(r.days_to_first_contact));
		const bins = await pub.rows(firstContactDaysBins(none, range));
		expect(asMap(bins, (r) => String(r.bin), 'referrals')).toEqual(countBy(days, (d) => String(Math.min(Math.floor(d / 7), 8))));
		const summary = (await pub.rows(firstContactDaysSummary(none, range)))[0]!;
		expect(summary.n).toBe(days.length);
		for (const [key, p] of [['p25', 0.25], ['median', 0.5], ['p75', 0.75]] as const) expect(summary[key]).toBeCloseTo(quantileType7(days, p), 9);
		const w = waitingTimes(summary, bins);
		expect(w.median.value).toBeCloseTo(quantileType7(days, 0.5), 9);
		expect(w.bins.map((b) => b.name)).toEqual(['0-6', '7-13', '14-20', '21-27', '28-34', '35-41', '42-48', '49-55', '56+']);
	});

	it('quartiles of 1-7 people are suppressed', () => {
		const w = waitingTimes({ n: 5, p25: 3, median: 6, p75: 9 }, [{ bin: 0, referrals: 2 }, { bin: 1, referrals: 3 }]);
		expect([w.median, w.p25, w.p75].every((q) => q.value === null && q.suppressed === 'small_base')).toBe(true);
		expect(w.n).toEqual({ value: null, suppressed: 'small_count' });
	});

	it('signposting by activity and by provider type with attendance equals hand counts; suppressed cells cannot be recovered from their activity total', async () => {
		const inPeriod = pub.data.signposting.filter((s) => inRange(s.signpost_month, range));
		for (const by of ['activity', 'provider_type'] as const) {
			const rows = await pub.rows(signpostingAttendance(none, range, by));
			expect(asMap(rows, (r) => `${r.category}|${r.attended}`, 'signposts')).toEqual(countBy(inPeriod, (s) => `${s[by]}|${s.attended}`));
			const shown = signposting(rows, by);
			for (const r of shown) {
				const cells = [r.attended, r.notAttended, r.unknown, r.notRecorded];
				if (r.signposted.value !== null) expect(cells.filter((c) => c.value === null).length).not.toBe(1);
				if (r.attended.value !== null && r.signposted.value) expect(r.percentAttended).toBeCloseTo((100 * r.attended.value) / r.signposted.value, 12);
			}
			const sizes = shown.map((r) => r.signposted.value ?? 0);
			expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
		}
	});
});

describe('link workers', () => {
	it('FTE per PCN and month and contacts per PCN and month equal hand sums; contacts per FTE from rounded contacts', async () => {
		const fte = await pub.rows(workforceByPcnMonth(none, range));
		const contacts = await pub.rows(contactsByPcnMonth(none, range));
		const wf = pub.data.workforce.filter((w) => inRange(w.workforce_month, range));
		for (const r of fte) {
			const sum = wf.filter((w) => w.pcn_code === r.pcn_code && month(w, 'workforce_month') === r.month).reduce((s, w) => s + Number(w.fte), 0);
			expect(r.fte).toBeCloseTo(sum, 9);
		}
		const cs = pub.data.contacts.filter((c) => inRange(c.contact_month, range));
		expect(asMap(contacts, (r) => `${r.pcn_code}|${r.month}`, 'contacts')).toEqual(countBy(cs, (c) => `${c.pcn_code}|${month(c, 'contact_month')}`));
		const pcns = [...new Set(pub.data.practices.map((p) => String(p.pcn_code)))].map((code) => ({ code, name: code }));
		const staff = workforce(fte, contacts, pcns, months);
		for (const p of staff.pcns) {
			const n = cs.filter((c) => c.pcn_code === p.code).length;
			const fteMonths = wf.filter((w) => w.pcn_code === p.code).reduce((s, w) => s + Number(w.fte), 0);
			expect(p.contacts.value).toBe(round5(n));
			expect(p.perFte).toBeCloseTo(round5(n)! / fteMonths, 9);
			expect(p.meanFte).toBeCloseTo(fteMonths / 12, 9);
		}
	});

	it('demographic and practice filters do not reach the workforce figures, and the page is told so', () => {
		const f = parseFilters(new URLSearchParams('sex=female&prac=A81001&pcn=U12345'));
		expect(workforceFilters(f)).toMatchObject({ sex: [], prac: null, pcn: 'U12345' });
		expect(filterWhere('workforce', f, range).notApplied.join(' ')).toMatch(/practice/);
		expect(contactsByPcnMonth(f, range).params).not.toContain('female');
	});
});
