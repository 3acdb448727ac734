/**
 * The Overview in real Chromium: its figures equal the same queries run by node DuckDB on the
 * same Parquet (through the same disclosure and interval code), for the precomputed default view
 * and for filtered views computed by DuckDB-WASM; filters update the charts and the URL, reload
 * restores them, back returns; it works by keyboard; exports are stamped.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/lib/charts/table.js';
import { monthlySeries, overviewHeadlines, type Headline } from '../../src/lib/figures/overview.js';
import { DENOMINATOR_NOTE } from '../../src/lib/figures/rates.js';
import { parseFilters, resolvePeriod } from '../../src/lib/filters/filters.js';
import { monthName, periodMonths } from '../../src/lib/filters/period.js';
import { gpUseByCohort, overviewPractices, overviewReferralParts, overviewReferrals, wellbeingByMeasure } from '../../src/lib/queries/index.js';
import type { FirstView } from '../../src/lib/schema/index.js';
import { generateDemo } from '../../data-pipeline/src/demo/generate.js';
import { runPipeline } from '../../data-pipeline/src/run.js';
import { app, checkPage, fetchedTables, launchBrowser, nodeDuckDb, openFilteredOverview, tableText, watchedPage } from './context.js';
import { startApp, tempDir } from './harness.js';

describe.skipIf(!app.available)('Overview', () => {
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

	/** Headlines as node DuckDB and the figures code make them for a URL query string. */
	async function expectedHeadlines(search: string): Promise<Headline[]> {
		const filters = parseFilters(new URLSearchParams(search));
		const range = periodMonths(resolvePeriod(filters, firstView.default_year!));
		const [referrals, wellbeing, gp] = await Promise.all([
			Promise.all([duck.rows(overviewReferrals(filters, range)), duck.rows(overviewPractices())]).then(([cells, practices]) => overviewReferralParts(cells, practices, filters).referrals),
			duck.rows(wellbeingByMeasure(filters, range)),
			duck.rows(gpUseByCohort(filters, range))
		]);
		return overviewHeadlines(referrals[0], wellbeing, gp);
	}

	const shownText = (h: Headline) => (h.value.value === null ? (h.value.suppressed ? '*' : '–') : `${formatNumber(h.value.value, h.digits)}${h.unit === '%' ? '%' : ''}`);

	/**
	 * Choose PCNs in the filter bar one after another in one task, as a fast user or a held key
	 * does, and then, with `then`, follow the reset link or go back in the same task.
	 */
	async function choosePcnsAtOnce(page: Page, pcns: string[], options: { then?: 'reset' | 'back' } = {}): Promise<void> {
		await page.evaluate(
			({ values, then }) => {
				const select = document.querySelector<HTMLSelectElement>('#f-pcn')!;
				for (const value of values) {
					select.value = value;
					select.dispatchEvent(new Event('change', { bubbles: true }));
				}
				if (then === 'reset') [...document.querySelectorAll('a')].find((a) => a.textContent?.trim() === 'Reset all filters')!.click();
				if (then === 'back') history.back();
			},
			{ values: pcns, then: options.then ?? null }
		);
	}

	async function headlinesOnScreen(page: Page): Promise<Record<string, string>> {
		await page.locator('.headline').first().waitFor({ timeout: 30_000 });
		return page.locator('.headline').evaluateAll((cards) =>
			Object.fromEntries(cards.map((c) => [c.getAttribute('data-key'), (c.querySelector('.headline-value')?.firstChild?.textContent ?? '').trim()]))
		);
	}

	for (const search of ['', 'pcn=PLACEHOLDER&age=65-74,75-84', 'p=2024-25q3&imd=1,2', 'sex=male&need=loneliness_isolation']) {
		it(`headline figures equal node DuckDB's for "${search || 'the default view'}"`, async () => {
			const query = search.replace('PLACEHOLDER', String(firstView.areas[0]!.pcn_code));
			const expected = await expectedHeadlines(query);
			expect(expected.find((h) => h.key === 'referrals')!.value.value).toBeGreaterThan(0);
			const watched = await watchedPage(browser.context);
			await watched.page.goto(`${app.origin}/${query ? `?${query}` : ''}`);
			const shown = await headlinesOnScreen(watched.page);
			expect(shown).toEqual(Object.fromEntries(expected.map((h) => [h.key, shownText(h)])));
			if (!search) await checkPage(watched, 'overview');
			else expect(watched.errors).toEqual([]);
			await watched.page.close();
		});
	}

	it('the default view is drawn from the first view without starting DuckDB-WASM first', async () => {
		const watched = await watchedPage(browser.context);
		// Note in the page when the monthly chart first appears, so the order is checked in the
		// page's own clock rather than by when this process notices (slow under load).
		await watched.page.addInitScript(() => {
			const observer = new MutationObserver(() => {
				if (!document.querySelector('svg[role="img"][aria-label*="the busiest month"]')) return;
				(window as unknown as { __chartAt: number }).__chartAt = performance.now();
				observer.disconnect();
			});
			observer.observe(document, { childList: true, subtree: true, attributes: true });
		});
		await watched.page.goto(app.origin + '/');
		await watched.page.getByRole('img', { name: /referrals; the busiest month/ }).waitFor({ timeout: 10_000 });
		// DuckDB's wasm is fetched only after the chart is up, in the background, by its worker
		// (times on both sides as epoch milliseconds, from each context's own clock).
		const isWasm = (url: string) => /duckdb-(eh|mvp)\.[^/]+\.wasm$/.test(url);
		await expect.poll(() => watched.requests.some(isWasm), { timeout: 30_000 }).toBe(true);
		const worker = watched.page.workers().find((w) => /duckdb-browser-[a-z]+\.worker/.test(w.url()))!;
		// A resource entry is written when its download ends.
		const wasmStart = () =>
			worker.evaluate(
				(pattern) => performance.timeOrigin + Math.min(...performance.getEntriesByType('resource').filter((e) => new RegExp(pattern).test(e.name)).map((e) => e.startTime)),
				'duckdb-(eh|mvp)\\.[^/]+\\.wasm$'
			);
		await expect.poll(wasmStart, { timeout: 30_000 }).toBeLessThan(Infinity);
		const wasmAt = await wasmStart();
		const chartAt = await watched.page.evaluate(() => performance.timeOrigin + (window as unknown as { __chartAt: number }).__chartAt);
		expect(Number.isFinite(chartAt)).toBe(true);
		expect(wasmAt).toBeGreaterThan(chartAt);
		await watched.page.close();
	});

	it('a filter change updates the figures and the URL; reload restores it; back returns', async () => {
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(app.origin + '/');
		const before = await headlinesOnScreen(page);
		const pcn = firstView.areas[0]!;
		await page.getByLabel('PCN', { exact: true }).selectOption(String(pcn.pcn_code));
		await page.waitForURL(new RegExp(`pcn=${pcn.pcn_code}`));
		const expected = Object.fromEntries((await expectedHeadlines(`pcn=${pcn.pcn_code}`)).map((h) => [h.key, shownText(h)]));
		await expect.poll(() => headlinesOnScreen(page), { timeout: 30_000 }).toEqual(expected);
		expect(expected.referrals).not.toEqual(before.referrals);
		await page.getByText(`PCN: ${pcn.pcn_name} (${pcn.pcn_code})`).waitFor();
		await page.reload();
		expect(await page.getByLabel('PCN', { exact: true }).inputValue()).toBe(pcn.pcn_code);
		await expect.poll(() => headlinesOnScreen(page), { timeout: 30_000 }).toEqual(expected);
		await page.goBack();
		await page.waitForURL(app.origin + '/');
		await expect.poll(() => headlinesOnScreen(page), { timeout: 30_000 }).toEqual(before);
		expect(watched.errors).toEqual([]);
		await page.close();
	});

	it('changes made before the URL is written become one history entry, and back returns to the view before them', async () => {
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(app.origin + '/');
		const before = await headlinesOnScreen(page);
		const [first, second] = [...new Set(firstView.areas.map((a) => String(a.pcn_code)))];
		// Two choices in the same task, as a fast user or a keyboard repeat makes them.
		await choosePcnsAtOnce(page, [first!, second!]);
		await page.waitForURL(new RegExp(`pcn=${second}`));
		const expected = Object.fromEntries((await expectedHeadlines(`pcn=${second}`)).map((h) => [h.key, shownText(h)]));
		await expect.poll(() => headlinesOnScreen(page), { timeout: 30_000 }).toEqual(expected);
		await page.goBack();
		await page.waitForURL(app.origin + '/');
		await expect.poll(() => headlinesOnScreen(page), { timeout: 30_000 }).toEqual(before);
		expect(await page.getByLabel('PCN', { exact: true }).inputValue()).toBe('');
		expect(watched.errors).toEqual([]);
		await page.close();
	});

	it('a filter change followed at once by the reset link or by back ends on the unfiltered view, and its URL is never written', async () => {
		const [first, second] = [...new Set(firstView.areas.map((a) => String(a.pcn_code)))];
		for (const then of ['reset', 'back'] as const) {
			const watched = await watchedPage(browser.context);
			const { page } = watched;
			await page.goto(app.origin + '/');
			const before = await headlinesOnScreen(page);
			// A first change written to the history within the page, so that back stays in it.
			await choosePcnsAtOnce(page, [first!]);
			await page.waitForFunction(() => performance.getEntriesByName('signpost:address-updated').length > 0);
			await choosePcnsAtOnce(page, [second!], { then });
			// Longer than the address waits for figures before it writes a URL anyway (1 s).
			await page.waitForTimeout(1500);
			expect(page.url(), then).toBe(app.origin + '/');
			expect(await page.getByLabel('PCN', { exact: true }).inputValue()).toBe('');
			await expect.poll(() => headlinesOnScreen(page), { timeout: 30_000 }).toEqual(before);
			expect(watched.errors).toEqual([]);
			await page.close();
		}
	});

	it('a filtered Overview loads its four tables into the two DuckDB-WASM workers, each fetched once', async () => {
		const watched = await watchedPage(browser.context);
		const { page, errors } = watched;
		await openFilteredOverview(watched);
		const expected = Object.fromEntries((await expectedHeadlines('sex=female')).map((h) => [h.key, shownText(h)]));
		await expect.poll(() => headlinesOnScreen(page), { timeout: 30_000 }).toEqual(expected);
		// Referral activity in one engine, outcomes in the other (src/lib/db/connector.ts): no table twice.
		const engines = page.workers().filter((w) => /duckdb-browser-[a-z]+\.worker/.test(w.url()));
		expect(engines).toHaveLength(2);
		expect(fetchedTables(watched).sort()).toEqual(['gp_use', 'practices', 'referrals', 'wellbeing']);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('going through every dashboard page from a filtered Overview fetches no table twice but the small practices table', async () => {
		const watched = await watchedPage(browser.context);
		const { page, errors } = watched;
		await openFilteredOverview(watched);
		for (const [link, path] of [
			['Wellbeing', '/wellbeing'],
			['GP time freed', '/gp-time'],
			['Compare practices', '/practices'],
			['Referrals and equity', '/referrals'],
			['Data quality', '/data-quality']
		] as const) {
			await page.getByRole('navigation').first().getByRole('link', { name: link, exact: true }).click();
			await page.waitForURL((url) => url.pathname === path);
			// Every figure of the page drawn (nothing left busy), so every query it makes has run.
			await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
		}
		const large = fetchedTables(watched).filter((t) => t !== 'practices');
		expect(large.length, `fetched: ${large.join(', ')}`).toBe(new Set(large).size);
		expect(new Set(large)).toEqual(new Set(['referrals', 'wellbeing', 'gp_use', 'gp_monthly', 'contacts', 'signposting', 'workforce']));
		expect(errors).toEqual([]);
		await page.close();
	});

	it('says, under the rates and the ambition, that a people filter leaves the denominator at all registered patients', async () => {
		const { page, errors } = await watchedPage(browser.context);
		const note = DENOMINATOR_NOTE;
		await page.goto(app.origin + '/');
		await page.locator('#pcn-rates svg[role="img"]').waitFor({ timeout: 30_000 });
		expect(await page.locator('#pcn-rates').textContent()).not.toContain(note);
		await page.goto(app.origin + '/?sex=female');
		await expect.poll(async () => page.locator('#pcn-rates').textContent(), { timeout: 30_000 }).toContain(note);
		expect(await page.locator('#ambition').textContent()).toContain(note);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('on a delivery of referrals alone, the headlines and the other pages say which files never came, not that there were none', async () => {
		const dir = await tempDir('referrals-only-');
		const delivery = join(dir, 'delivery');
		await generateDemo({ out: delivery, referrals: 1500, seed: 'referrals-only', dirty: false });
		for (const file of await readdir(delivery)) if (file.endsWith('.csv') && file !== 'referrals.csv') await rm(join(delivery, file));
		const out = join(dir, 'published');
		await runPipeline({ inputs: [delivery], out, reference: join(delivery, 'reference/gp-reg-pat-prac-map.csv'), list_sizes: join(delivery, 'reference/list-sizes.csv'), window_months: 6, today: '2026-10-01', datasets: false, log: { info: () => undefined, warn: () => undefined } });
		const server = await startApp(app.build, out);
		const { page, errors } = await watchedPage(browser.context);
		try {
			for (const search of ['', '?sex=female']) {
				await page.goto(server.origin + '/' + search);
				const note = (key: string) => page.locator(`.headline[data-key="${key}"] .headline-note`).textContent({ timeout: 30_000 });
				expect(await note('contacts')).toBe('No contacts file was delivered.');
				expect(await note('wellbeing_change')).toBe('No wellbeing file was delivered.');
				expect(await note('improved')).toBe('No wellbeing file was delivered.');
				expect(await note('appointments_avoided')).toBe('No GP appointments file was delivered.');
			}
			// The other pages name the missing files in their empty states too.
			for (const [path, texts] of [
				['/wellbeing', ['No wellbeing file was delivered.']],
				['/gp-time', ['No GP appointments file was delivered.']],
				['/referrals', ['No signposting file was delivered.', 'No workforce file was delivered.', 'No contacts file was delivered.']]
			] as const) {
				await page.goto(server.origin + path);
				for (const text of texts) await page.getByText(text).first().waitFor({ timeout: 30_000 });
			}
			// The pages' headlines say so as well.
			for (const [path, text] of [
				['/wellbeing', 'No wellbeing file was delivered.'],
				['/gp-time', 'No GP appointments file was delivered.']
			] as const) {
				await page.goto(server.origin + path);
				await expect.poll(async () => (await page.locator('.headline-message').textContent())?.trim(), { timeout: 30_000 }).toBe(text);
			}
			await page.goto(server.origin + '/referrals');
			await page.getByText('No workforce file was delivered.').first().waitFor({ timeout: 30_000 });
			// With no workforce file there is no FTE to average: the title claims none.
			expect((await page.locator('#link-worker-fte-title').textContent())?.trim()).toBe('Link worker FTE');
			expect(errors).toEqual([]);
		} finally {
			await page.close();
			await server.stop();
		}
	});

	it('works by keyboard: skip link, filters, chart and table views', async () => {
		const { page, errors } = await watchedPage(browser.context);
		await page.goto(app.origin + '/');
		await page.locator('.headline').first().waitFor();
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
		await page.keyboard.press('Enter');
		// Tab through to the first filter and change it with the keyboard.
		for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== 'f-period-kind'; i++) await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-period-kind');
		await page.keyboard.press('ArrowDown');
		await page.waitForURL(/p=\d{4}-\d{2}q1/);
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-period-kind');
		// The monthly chart's table view, by keyboard.
		const tableButton = page.getByRole('group', { name: /^View of .*referrals/ }).getByRole('button', { name: 'Table' });
		await tableButton.focus();
		await page.keyboard.press('Enter');
		// The year's figures stay up, with their own period, until the quarter's are computed.
		await expect.poll(async () => (await tableText(page, /Referrals and accepted referrals per month/)).length, { timeout: 30_000 }).toBe(3);
		expect(errors).toEqual([]);
		await page.close();
	});

	it("the monthly table equals node DuckDB's monthly referrals after disclosure control, and exports a stamped CSV", async () => {
		const { page } = await watchedPage(browser.context);
		await page.goto(app.origin + '/');
		await page.getByRole('group', { name: /^View of .*referrals/ }).getByRole('button', { name: 'Table' }).click();
		const shown = await tableText(page, /Referrals and accepted referrals per month/);
		const filters = parseFilters(new URLSearchParams());
		const range = periodMonths(resolvePeriod(filters, firstView.default_year!));
		const months: string[] = [];
		for (let y = Number(range.from.slice(0, 4)), m = Number(range.from.slice(5)); months.length < 12; m === 12 ? ((m = 1), y++) : m++) {
			months.push(`${y}-${String(m).padStart(2, '0')}`);
		}
		const series = monthlySeries(overviewReferralParts(await duck.rows(overviewReferrals(filters, range)), await duck.rows(overviewPractices()), filters).monthly, months);
		const text = (v: { value: number | null; suppressed: unknown }) => (v.value === null ? (v.suppressed ? '*' : '–') : formatNumber(v.value));
		expect(shown).toEqual(series.months.map((m, i) => [monthName(m), text(series.referrals[i]!), text(series.accepted[i]!)]));
		expect(series.referrals.every((v) => v.value === null || v.value % 5 === 0)).toBe(true);

		const download = page.waitForEvent('download');
		await page.getByRole('group', { name: /^Download .*referrals/ }).getByRole('button', { name: 'CSV' }).click();
		const file = await (await download).path();
		const csv = await readFile(file, 'utf8');
		expect(csv.startsWith('\uFEFFMonth,Referrals,Accepted\r\n')).toBe(true);
		expect(csv).toContain('Filters: Period: financial year');
		expect(csv).toMatch(/Source: Signpost, data published/);
		await page.close();
	});
});
