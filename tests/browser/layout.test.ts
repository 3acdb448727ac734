/**
 * Phone, print and the accessibility statement in real Chromium: no page scrolls sideways at
 * 360 px (only wide tables, inside their own scrolling box); print media hides the filters and
 * chart buttons and keeps each chart's title and source stamp; the accessibility statement is
 * server-rendered, linked from every page, passes axe and works by keyboard. A screenshot of each
 * page at 360 px is kept as <name>-360.png, and a print PDF of the Overview as overview-print.pdf.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app, checkPage, launchBrowser, screenshots, watchedPage } from './context.js';

/** Every page, and what shows it has drawn its content. */
const PAGES: { path: string; name: string; ready: (page: Page) => Promise<unknown> }[] = [
	{ path: '/', name: 'overview', ready: (page) => page.getByRole('img', { name: /referrals; the busiest month/ }).waitFor({ timeout: 30_000 }) },
	{ path: '/methods', name: 'methods', ready: (page) => page.getByRole('heading', { level: 1 }).waitFor() },
	{
		path: '/data-quality',
		name: 'data-quality',
		ready: (page) => page.getByRole('table', { name: /^Share of referrals with each optional field recorded, by practice/ }).waitFor({ timeout: 30_000 })
	},
	{ path: '/accessibility', name: 'accessibility', ready: (page) => page.getByRole('heading', { level: 1, name: 'Accessibility statement for Signpost' }).waitFor() },
	{ path: '/downloads', name: 'downloads', ready: (page) => page.getByRole('link', { name: /^Download CSV of / }).first().waitFor({ timeout: 30_000 }) }
];

/** Elements wider than the viewport that are not inside a scrolling table box (for a useful failure message). */
const overflowing = (page: Page) =>
	page.evaluate(() =>
		[...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 && !el.closest('.table-scroll'))
			.slice(0, 5)
			.map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
	);

/** Text in a chart drawing that sticks out of its svg (cut off on screen): axis names too long for a phone. */
const clippedChartText = (page: Page) =>
	page.locator('.drawing svg[role="img"]').evaluateAll((svgs) =>
		svgs.flatMap((svg) => {
			const box = svg.getBoundingClientRect();
			return [...svg.querySelectorAll('text')]
				.filter((t) => {
					const r = t.getBoundingClientRect();
					return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
				})
				.map((t) => t.textContent);
		})
	);

describe.skipIf(!app.available)('phone, print and the accessibility statement', () => {
	let browser: Awaited<ReturnType<typeof launchBrowser>>;

	beforeAll(async () => {
		browser = await launchBrowser();
		await mkdir(screenshots, { recursive: true });
	});
	afterAll(async () => {
		await browser?.close();
	});

	for (const { path, name, ready } of PAGES) {
		it(`${path} fits a 360 px screen: nothing scrolls sideways but wide tables, the menu folds behind a button`, async () => {
			const { page, errors } = await watchedPage(browser.context);
			await page.setViewportSize({ width: 360, height: 800 });
			await page.goto(app.origin + path);
			await ready(page);
			await page.waitForLoadState('networkidle');
			await page.screenshot({ path: join(screenshots, `${name}-360.png`), fullPage: true });
			expect(await overflowing(page)).toEqual([]);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			// The menu folds behind its button, so the header takes one line; opened, it fits the screen.
			const nav = page.getByRole('navigation', { name: 'Main' });
			expect((await page.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(80);
			await nav.getByRole('button', { name: 'Menu' }).click();
			const links = await nav.getByRole('link').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().right));
			expect(links).toHaveLength(9);
			expect(Math.max(...links)).toBeLessThanOrEqual(360);
			expect(errors).toEqual([]);
			await page.close();
		});
	}

	it('the menu at 360 px opens and closes by keyboard, closes on Escape and after following a link', async () => {
		const watched = await watchedPage(browser.context);
		const { page, errors } = watched;
		await page.setViewportSize({ width: 360, height: 800 });
		await page.goto(app.origin + '/methods');
		const nav = page.getByRole('navigation', { name: 'Main' });
		const button = nav.getByRole('button', { name: 'Menu' });
		const link = nav.getByRole('link', { name: 'Data quality' });
		await expect.poll(() => link.isVisible()).toBe(false);
		await button.focus();
		await page.keyboard.press('Enter');
		expect(await button.getAttribute('aria-expanded')).toBe('true');
		await expect.poll(() => link.isVisible()).toBe(true);
		// Open over the page, the menu passes axe (screenshot kept as menu-360.png).
		await checkPage(watched, 'menu-360');
		await page.keyboard.press('Escape');
		expect(await button.getAttribute('aria-expanded')).toBe('false');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Menu');
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Wellbeing');
		await page.keyboard.press('Enter');
		await page.waitForURL('**/wellbeing');
		await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
		// At desktop width there is no button: the links are always there.
		await page.setViewportSize({ width: 1024, height: 800 });
		expect(await button.isVisible()).toBe(false);
		expect(await link.isVisible()).toBe(true);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('the Overview at 360 px stacks its filters and fits its charts', async () => {
		const { page } = await watchedPage(browser.context);
		await page.setViewportSize({ width: 360, height: 800 });
		await page.goto(app.origin + '/');
		await PAGES[0]!.ready(page);
		const fields = await page.locator('.filter-row .field').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left));
		expect(fields.length).toBeGreaterThan(2);
		expect(new Set(fields.map(Math.round)).size).toBe(1);
		const charts = await page.locator('.drawing svg').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().right));
		expect(charts.length).toBeGreaterThan(0);
		expect(Math.max(...charts)).toBeLessThanOrEqual(360);
		expect(await clippedChartText(page)).toEqual([]);
		await page.close();
	});

	it('the Data quality chart at 360 px keeps every label inside the drawing', async () => {
		const { page } = await watchedPage(browser.context);
		await page.setViewportSize({ width: 360, height: 800 });
		await page.goto(app.origin + '/data-quality');
		await page.getByRole('img', { name: /least complete referral field/ }).waitFor({ timeout: 30_000 });
		expect(await clippedChartText(page)).toEqual([]);
		await page.close();
	});

	for (const path of ['/', '/data-quality']) {
		it(`${path} in print hides the filters and chart buttons and keeps each chart's title and source`, async () => {
			const { page } = await watchedPage(browser.context);
			await page.goto(app.origin + path);
			await page.locator('.chart-controls button').first().waitFor({ timeout: 30_000 });
			expect(await page.locator('.filters select').first().isVisible()).toBe(true);
			await page.emulateMedia({ media: 'print' });
			const visible = async (selector: string) => (await page.locator(selector).evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length)) as number;
			expect(await page.locator('.filters select').count()).toBeGreaterThan(0);
			expect(await visible('.filters select')).toBe(0);
			expect(await visible('.filters details')).toBe(0);
			expect(await visible('.chart-controls button')).toBe(0);
			expect(await visible('.site-header nav')).toBe(0);
			const charts = await page.locator('figure.chart').count();
			expect(charts).toBeGreaterThan(0);
			expect(await visible('figure.chart .chart-title')).toBe(charts);
			const stamps = () => page.locator('figure.chart').evaluateAll((els) => els.map((el) => getComputedStyle(el, '::after').content));
			expect(await stamps()).toHaveLength(charts);
			for (const stamp of await stamps()) expect(stamp).toMatch(/^"Source: Signpost, data published .+ Filters: .+"$/);
			expect(await page.locator('figure.chart').first().evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
			if (path === '/') {
				const pdf = await page.pdf({ path: join(screenshots, 'overview-print.pdf'), format: 'A4', printBackground: true });
				expect(pdf.byteLength).toBeGreaterThan(20_000);
			}
			await page.emulateMedia({ media: 'screen' });
			expect(new Set(await stamps())).toEqual(new Set(['none']));
			await page.close();
		});
	}

	it('the accessibility statement is server-rendered, linked from every page, and passes axe', async () => {
		const html = await (await fetch(app.origin + '/accessibility')).text();
		expect(html).toContain('Accessibility statement for Signpost');
		expect(html).toContain('This statement was prepared on 24 November 2026');
		for (const heading of ['How accessible this website is', 'Reporting accessibility problems with this website', 'Enforcement procedure', 'Compliance status', 'Preparation of this accessibility statement']) {
			expect(html).toContain(heading);
		}
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		for (const { path, ready } of PAGES) {
			await page.goto(app.origin + path);
			await ready(page);
			expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accessibility' }).getAttribute('href')).toBe('/accessibility');
			const footer = page.getByRole('contentinfo');
			expect(await footer.getByRole('link', { name: 'Accessibility statement' }).getAttribute('href')).toBe('/accessibility');
			expect(await footer.getByRole('link', { name: 'Methods' }).getAttribute('href')).toBe('/methods');
			expect(await footer.textContent()).toContain('Signpost is open source');
		}
		await page.goto(app.origin + '/accessibility');
		expect(await page.getByRole('link', { name: 'Accessibility', exact: true }).getAttribute('aria-current')).toBe('page');
		await checkPage(watched, 'accessibility');
		await page.close();
	});

	it('the accessibility statement works by keyboard: skip link, then every link in order with a visible focus', async () => {
		const { page, errors } = await watchedPage(browser.context);
		await page.goto(app.origin + '/accessibility');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
		await page.keyboard.press('Enter');
		expect(await page.evaluate(() => location.hash)).toBe('#main');
		// Tab from the skip target through the statement's links to the footer.
		const reached: string[] = [];
		for (let i = 0; i < 15; i++) {
			await page.keyboard.press('Tab');
			const focused = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement | null;
				const style = el ? getComputedStyle(el) : null;
				return { text: el?.textContent?.trim() ?? '', outline: style?.outlineStyle ?? 'none', inFooter: !!el?.closest('footer') };
			});
			expect(focused.outline, focused.text).not.toBe('none');
			reached.push(focused.text);
			if (focused.inFooter) break;
		}
		expect(reached.slice(0, 2)).toEqual(['Methods', 'AbilityNet']);
		expect(reached).toContain('Equality Advisory and Support Service (EASS)');
		expect(reached[reached.length - 1]).toBe('Accessibility statement');
		expect(errors).toEqual([]);
		await page.close();
	});
});
