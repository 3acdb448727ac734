/**
 * A server limited to one PCN (SIGNPOST_SCOPE) hands the browser that PCN's rows and nothing
 * else: the record-level Parquet it serves holds only them, the first view and the filters know
 * only that PCN, the Overview's figures equal node DuckDB's for that PCN on the full publication,
 * and the record-level rejects are not served.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/lib/charts/table.js';
import { overviewHeadlines } from '../../src/lib/figures/overview.js';
import { parseFilters } from '../../src/lib/filters/filters.js';
import { periodMonths } from '../../src/lib/filters/period.js';
import { gpUseByCohort, overviewPractices, overviewReferralParts, overviewReferrals, wellbeingByMeasure } from '../../src/lib/queries/index.js';
import type { FirstView } from '../../src/lib/schema/index.js';
import { app, checkPage, launchBrowser, nodeDuckDb, watchedPage } from './context.js';
import { startApp, type AppServer } from './harness.js';

describe.skipIf(!app.available)('a server scoped to one PCN', () => {
	let browser: Awaited<ReturnType<typeof launchBrowser>>;
	let server: AppServer;
	let pcn: string;
	let others: string[];
	let firstView: FirstView;

	beforeAll(async () => {
		firstView = JSON.parse(await readFile(join(app.published, 'first-view.json'), 'utf8')) as FirstView;
		const pcns = [...new Set(firstView.areas.map((a) => String(a.pcn_code)))];
		pcn = pcns[0]!;
		others = pcns.slice(1);
		server = await startApp(app.build, app.published, { SIGNPOST_SCOPE: `pcn:${pcn}` });
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('the publication has other PCNs, so the scope really removes something', () => {
		expect(others.length).toBeGreaterThan(0);
	});

	it('serves Parquet holding only the PCN, and no rejects', async () => {
		const instance = await DuckDBInstance.create(':memory:');
		const conn = await instance.connect();
		try {
			for (const table of ['referrals', 'wellbeing', 'gp_use', 'practices', 'workforce']) {
				const bytes = Buffer.from(await (await fetch(`${server.origin}/data/${table}.parquet`)).arrayBuffer());
				const file = join(app.root, `scoped-${table}.parquet`);
				await writeFile(file, bytes);
				const rows = (await conn.runAndReadAll('SELECT DISTINCT pcn_code FROM read_parquet($1)', [file])).getRowObjectsJson();
				expect(rows).toEqual([{ pcn_code: pcn }]);
			}
		} finally {
			conn.closeSync();
			instance.closeSync();
		}
		expect((await fetch(`${server.origin}/data/rejects/referrals.csv`)).status).toBe(404);
		const view = (await (await fetch(`${server.origin}/data/first-view.json`)).json()) as FirstView;
		expect(new Set(view.areas.map((a) => a.pcn_code))).toEqual(new Set([pcn]));
	});

	it("shows the PCN's figures, equal to node DuckDB's for that PCN on the full publication", async () => {
		const duck = await nodeDuckDb();
		const filters = parseFilters(new URLSearchParams(`pcn=${pcn}`));
		const range = periodMonths({ kind: 'year', year: firstView.default_year! });
		const [referrals, wellbeing, gp] = await Promise.all([Promise.all([duck.rows(overviewReferrals(filters, range)), duck.rows(overviewPractices())]).then(([cells, practices]) => overviewReferralParts(cells, practices, filters).referrals), duck.rows(wellbeingByMeasure(filters, range)), duck.rows(gpUseByCohort(filters, range))]);
		duck.close();
		const expected = overviewHeadlines(referrals[0], wellbeing, gp).find((h) => h.key === 'referrals')!.value.value!;

		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(server.origin + '/');
		await page.locator('.headline[data-key="referrals"] .headline-value').waitFor({ timeout: 30_000 });
		expect((await page.locator('.headline[data-key="referrals"] .headline-value').textContent())?.trim()).toBe(formatNumber(expected));
		const options = await page.getByLabel('PCN', { exact: true }).locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
		expect(options).toEqual(['', pcn]);
		await checkPage(watched, 'overview-scoped', server.origin);
		await page.close();
	});
});
