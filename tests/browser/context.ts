/**
 * What browser test files share: the app under test (tests/browser/global-setup.ts), a page
 * watched for console errors and off-origin requests, axe, screenshots, and node DuckDB on the
 * same Parquet the browser reads, to check figures on screen against.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { createViewOfParquet, type Query } from '../../src/lib/queries/index.js';
import { TABLES } from '../../src/lib/schema/index.js';
import type { Row } from '../../src/lib/figures/rows.js';
import { repoRoot } from './harness.js';

export { launchBrowser } from './harness.js';

/** The shared app (inject('app')). */
export const app = inject('app');

/** Where page screenshots are kept from each run. */
export const screenshots = join(repoRoot, 'test-results/screenshots');

/** A page with its console errors and requests recorded. */
export interface WatchedPage {
	page: Page;
	errors: string[];
	requests: string[];
}

/** Open a new page in `context` that records console errors and every request. */
export async function watchedPage(context: { newPage(): Promise<Page> }): Promise<WatchedPage> {
	const page = await context.newPage();
	const errors: string[] = [];
	const requests: string[] = [];
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('request', (r) => requests.push(r.url()));
	return { page, errors, requests };
}

/** The published tables (Parquet under /data/) a watched page has fetched so far, in request order. */
export function fetchedTables(watched: WatchedPage): string[] {
	return watched.requests.map((url) => new URL(url).pathname.match(/\/data\/([a-z_]+)\.parquet$/)?.[1]).filter((t): t is string => t !== undefined);
}

/**
 * Open the Overview with a people filter, so that it queries its four tables and loads them into
 * both DuckDB-WASM engines; resolves once all four have been fetched.
 */
export async function openFilteredOverview(watched: WatchedPage): Promise<void> {
	await watched.page.goto(app.origin + '/?sex=female');
	await expect.poll(() => [...new Set(fetchedTables(watched))].sort(), { timeout: 30_000 }).toEqual(['gp_use', 'practices', 'referrals', 'wellbeing']);
}

/** Whether a URL is on the app's origin (data: and blob: URLs are the page's own). */
export function sameOrigin(url: string, origin: string): boolean {
	const u = new URL(url);
	return u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:';
}

/** Assert: no axe violations, no console errors, no request off the origin (another server's when given); keep a screenshot. */
export async function checkPage(watched: WatchedPage, name: string, origin: string = app.origin): Promise<void> {
	const { page, errors, requests } = watched;
	await mkdir(screenshots, { recursive: true });
	await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	expect(errors).toEqual([]);
	expect(requests.filter((url) => !sameOrigin(url, origin))).toEqual([]);
}

/** Run app queries in node DuckDB over the published Parquet (every table as a view). */
export async function nodeDuckDb(published: string = app.published): Promise<{ rows(q: Query): Promise<Row[]>; close(): void }> {
	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	for (const spec of TABLES) {
		const q = createViewOfParquet(spec.name, join(published, `${spec.name}.parquet`));
		await conn.run(q.sql);
	}
	return {
		rows: async (q) => (await conn.runAndReadAll(q.sql, q.params as never)).getRowObjectsJson() as Row[],
		close: () => {
			conn.closeSync();
			instance.closeSync();
		}
	};
}

/** The text of each cell of a table, row by row (header cells included). */
export async function tableText(page: Page, caption: string | RegExp): Promise<string[][]> {
	const table = page.getByRole('table', { name: caption });
	await table.waitFor({ timeout: 30_000 });
	return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}
