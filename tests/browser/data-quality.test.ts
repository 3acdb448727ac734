/**
 * The Data quality page in real Chromium: the manifest's file accounting shown exactly as
 * manifest.json has it; latest months and completeness equal the same queries run by node DuckDB
 * on the same Parquet after the page's disclosure rule; a PCN choice narrows the tables, keeps
 * the ICB as the benchmark, lives in the URL and works by keyboard; and on a dirty delivery with a
 * PCN that stops early, rejects by reason, links to the rejects files and the lag flags.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completenessOverallTable, completenessPracticeTable, latestMonthsTable } from '../../src/lib/figures/data-quality-tables.js';
import { activityCompletenessShares, completenessByPractice, practiceLatest, referralCompletenessOverall, type Area } from '../../src/lib/figures/data-quality.js';
import { NO_FILTERS } from '../../src/lib/filters/filters.js';
import { activityCompleteness, latestDataMonths, latestMonthRows, referralCompleteness } from '../../src/lib/queries/index.js';
import { completenessFields } from '../../src/lib/schema/completeness.js';
import type { FirstView, Manifest } from '../../src/lib/schema/index.js';
import { dropRecentReferrals, publishDirtyDemo } from '../figures/data-quality-fixture.js';
import { app, checkPage, fetchedTables, launchBrowser, nodeDuckDb, openFilteredOverview, tableText, watchedPage } from './context.js';
import { startApp, type AppServer } from './harness.js';

/** en-GB grouping, written out here rather than taken from the app. */
const exact = (n: number) => n.toLocaleString('en-GB');
const texts = (rows: { text: string }[][]) => rows.map((r) => r.map((c) => c.text));
const fields = { referrals: completenessFields('referrals'), contacts: completenessFields('contacts'), signposting: completenessFields('signposting') };

async function readJson<T>(dir: string, file: string): Promise<T> {
	return JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
}

/** What the page should show for an area, from node DuckDB through the same figures code. */
async function expectedTables(duck: Awaited<ReturnType<typeof nodeDuckDb>>, area: Area, areaName: string) {
	const filters = { ...NO_FILTERS, icb: area.icb, pcn: area.pcn };
	const icbFilters = { ...filters, pcn: null };
	const latestQueries = latestDataMonths(icbFilters);
	const latest = latestMonthRows(await duck.rows(latestQueries.activity), await duck.rows(latestQueries.outcomes));
	const completeness = await duck.rows(referralCompleteness(icbFilters, fields.referrals));
	const contacts = await duck.rows(activityCompleteness('contacts', filters, fields.contacts));
	const signposting = await duck.rows(activityCompleteness('signposting', filters, fields.signposting));
	const overall = referralCompletenessOverall(completeness, fields.referrals, area);
	return {
		latest: texts(latestMonthsTable(practiceLatest(latest, area), areaName).rows),
		practices: texts(completenessPracticeTable(completenessByPractice(completeness, fields.referrals, area), fields.referrals, areaName).rows),
		overall: texts(completenessOverallTable(overall.shares, '').rows),
		activity: texts(
			completenessOverallTable(
				[...activityCompletenessShares(contacts[0], fields.contacts).shares, ...activityCompletenessShares(signposting[0], fields.signposting).shares],
				''
			).rows
		),
		overallShares: overall.shares
	};
}

/** The page's four figure tables (the overall one through the chart's table view). */
async function shownTables(page: Page) {
	const latest = await tableText(page, /^Latest month of data by practice/);
	const practices = await tableText(page, /^Share of referrals with each optional field recorded, by practice/);
	const activity = await tableText(page, /^Optional contact and signposting fields recorded/);
	await page.getByRole('group', { name: /^View of .*referral field/ }).getByRole('button', { name: 'Table' }).click();
	const overall = await tableText(page, /^Optional referral fields recorded/);
	return { latest, practices, overall, activity };
}

describe.skipIf(!app.available)('Data quality', () => {
	let browser: Awaited<ReturnType<typeof launchBrowser>>;
	let duck: Awaited<ReturnType<typeof nodeDuckDb>>;
	let manifest: Manifest;
	let firstView: FirstView;

	beforeAll(async () => {
		browser = await launchBrowser();
		duck = await nodeDuckDb();
		manifest = await readJson<Manifest>(app.published, 'manifest.json');
		firstView = await readJson<FirstView>(app.published, 'first-view.json');
	});
	afterAll(async () => {
		await browser?.close();
		duck?.close();
	});

	it("shows the manifest's file accounting, checksums and tables exactly, with no axe violations", async () => {
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(app.origin + '/data-quality');
		const files = await tableText(page, 'Rows read, loaded and rejected per input file');
		expect(files).toEqual(
			manifest.inputs.map((i) => [
				i.delivery,
				i.file,
				exact(i.rows_read),
				exact(i.rows_loaded),
				exact(i.rows_rejected),
				exact(i.rows_superseded),
				i.rows_rejected > 0 ? `rejects/${i.file}` : 'None'
			])
		);
		const sources = await tableText(page, 'Input files read by the pipeline');
		expect(sources.map((r) => [r[1], r[3], r[4]])).toEqual(manifest.inputs.map((i) => [i.file, exact(i.bytes), i.sha256]));
		const outputs = await tableText(page, 'Tables written by the pipeline');
		expect(outputs).toEqual(manifest.outputs.map((o) => [o.name, exact(o.rows), o.file, exact(o.bytes), o.sha256]));
		const references = await tableText(page, 'Reference files');
		expect(references[0]!.slice(1)).toEqual([manifest.reference.practices!.file, exact(manifest.reference.practices!.rows), manifest.reference.practices!.sha256]);
		// The clean demo has no rejects: the page says so rather than showing an empty table.
		expect(manifest.inputs.every((i) => i.rows_rejected === 0)).toBe(true);
		await page.getByText('No rows were rejected.').waitFor();
		await page.getByText(/shown exactly/).first().waitFor();
		await tableText(page, /^Latest month of data by practice/);
		await tableText(page, /^Share of referrals with each optional field recorded, by practice/);
		await page.waitForLoadState('networkidle');
		await checkPage(watched, 'data-quality');
		await page.close();
	});

	it("shows latest months and completeness as node DuckDB computes them, after disclosure control", async () => {
		const watched = await watchedPage(browser.context);
		const { page, errors } = watched;
		// From a filtered Overview, which loads its tables into both DuckDB-WASM engines, as a user
		// arrives here.
		await openFilteredOverview(watched);
		await page.getByRole('link', { name: 'Data quality', exact: true }).first().click();
		await page.waitForURL(/\/data-quality/);
		const icbName = String(firstView.areas[0]!.icb_name);
		const expected = await expectedTables(duck, { icb: null, pcn: null }, icbName);
		const shown = await shownTables(page);
		expect(shown.latest).toEqual(expected.latest);
		expect(shown.practices).toEqual(expected.practices);
		expect(shown.overall).toEqual(expected.overall);
		expect(shown.activity).toEqual(expected.activity);
		// Counts on screen are multiples of 5 (or *), shares carry a % sign.
		expect(shown.practices.every((r) => r[1] === '*' || Number(r[1]!.replaceAll(',', '')) % 5 === 0)).toBe(true);
		const least = expected.overallShares.filter((s) => s.percent.value !== null).sort((a, b) => a.percent.value! - b.percent.value!)[0]!;
		await page.getByRole('heading', { name: new RegExp(`^${least.field.label} is the least complete referral field`) }).waitFor();
		// The latest months are two queries, one per DuckDB-WASM engine: no table is loaded into
		// both engines but the small practices table, so none but it is fetched twice.
		const large = fetchedTables(watched).filter((t) => t !== 'practices').sort();
		expect(large).toEqual(['contacts', 'gp_use', 'referrals', 'signposting', 'wellbeing']);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('a PCN choice narrows the practices and keeps the ICB as benchmark, lives in the URL and works by keyboard', async () => {
		const { page, errors } = await watchedPage(browser.context);
		await page.goto(app.origin + '/data-quality');
		await tableText(page, /^Latest month of data by practice/);
		const pcn = firstView.areas[0]!;
		const select = page.getByLabel('PCN', { exact: true });
		await select.focus();
		await page.keyboard.press('ArrowDown');
		await page.waitForURL(new RegExp(`pcn=${pcn.pcn_code}`));
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('a-pcn');
		const area = { icb: null, pcn: String(pcn.pcn_code) };
		const expected = await expectedTables(duck, area, String(pcn.pcn_name));
		const practicesInPcn = firstView.areas.filter((a) => a.pcn_code === pcn.pcn_code).length;
		expect(expected.latest).toHaveLength(practicesInPcn);
		await expect.poll(() => tableText(page, new RegExp(`^Latest month of data by practice, ${pcn.pcn_name}`)), { timeout: 30_000 }).toEqual(expected.latest);
		expect(await shownTables(page)).toEqual({ latest: expected.latest, practices: expected.practices, overall: expected.overall, activity: expected.activity });
		await page.reload();
		expect(await select.inputValue()).toBe(pcn.pcn_code);
		expect(await tableText(page, new RegExp(`^Latest month of data by practice, ${pcn.pcn_name}`))).toEqual(expected.latest);
		expect(errors).toEqual([]);
		await page.close();
	});

	describe('with rejects and a PCN whose referrals stop two months early', () => {
		let server: AppServer;
		let dirty: string;
		let dirtyManifest: Manifest;
		let lagPcn: { code: string; name: string; practices: number };

		beforeAll(async () => {
			dirty = await publishDirtyDemo(join(app.root, 'data-quality-dirty'), 6_000);
			const areas = (await readJson<FirstView>(dirty, 'first-view.json')).areas;
			lagPcn = { code: String(areas[0]!.pcn_code), name: String(areas[0]!.pcn_name), practices: areas.filter((a) => a.pcn_code === areas[0]!.pcn_code).length };
			await dropRecentReferrals(dirty, lagPcn.code, 2);
			dirtyManifest = await readJson<Manifest>(dirty, 'manifest.json');
			server = await startApp(app.build, dirty);
		});
		afterAll(async () => {
			await server?.stop();
		});

		it('lists rejects by reason as manifest.json has them, links each rejects file, and flags the lagging practices', async () => {
			const watched = await watchedPage(browser.context);
			const { page } = watched;
			await page.goto(server.origin + '/data-quality');
			const reasons = await tableText(page, 'Rejected rows by reason');
			const expected = dirtyManifest.inputs.flatMap((i) =>
				Object.entries(i.rejects_by_reason).map(([code, n]) => [i.delivery, i.file, code.split(': ')[0]!, code.split(': ').slice(1).join(': '), exact(n)])
			);
			expect(reasons.length).toBeGreaterThan(10);
			expect([...reasons].sort()).toEqual([...expected].sort());

			const withRejects = [...new Set(dirtyManifest.inputs.filter((i) => i.rows_rejected > 0).map((i) => i.file))];
			expect(withRejects.length).toBeGreaterThan(2);
			for (const file of withRejects) {
				const link = page.getByRole('link', { name: `rejects/${file}` });
				const href = await link.getAttribute('href');
				expect(href).toBe(`/data/rejects/${file}`);
				const response = await page.request.get(server.origin + href);
				expect(response.status()).toBe(200);
				expect(response.headers()['content-type']).toMatch(/^text\/csv/);
				expect((await response.text()).startsWith('delivery,line,reason,')).toBe(true);
			}
			const total = dirtyManifest.inputs.reduce((s, i) => s + i.rows_rejected, 0);
			await page.getByText(`The pipeline rejected ${exact(total)} of ${exact(dirtyManifest.inputs.reduce((s, i) => s + i.rows_read, 0))} rows read`).waitFor();

			const latest = await tableText(page, /^Latest month of data by practice/);
			const flagged = latest.filter((r) => /^Referrals \d+ months behind$/.test(r[r.length - 1]!));
			expect(flagged).toHaveLength(lagPcn.practices);
			expect(flagged.every((r) => r[1] === lagPcn.name && /\(\d+ months behind\)$/.test(r[2]!))).toBe(true);
			await page.getByText(`${lagPcn.practices} of ${latest.length} practices' referrals stop before the ICB's latest month`).waitFor();
			await tableText(page, /^Share of referrals with each optional field recorded, by practice/);
			await page.waitForLoadState('networkidle');
			await checkPage(watched, 'data-quality-rejects', server.origin);
			await page.close();
		});
	});
});
