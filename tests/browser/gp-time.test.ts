/**
 * The GP time freed page in real Chromium: key figures and tables equal the same queries run by
 * node DuckDB on the same Parquet through the same figures code; the assumptions are labelled
 * inputs that change the hours and cost and the page's own URL parameters (min, gbp, py), survive
 * reload and filter changes, and reject bad values with a clear message; a filter change updates
 * the figures and says which filters the monthly chart cannot apply; it works by keyboard; axe
 * passes; the regression-to-the-mean caveat sits by the raw figures.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avoidedTable, monthlyTable } from '../../src/lib/charts/gp-tables.js';
import { formatNumber, type FigureTable } from '../../src/lib/charts/table.js';
import { parseAssumptions } from '../../src/lib/figures/gp-assumptions.js';
import { avoidedByAttendance, avoidedByPcn, frequentAttenderFrom, gpKeyFigures, monthlyRates, overallAvoided } from '../../src/lib/figures/gp-time.js';
import type { KeyFigure } from '../../src/lib/figures/key-figure.js';
import { parseFilters, resolvePeriod } from '../../src/lib/filters/filters.js';
import { describePeriod, periodMonths } from '../../src/lib/filters/period.js';
import { REGRESSION_TO_THE_MEAN_CAVEAT } from '../../src/lib/metrics/index.js';
import { gpMonthlyByCohort, gpUseByAttendance, gpUseByCohort, gpUseByPcn } from '../../src/lib/queries/index.js';
import type { FirstView, Manifest } from '../../src/lib/schema/index.js';
import { app, checkPage, launchBrowser, nodeDuckDb, tableText, watchedPage } from './context.js';

describe.skipIf(!app.available)('GP time freed', () => {
	let browser: Awaited<ReturnType<typeof launchBrowser>>;
	let duck: Awaited<ReturnType<typeof nodeDuckDb>>;
	let firstView: FirstView;
	let windowMonths: number;
	const pcnName = (code: string) => firstView.areas.find((a) => a.pcn_code === code)?.pcn_name as string | undefined;

	beforeAll(async () => {
		browser = await launchBrowser();
		duck = await nodeDuckDb();
		firstView = JSON.parse(await readFile(join(app.published, 'first-view.json'), 'utf8')) as FirstView;
		windowMonths = (JSON.parse(await readFile(join(app.published, 'manifest.json'), 'utf8')) as Manifest).parameters.window_months;
	});
	afterAll(async () => {
		await browser?.close();
		duck?.close();
	});

	/** Key figures as the page writes them. */
	const shown = (f: KeyFigure) => {
		const v = f.value.value;
		if (v === null) return f.value.suppressed ? '*' : '–';
		return `${v < 0 ? '-' : ''}${f.prefix ?? ''}${formatNumber(Math.abs(v), f.digits)}`;
	};
	const texts = (t: FigureTable) => t.rows.map((row) => row.map((c) => c.text));

	/** What the page should show for a URL query string, from node DuckDB and the same figures code. */
	async function expected(search: string) {
		const params = new URLSearchParams(search);
		const filters = parseFilters(params);
		const period = resolvePeriod(filters, firstView.default_year!);
		const range = periodMonths(period);
		const periodText = describePeriod(period);
		const all = overallAvoided(await duck.rows(gpUseByCohort(filters, range)));
		return {
			keyFigures: Object.fromEntries(gpKeyFigures(all, parseAssumptions(params).assumptions, windowMonths).map((f) => [f.key, shown(f)])),
			monthly: monthlyTable(monthlyRates(await duck.rows(gpMonthlyByCohort(filters, range))), `GP appointments per person by month from referral, financial years overlapping ${periodText}`),
			pcns: avoidedTable(
				avoidedByPcn(await duck.rows(gpUseByPcn(filters, range)), all.perPerson.value, pcnName),
				'PCN',
				windowMonths,
				`GP appointments avoided per person by PCN, referrals in ${periodText}`
			),
			attendance: avoidedTable(
				avoidedByAttendance(await duck.rows(gpUseByAttendance(filters, range)), frequentAttenderFrom(windowMonths), all.perPerson.value),
				'Attenders',
				windowMonths,
				`GP appointments avoided per person by baseline GP use, referrals in ${periodText}`
			)
		};
	}

	async function keyFiguresOnScreen(page: Page): Promise<Record<string, string>> {
		await page.locator('.headline').first().waitFor({ timeout: 30_000 });
		return page.locator('.headline').evaluateAll((cards) =>
			Object.fromEntries(cards.map((c) => [c.getAttribute('data-key'), (c.querySelector('.headline-value')?.firstChild?.textContent ?? '').trim()]))
		);
	}

	async function chartTable(page: Page, id: string, caption: RegExp): Promise<string[][]> {
		await page.locator(`figure#${id}`).getByRole('button', { name: 'Table' }).click();
		return tableText(page, caption);
	}

	it('the default view: key figures and every table equal node DuckDB; the caveat is by the raw figures; axe passes', async () => {
		const want = await expected('');
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(`${app.origin}/gp-time`);
		await expect.poll(() => keyFiguresOnScreen(page), { timeout: 30_000 }).toEqual(want.keyFigures);
		expect(want.keyFigures.hours).not.toBe('*');
		expect(await chartTable(page, 'monthly', /^GP appointments per person by month from referral/)).toEqual(texts(want.monthly));
		expect(await chartTable(page, 'pcns', /^GP appointments avoided per person by PCN/)).toEqual(texts(want.pcns));
		expect(await chartTable(page, 'attendance', /^GP appointments avoided per person by baseline GP use/)).toEqual(texts(want.attendance));
		// The raw before/after figures carry the regression-to-the-mean caveat beside them.
		const raw = page.getByRole('region', { name: 'Before and after, without the comparison' });
		await expect.poll(() => raw.textContent()).toMatch(/Referred \([\d,]+ people\): \d\.\d\d GP appointments per person/);
		expect(await raw.textContent()).toContain(REGRESSION_TO_THE_MEAN_CAVEAT);
		expect(await raw.isVisible()).toBe(true);
		// The assumptions are shown with their defaults and sources.
		expect(await page.getByLabel('Minutes per GP appointment').inputValue()).toBe('10');
		expect(await page.getByLabel('Cost per GP appointment (£)').inputValue()).toBe('40');
		expect(await page.getByLabel('Price year of the cost').inputValue()).toBe('2024/25');
		await page.getByText(/PSSRU Unit Costs of Health and Social Care 2023 onwards/).waitFor();
		await expect.poll(() => page.locator('.headline-message').textContent()).toMatch(/^People referred in financial year \d{4}\/\d{2} had [\d.]+ (fewer|more) GP appointments each/);
		await checkPage(watched, 'gp-time');
		await page.close();
	});

	it('assumptions change the hours and cost and the URL; reload restores them; bad values get a clear message', async () => {
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(`${app.origin}/gp-time`);
		await page.locator('.headline').first().waitFor({ timeout: 30_000 });
		const minutes = page.getByLabel('Minutes per GP appointment');
		await minutes.fill('12.5');
		await minutes.press('Enter');
		await page.waitForURL((url) => url.searchParams.get('min') === '12.5');
		let want = await expected('min=12.5');
		await expect.poll(() => keyFiguresOnScreen(page), { timeout: 30_000 }).toEqual(want.keyFigures);
		expect(want.keyFigures.hours).not.toEqual((await expected('')).keyFigures.hours);

		// A bad cost: a message, the URL and the figures unchanged.
		const cost = page.getByLabel('Cost per GP appointment (£)');
		await cost.fill('forty');
		await cost.press('Enter');
		await page.getByText(/Cost per appointment must be an amount in pounds from 1 to 1,000/).waitFor();
		expect(await cost.getAttribute('aria-invalid')).toBe('true');
		expect(new URL(page.url()).searchParams.has('gbp')).toBe(false);
		expect(await keyFiguresOnScreen(page)).toEqual(want.keyFigures);

		// Cost and price year together, with the update button.
		await cost.fill('42');
		await page.getByLabel('Price year of the cost').fill('2022/23');
		await page.getByRole('button', { name: 'Update figures' }).click();
		await page.waitForURL((url) => url.searchParams.get('gbp') === '42' && url.searchParams.get('py') === '2022-23' && url.searchParams.get('min') === '12.5');
		want = await expected('min=12.5&gbp=42&py=2022-23');
		await expect.poll(() => keyFiguresOnScreen(page), { timeout: 30_000 }).toEqual(want.keyFigures);
		await page.getByText('Value of GP time freed (2022/23 prices)').waitFor();

		await page.reload();
		expect(await page.getByLabel('Minutes per GP appointment').inputValue()).toBe('12.5');
		expect(await page.getByLabel('Cost per GP appointment (£)').inputValue()).toBe('42');
		await expect.poll(() => keyFiguresOnScreen(page), { timeout: 30_000 }).toEqual(want.keyFigures);

		// A filter change keeps the assumptions and updates the figures; the monthly chart says what it cannot filter.
		await page.getByText('People and referrals').click();
		await page.getByRole('group', { name: 'Sex' }).getByLabel('female', { exact: true }).check();
		await page.waitForURL((url) => url.searchParams.get('sex') === 'female' && url.searchParams.get('min') === '12.5');
		want = await expected('sex=female&min=12.5&gbp=42&py=2022-23');
		await expect.poll(() => keyFiguresOnScreen(page), { timeout: 30_000 }).toEqual(want.keyFigures);
		await page.locator('figure#monthly').getByText(/Not applied to this chart: demographics/).waitFor();

		// A bad value in a shared link is reported and the default used.
		await page.goto(`${app.origin}/gp-time?min=0`);
		await page.getByText(/Minutes per appointment must be a number from 1 to 60.*use the default, 10/).waitFor({ timeout: 30_000 });
		await expect.poll(() => keyFiguresOnScreen(page), { timeout: 30_000 }).toEqual((await expected('')).keyFigures);
		expect(watched.errors).toEqual([]);
		await page.close();
	});

	it('works by keyboard: the assumptions form and the defaults button', async () => {
		const { page, errors } = await watchedPage(browser.context);
		await page.goto(`${app.origin}/gp-time?min=15`);
		await page.locator('.headline').first().waitFor({ timeout: 30_000 });
		// Tab into the minutes field from the filters.
		await page.locator('#f-period-kind').focus();
		for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.id)) !== 'a-minutes'; i++) await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('a-minutes');
		await page.keyboard.press('ControlOrMeta+A');
		await page.keyboard.type('8');
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => url.searchParams.get('min') === '8');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('a-minutes');
		// Tab on to "Use the defaults" and press it.
		for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Use the defaults'; i++) await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.searchParams.has('min'));
		await expect.poll(() => page.getByLabel('Minutes per GP appointment').inputValue()).toBe('10');
		await expect.poll(() => keyFiguresOnScreen(page), { timeout: 30_000 }).toEqual((await expected('')).keyFigures);
		expect(errors).toEqual([]);
		await page.close();
	});
});
