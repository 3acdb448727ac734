/**
 * The Wellbeing page in real Chromium: its tables and key figures equal the same queries run by
 * node DuckDB on the same Parquet through the same figures code; the measure and breakdown
 * choosers change the charts and the page's own URL parameters (m, by), which survive reload and
 * filter changes; a filter change updates the figures; it works by keyboard; axe passes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDisclosed, type FigureTable } from '../../src/lib/charts/table.js';
import { bandTable, changeTable, completenessTable, distributionTable, summaryTable } from '../../src/lib/charts/wellbeing-tables.js';
import { changeByGroup, DIMENSION_NAMES, distribution, distributionBins, measureFromKey, measureKey, measureSummaries } from '../../src/lib/figures/wellbeing.js';
import { bandMovement } from '../../src/lib/figures/wellbeing-bands.js';
import { completeness } from '../../src/lib/figures/wellbeing-completeness.js';
import { wellbeingKeyFigures } from '../../src/lib/figures/wellbeing-messages.js';
import { parseFilters, resolvePeriod } from '../../src/lib/filters/filters.js';
import { describePeriod, periodMonths } from '../../src/lib/filters/period.js';
import type { Ons4Measure } from '../../src/lib/metrics/index.js';
import { ons4BandPairs, wellbeingByMeasure, wellbeingChangeBy, wellbeingCompleteness, wellbeingCompletenessRows, wellbeingDistribution, type ChangeDimension } from '../../src/lib/queries/index.js';
import type { FirstView } from '../../src/lib/schema/index.js';
import { app, checkPage, launchBrowser, nodeDuckDb, tableText, watchedPage } from './context.js';

describe.skipIf(!app.available)('Wellbeing', () => {
	let browser: Awaited<ReturnType<typeof launchBrowser>>;
	let duck: Awaited<ReturnType<typeof nodeDuckDb>>;
	let firstView: FirstView;
	const pcnName = (code: string) => firstView.areas.find((a) => a.pcn_code === code)?.pcn_name as string | undefined;

	beforeAll(async () => {
		browser = await launchBrowser();
		duck = await nodeDuckDb();
		firstView = JSON.parse(await readFile(join(app.published, 'first-view.json'), 'utf8')) as FirstView;
	});
	afterAll(async () => {
		await browser?.close();
		duck?.close();
	});

	/** The page's tables as node DuckDB and the same figures code make them, for a URL query string. */
	async function expected(search: string) {
		const params = new URLSearchParams(search);
		const filters = parseFilters(params);
		const period = resolvePeriod(filters, firstView.default_year!);
		const range = periodMonths(period);
		const periodText = describePeriod(period);
		const spec = measureFromKey(params.get('m'));
		const by = (params.get('by') ?? 'pcn') as ChangeDimension;
		const bins = distributionBins(spec);
		const summaries = measureSummaries(await duck.rows(wellbeingByMeasure(filters, range)));
		const current = summaries.find((s) => s.key === measureKey(spec))!;
		const parts = wellbeingCompleteness(filters, range);
		const complete = completeness(wellbeingCompletenessRows(await duck.rows(parts.accepted), await duck.rows(parts.scores)), pcnName);
		const groups = changeByGroup(await duck.rows(wellbeingChangeBy(filters, range, spec, by)), by, current.meanChange.value, pcnName);
		const bands = spec.instrument === 'ons4' ? bandMovement(await duck.rows(ons4BandPairs(filters, range, spec.measure as Ons4Measure)), spec.measure as Ons4Measure) : null;
		return {
			summary: summaryTable(summaries, periodText),
			distribution: distributionTable(distribution(await duck.rows(wellbeingDistribution(filters, range, spec, bins)), bins), spec, periodText),
			change: changeTable(groups, DIMENSION_NAMES[by], spec, periodText),
			bands: bands ? bandTable(bands, spec, periodText) : null,
			completeness: completenessTable(complete, periodText),
			keyFigures: Object.fromEntries(
				wellbeingKeyFigures(current, complete.total ?? complete.rows[0] ?? null).map((f) => [f.key, formatDisclosed(f.value, f.digits) + (f.unit === '%' && f.value.value !== null ? '%' : '')])
			)
		};
	}

	const texts = (t: FigureTable) => t.rows.map((row) => row.map((c) => c.text));

	async function keyFiguresOnScreen(page: Page): Promise<Record<string, string>> {
		await page.locator('.headline').first().waitFor({ timeout: 30_000 });
		return page.locator('.headline').evaluateAll((cards) =>
			Object.fromEntries(cards.map((c) => [c.getAttribute('data-key'), (c.querySelector('.headline-value')?.firstChild?.textContent ?? '').trim()]))
		);
	}

	/** The table view of the chart with this id. */
	async function chartTable(page: Page, id: string, caption: RegExp): Promise<string[][]> {
		const chart = page.locator(`figure#${id}`);
		await chart.getByRole('button', { name: 'Table' }).click();
		return tableText(page, caption);
	}

	it('the default view: every table and key figure equals node DuckDB; axe passes', async () => {
		const want = await expected('');
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(`${app.origin}/wellbeing`);
		expect(await tableText(page, /^Wellbeing by instrument and measure/)).toEqual(texts(want.summary));
		await expect.poll(() => keyFiguresOnScreen(page), { timeout: 30_000 }).toEqual(want.keyFigures);
		expect(Number(want.keyFigures.pairs!.replace(/,/g, ''))).toBeGreaterThan(0);
		expect(await chartTable(page, 'distribution', /scores at baseline and follow-up/)).toEqual(texts(want.distribution));
		expect(await chartTable(page, 'change-by', /^Mean paired change in/)).toEqual(texts(want.change));
		expect(await chartTable(page, 'bands', /ONS band at follow-up compared with baseline/)).toEqual(texts(want.bands!));
		expect(await chartTable(page, 'completeness', /^Accepted referrals with wellbeing scores by PCN/)).toEqual(texts(want.completeness));
		// The page's headline states the message.
		await expect.poll(() => page.locator('.headline-message').textContent()).toMatch(/^ONS4 life satisfaction (improved|got worse|did not change)/);
		// The summary table's CSV: raw values under its header, stamped with source and filters.
		const download = page.waitForEvent('download');
		await page.locator('section#measures').getByRole('button', { name: 'CSV' }).click();
		const csv = await readFile((await (await download).path())!, 'utf8');
		expect(csv.startsWith(`\uFEFF${want.summary.columns.map((c) => c.label).join(',')}\r\n`)).toBe(true);
		expect(csv).toContain(want.summary.rows[0]!.map((c) => c.raw ?? '').join(','));
		expect(csv).toContain('Filters: Period: financial year');
		await checkPage(watched, 'wellbeing');
		await page.close();
	});

	it('the measure chooser changes the charts and the URL; reload restores it; a filter change keeps it', async () => {
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(`${app.origin}/wellbeing`);
		await page.locator('.headline').first().waitFor({ timeout: 30_000 });
		await page.getByLabel('Wellbeing measure').selectOption('wemwbs.total');
		await page.waitForURL(/[?&]m=wemwbs\.total/);
		let want = await expected('m=wemwbs.total');
		await expect.poll(() => chartTable(page, 'distribution', /^WEMWBS scores at baseline/), { timeout: 30_000 }).toEqual(texts(want.distribution));
		await expect.poll(() => keyFiguresOnScreen(page)).toEqual(want.keyFigures);
		// ONS bands do not apply to WEMWBS: the chart says so.
		await page.locator('figure#bands').getByText('ONS bands apply to the four ONS4 measures only').waitFor();

		await page.reload();
		expect(await page.getByLabel('Wellbeing measure').inputValue()).toBe('wemwbs.total');
		await expect.poll(() => chartTable(page, 'distribution', /^WEMWBS scores at baseline/), { timeout: 30_000 }).toEqual(texts(want.distribution));

		// A shared filter: the measure stays in the URL and the figures follow the filter.
		const pcn = String(firstView.areas[0]!.pcn_code);
		await page.getByLabel('PCN', { exact: true }).selectOption(pcn);
		await page.waitForURL((url) => url.searchParams.get('pcn') === pcn && url.searchParams.get('m') === 'wemwbs.total');
		want = await expected(`pcn=${pcn}&m=wemwbs.total`);
		await expect.poll(() => tableText(page, /^Wellbeing by instrument and measure/), { timeout: 30_000 }).toEqual(texts(want.summary));
		await expect.poll(() => chartTable(page, 'distribution', /^WEMWBS scores at baseline/), { timeout: 30_000 }).toEqual(texts(want.distribution));
		expect(texts(want.summary)).not.toEqual(texts((await expected('m=wemwbs.total')).summary));

		// Resetting the filters keeps the page's own choice.
		await page.getByRole('link', { name: /Reset/ }).click();
		await page.waitForURL((url) => !url.searchParams.has('pcn') && url.searchParams.get('m') === 'wemwbs.total');
		expect(watched.errors).toEqual([]);
		await page.close();
	});

	it('works by keyboard: the breakdown chooser and the chart and table views', async () => {
		const { page, errors } = await watchedPage(browser.context);
		await page.goto(`${app.origin}/wellbeing?m=ons4.anxiety`);
		await page.locator('.headline').first().waitFor({ timeout: 30_000 });
		// Tab from the measure chooser onwards to the breakdown chooser.
		await page.getByLabel('Wellbeing measure').focus();
		for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.id)) !== 'breakdown'; i++) await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('breakdown');
		await page.keyboard.press('ArrowDown');
		await page.waitForURL((url) => url.searchParams.get('by') === 'need' && url.searchParams.get('m') === 'ons4.anxiety');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('breakdown');
		const want = await expected('m=ons4.anxiety&by=need');
		const table = page.locator('figure#change-by').getByRole('button', { name: 'Table' });
		await table.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => tableText(page, /^Mean paired change in ONS4 anxiety by need/), { timeout: 30_000 }).toEqual(texts(want.change));
		expect(texts(want.change).map((r) => r[0])).toContain('Loneliness isolation');
		// Back to the chart by keyboard.
		await page.locator('figure#change-by').getByRole('button', { name: 'Chart' }).focus();
		await page.keyboard.press('Enter');
		await page.locator('figure#change-by svg[role="img"]').waitFor();
		expect(errors).toEqual([]);
		await page.close();
	});
});
