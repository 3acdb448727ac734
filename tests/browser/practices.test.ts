/**
 * Compare practices in real Chromium: every funnel's table equals node DuckDB on the same
 * Parquet through the same figures code; choosing a PCN updates the charts and the shared URL
 * filter, survives reload, and back returns; the benchmark can be switched; it works by keyboard;
 * axe finds nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDisclosed, formatNumber } from '../../src/lib/charts/table.js';
import { avoidedFunnel, improvedFunnel, rateFunnel, type BenchmarkLevel, type IndicatorFunnel } from '../../src/lib/figures/practices.js';
import { parseFilters, resolvePeriod } from '../../src/lib/filters/filters.js';
import { periodMonths } from '../../src/lib/filters/period.js';
import { gpUseByCohort, practiceGpUse, practiceReferrals, practiceWellbeing } from '../../src/lib/queries/index.js';
import type { FirstView } from '../../src/lib/schema/index.js';
import { app, checkPage, launchBrowser, nodeDuckDb, tableText, watchedPage } from './context.js';

describe.skipIf(!app.available)('Compare practices', () => {
	let browser: Awaited<ReturnType<typeof launchBrowser>>;
	let duck: Awaited<ReturnType<typeof nodeDuckDb>>;
	let firstView: FirstView;
	let pcns: { code: string; name: string; icb: string; icbName: string }[];

	beforeAll(async () => {
		browser = await launchBrowser();
		duck = await nodeDuckDb();
		firstView = JSON.parse(await readFile(join(app.published, 'first-view.json'), 'utf8')) as FirstView;
		const seen = new Map<string, (typeof pcns)[number]>();
		for (const a of firstView.areas) {
			if (!seen.has(String(a.pcn_code))) seen.set(String(a.pcn_code), { code: String(a.pcn_code), name: String(a.pcn_name), icb: String(a.icb_code), icbName: String(a.icb_name) });
		}
		pcns = [...seen.values()];
	});
	afterAll(async () => {
		await browser?.close();
		duck?.close();
	});

	/** The three funnels as node DuckDB and the figures code make them for a URL query and PCN. */
	async function expectedFunnels(search: string, pcn: (typeof pcns)[number], benchmark: BenchmarkLevel = 'icb'): Promise<IndicatorFunnel[]> {
		const filters = parseFilters(new URLSearchParams(search));
		const period = resolvePeriod(filters, firstView.default_year!);
		const range = periodMonths(period);
		const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5));
		const months = index(range.to) - index(range.from) + 1;
		const area = { ...filters, icb: pcn.icb, pcn: null, prac: null };
		const comparison = { pcn: pcn.code, pcnName: pcn.name, icbName: pcn.icbName, benchmark };
		const [referrals, wellbeing, gp, gpIcb, gpPcn] = await Promise.all([
			duck.rows(practiceReferrals(area, range)),
			duck.rows(practiceWellbeing(area, range, 'ons4', 'life_satisfaction')),
			duck.rows(practiceGpUse(area, range)),
			duck.rows(gpUseByCohort(area, range)),
			duck.rows(gpUseByCohort({ ...area, pcn: pcn.code }, range))
		]);
		return [
			rateFunnel(referrals, comparison, months),
			improvedFunnel(wellbeing, comparison, { instrument: 'ons4', measure: 'life_satisfaction' }),
			avoidedFunnel(gp, benchmark === 'icb' ? gpIcb : gpPcn, comparison)
		];
	}

	/** A funnel's table as the page should show it. */
	function tableOf(f: IndicatorFunnel): string[][] {
		return f.practices.map((p) => [
			p.name,
			p.y === null ? (p.notCompared === 'suppressed' ? '*' : '–') : formatNumber(p.y, f.digits),
			...(p.numerator ? [formatDisclosed(p.numerator)] : []),
			formatDisclosed(p.denominator),
			p.label
		]);
	}

	const IDS = ['funnel-rate', 'funnel-improved', 'funnel-avoided'];

	/** Every funnel's table, read from the page (each chart switched to its table view). */
	async function tablesOnScreen(page: Page): Promise<string[][][]> {
		const out: string[][][] = [];
		for (const id of IDS) {
			const figure = page.locator(`#${id}`);
			await figure.getByRole('button', { name: 'Table' }).click({ timeout: 30_000 });
			const caption = (await figure.locator('table caption').textContent({ timeout: 30_000 })) ?? '';
			out.push(await tableText(page, caption));
		}
		return out;
	}

	it("shows the first PCN's practices with exactly node DuckDB's figures and labels", async () => {
		const expected = await expectedFunnels('', pcns[0]!);
		// The demo gives something to compare on each indicator.
		for (const f of expected) expect(f.practices.some((p) => p.position !== null)).toBe(true);
		const watched = await watchedPage(browser.context);
		await watched.page.goto(`${app.origin}/practices`);
		await watched.page.locator('#funnel-rate svg[role="img"]').waitFor({ timeout: 30_000 });
		expect(await watched.page.locator('#c-pcn').inputValue()).toBe(pcns[0]!.code);
		// The filter bar says all PCNs, so the page says which one it shows.
		expect(await watched.page.locator('#f-pcn').inputValue()).toBe('');
		await watched.page.getByText(`No PCN is chosen in the filters, so the page compares the practices of the first PCN, ${pcns[0]!.name}.`).waitFor();
		// Over-dispersion is stated on the chart itself.
		expect(await watched.page.locator('#funnel-rate svg[role="img"]').textContent()).toMatch(/φ = \d/);
		await checkPage(watched, 'practices');
		expect(await tablesOnScreen(watched.page)).toEqual(expected.map(tableOf));
		await watched.page.close();
	});

	it('choosing a PCN updates the charts and the shared pcn filter in the URL; reload keeps it; back returns', async () => {
		expect(pcns.length).toBeGreaterThan(1);
		const other = pcns[1]!;
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(`${app.origin}/practices?p=2024-25`);
		await page.locator('#funnel-rate svg[role="img"]').waitFor({ timeout: 30_000 });
		await page.locator('#c-pcn').selectOption(other.code);
		await page.waitForURL(new RegExp(`p=2024-25&pcn=${other.code}`));
		const expected = (await expectedFunnels(`p=2024-25&pcn=${other.code}`, other)).map(tableOf);
		expect(expected[0]!.map((r) => r[0])).not.toEqual((await expectedFunnels('p=2024-25', pcns[0]!))[0]!.practices.map((p) => p.name));
		await expect.poll(() => tablesOnScreen(page), { timeout: 30_000 }).toEqual(expected);
		// The shared filter bar shows the same PCN.
		expect(await page.locator('#f-pcn').inputValue()).toBe(other.code);
		expect(await page.getByText('No PCN is chosen in the filters').count()).toBe(0);
		await page.reload();
		expect(await page.locator('#c-pcn').inputValue()).toBe(other.code);
		await expect.poll(() => tablesOnScreen(page), { timeout: 30_000 }).toEqual(expected);
		await page.goBack();
		await page.waitForURL(/\/practices\?p=2024-25$/);
		expect(await page.locator('#c-pcn').inputValue()).toBe(pcns[0]!.code);
		expect(watched.errors).toEqual([]);
		await page.close();
	});

	it('compares with the PCN as a whole when asked', async () => {
		const expected = (await expectedFunnels('', pcns[0]!, 'pcn')).map(tableOf);
		const { page, errors } = await watchedPage(browser.context);
		await page.goto(`${app.origin}/practices`);
		await page.locator('#funnel-rate svg[role="img"]').waitFor({ timeout: 30_000 });
		await page.locator('#c-benchmark').selectOption('pcn');
		await expect.poll(() => tablesOnScreen(page), { timeout: 30_000 }).toEqual(expected);
		expect(expected.flat().some((row) => row.includes('Similar') || row.some((c) => /than PCN/.test(c)))).toBe(true);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('works by keyboard: the PCN chooser, then a chart and its table view', async () => {
		const { page, errors } = await watchedPage(browser.context);
		await page.goto(`${app.origin}/practices`);
		await page.locator('#funnel-rate svg[role="img"]').waitFor({ timeout: 30_000 });
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.id)) !== 'c-pcn'; i++) await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-pcn');
		await page.keyboard.press('ArrowDown');
		await page.waitForURL(new RegExp(`pcn=${pcns[1]!.code}`));
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-pcn');
		const table = page.locator('#funnel-rate').getByRole('button', { name: 'Table' });
		await table.focus();
		await page.keyboard.press('Enter');
		const caption = (await page.locator('#funnel-rate table caption').textContent({ timeout: 30_000 })) ?? '';
		expect(caption).toContain(pcns[1]!.name);
		expect((await tableText(page, caption)).length).toBeGreaterThan(0);
		expect(errors).toEqual([]);
		await page.close();
	});
});
