/**
 * Referrals and equity in real Chromium: the tables behind the charts equal node DuckDB on the
 * same Parquet through the same figures code, for the default view and after choosing a PCN in
 * the shared filters (URL updated, reload restores it); it works by keyboard; axe finds nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDisclosed, formatNumber } from '../../src/lib/charts/table.js';
import { pathway, signposting, waitingTimes, workforce } from '../../src/lib/figures/referral-pathway.js';
import { categorySeries, composition, practiceRates } from '../../src/lib/figures/referral-volume.js';
import { parseFilters, resolvePeriod } from '../../src/lib/filters/filters.js';
import { addMonths, periodMonths } from '../../src/lib/filters/period.js';
import {
	contactsByPcnMonth,
	firstContactDaysBins,
	firstContactDaysSummary,
	practiceReferrals,
	referralComposition,
	referralPathway,
	referralsBySourceByMonth,
	signpostingAttendance,
	workforceByPcnMonth
} from '../../src/lib/queries/index.js';
import type { FirstView } from '../../src/lib/schema/index.js';
import { app, checkPage, launchBrowser, nodeDuckDb, tableText, watchedPage } from './context.js';

describe.skipIf(!app.available)('Referrals and equity', () => {
	let browser: Awaited<ReturnType<typeof launchBrowser>>;
	let duck: Awaited<ReturnType<typeof nodeDuckDb>>;
	let firstView: FirstView;

	beforeAll(async () => {
		browser = await launchBrowser();
		duck = await nodeDuckDb();
		firstView = JSON.parse(await readFile(join(app.published, 'first-view.json'), 'utf8')) as FirstView;
	});
	afterAll(async () => {
		await browser?.close();
		duck?.close();
	});

	const pct = (v: number | null) => (v === null ? '*' : formatNumber(v, 1));
	const num = (v: number | null, digits = 0) => (v === null ? '–' : formatNumber(v, digits));

	/** The tables of several charts as node DuckDB and the figures code make them, keyed by figure id. */
	async function expectedTables(search: string): Promise<Record<string, string[][]>> {
		const filters = parseFilters(new URLSearchParams(search));
		const range = periodMonths(resolvePeriod(filters, firstView.default_year!));
		const months: string[] = [];
		for (let m = range.from; m <= range.to; m = addMonths(m, 1)) months.push(m);
		const [sources, practices, comp, path, bins, days, activities, fte, contacts] = await Promise.all([
			duck.rows(referralsBySourceByMonth(filters, range)),
			duck.rows(practiceReferrals(filters, range)),
			duck.rows(referralComposition(filters, range)),
			duck.rows(referralPathway(filters, range)),
			duck.rows(firstContactDaysBins(filters, range)),
			duck.rows(firstContactDaysSummary(filters, range)),
			duck.rows(signpostingAttendance(filters, range, 'activity')),
			duck.rows(workforceByPcnMonth(filters, range)),
			duck.rows(contactsByPcnMonth(filters, range))
		]);
		const series = categorySeries(sources, months, { kind: 'src', otherName: 'All other sources', total: true });
		const rates = practiceRates(practices, months.length);
		const age = composition(comp, 'age');
		const waits = waitingTimes(days[0], bins);
		const pcnList = [...new Map(firstView.areas.filter((a) => !filters.pcn || a.pcn_code === filters.pcn).map((a) => [String(a.pcn_code), { code: String(a.pcn_code), name: String(a.pcn_name) }])).values()];
		const staff = workforce(fte, contacts, pcnList, months);
		return {
			'by-source': series.periods.map((p, i) => [p, ...series.groups.map((g) => formatDisclosed(g.values[i]!))]),
			'practice-rates': rates.practices.map((r) => [r.name, r.pcnName, formatDisclosed(r.referrals), num(r.patients), formatDisclosed(r.rate, 1), num(r.interval?.lower ?? null, 1), num(r.interval?.upper ?? null, 1)]),
			'who-age': [
				...age.shares.map((s) => [s.name, formatDisclosed(s.referrals), s.percent === null ? formatDisclosed(s.referrals) : pct(s.percent)]),
				['All referrals', formatDisclosed(age.total), pct(age.total.value ? 100 : null)]
			],
			pathway: pathway(path[0]).map((s) => [s.name, formatDisclosed(s.count), formatDisclosed(s.percent, 1)]),
			'days-to-contact': [...waits.bins.map((b) => [b.name, formatDisclosed(b.referrals)]), ['All with a first contact', formatDisclosed(waits.n)]],
			'signposting-activity': signposting(activities, 'activity').map((r) => [
				r.name,
				formatDisclosed(r.signposted),
				formatDisclosed(r.attended),
				formatDisclosed(r.notAttended),
				formatDisclosed(r.unknown),
				formatDisclosed(r.notRecorded),
				r.percentAttended === null ? '*' : pct(r.percentAttended)
			]),
			'contacts-per-fte': [
				...staff.pcns.map((p) => [p.name, num(p.meanFte, 2), formatDisclosed(p.contacts), p.contacts.value === null ? '*' : num(p.perFte, 1)]),
				['All PCNs shown', num(staff.pcns.reduce((s, p) => s + p.meanFte, 0), 2), formatDisclosed(staff.contacts), num(staff.perFte, 1)]
			]
		};
	}

	/** The same charts' tables read from the page. */
	async function tablesOnScreen(page: Page, ids: string[]): Promise<Record<string, string[][]>> {
		const out: Record<string, string[][]> = {};
		for (const id of ids) {
			const figure = page.locator(`#${id}`);
			await figure.getByRole('button', { name: 'Table' }).click({ timeout: 30_000 });
			const caption = (await figure.locator('table caption').textContent({ timeout: 30_000 })) ?? '';
			out[id] = await tableText(page, caption);
		}
		return out;
	}

	it("shows exactly node DuckDB's figures for the default view, with the registered-population caveat and no axe violations", async () => {
		const expected = await expectedTables('');
		expect(expected.pathway![0]![1]).not.toBe('0');
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(`${app.origin}/referrals`);
		await page.locator('#by-source svg[role="img"]').waitFor({ timeout: 30_000 });
		await checkPage(watched, 'referrals');
		expect(await tablesOnScreen(page, Object.keys(expected))).toEqual(expected);
		expect(await page.locator('#who-imd').textContent()).toMatch(/list-size file holds each practice’s total only/);
		// Link worker figures say which filters they cannot apply.
		await page.goto(`${app.origin}/referrals?prac=${String(firstView.areas[0]!.practice_code)}`);
		await page.locator('#link-worker-fte').getByText(/Not applied to link worker figures: practice/).first().waitFor({ timeout: 30_000 });
		expect(watched.errors).toEqual([]);
		await page.close();
	});

	it('a PCN chosen in the shared filters updates the charts and the URL; reload restores it', async () => {
		const pcn = String(firstView.areas[firstView.areas.length - 1]!.pcn_code);
		const ids = ['by-source', 'pathway', 'contacts-per-fte', 'who-age'];
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(`${app.origin}/referrals`);
		await page.locator('#by-source svg[role="img"]').waitFor({ timeout: 30_000 });
		const before = await tablesOnScreen(page, ids);
		await page.locator('#f-pcn').selectOption(pcn);
		await page.waitForURL(new RegExp(`pcn=${pcn}`));
		const all = await expectedTables(`pcn=${pcn}`);
		const expected = Object.fromEntries(ids.map((id) => [id, all[id]!]));
		expect(expected.pathway).not.toEqual(before.pathway);
		await expect.poll(() => tablesOnScreen(page, ids), { timeout: 30_000 }).toEqual(expected);
		await page.reload();
		expect(await page.locator('#f-pcn').inputValue()).toBe(pcn);
		await expect.poll(() => tablesOnScreen(page, ids), { timeout: 30_000 }).toEqual(expected);
		expect(watched.errors).toEqual([]);
		await page.close();
	});

	it('works by keyboard: a filter, then a chart and its table view', async () => {
		const { page, errors } = await watchedPage(browser.context);
		await page.goto(`${app.origin}/referrals`);
		await page.locator('#pathway svg[role="img"]').waitFor({ timeout: 30_000 });
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
		await page.keyboard.press('Enter');
		for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== 'f-period-kind'; i++) await page.keyboard.press('Tab');
		await page.keyboard.press('ArrowDown');
		await page.waitForURL(/p=\d{4}-\d{2}q1/);
		const table = page.locator('#pathway').getByRole('button', { name: 'Table' });
		await table.focus();
		await page.keyboard.press('Enter');
		const rows = await tableText(page, /Referrals by how far they got/);
		expect(rows.map((r) => r[0])).toEqual(['Referred', 'Accepted', 'First contact', 'Completed']);
		expect(errors).toEqual([]);
		await page.close();
	});
});
