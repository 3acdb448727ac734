/**
 * The built app in real Chromium on a freshly published demo delivery: every page renders with no
 * console errors and no axe violations, every request stays on the app's origin, the CSP blocks a
 * cross-origin fetch, and the explore page's figures equal node DuckDB's on the same Parquet.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discloseCount } from '../../src/lib/metrics/index.js';
import { createTableFromParquet, referralsPerFinancialYear } from '../../src/lib/queries/index.js';
import { buildApp, chromiumAvailable, launchBrowser, publishDemo, repoRoot, startApp, tempDir, type AppServer } from './harness.js';

const screenshots = join(repoRoot, 'test-results/screenshots');
const FIGURE_TABLE = 'Referrals per financial year (April to March)';

/** The pages that exist, what shows each is ready, and whether it should start DuckDB-WASM (34 MB). */
const PAGES: { path: string; name: string; ready: (page: Page) => Promise<void>; duckdb: boolean }[] = [
	{ path: '/', name: 'home', ready: (page) => page.getByRole('table', { name: 'Tables written by the pipeline' }).waitFor(), duckdb: false },
	{ path: '/methods', name: 'methods', ready: (page) => page.getByRole('heading', { level: 1 }).waitFor(), duckdb: false },
	{ path: '/explore', name: 'explore', ready: (page) => page.getByRole('table', { name: FIGURE_TABLE }).waitFor({ timeout: 30_000 }), duckdb: true }
];

describe.skipIf(!chromiumAvailable())('the built app in Chromium', () => {
	let root: string;
	let build: string;
	let published: string;
	let app: AppServer;
	let browser: Awaited<ReturnType<typeof launchBrowser>>;

	beforeAll(async () => {
		root = await tempDir('signpost-browser-');
		[build, published] = await Promise.all([buildApp(), publishDemo(root, 2_000)]);
		app = await startApp(build, published);
		browser = await launchBrowser();
		await mkdir(screenshots, { recursive: true });
	}, 300_000);

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		if (build) await rm(build, { recursive: true, force: true });
		if (root) await rm(root, { recursive: true, force: true });
	});

	for (const { path, name, ready, duckdb } of PAGES) {
		it(`${path} renders with no console errors, on the app's origin only, under the CSP, with no axe violations`, async () => {
			const page = await browser.context.newPage();
			const errors: string[] = [];
			const requests: string[] = [];
			page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
			page.on('pageerror', (e) => errors.push(e.message));
			page.on('request', (r) => requests.push(r.url()));
			const response = await page.goto(app.origin + path);
			expect(response?.status()).toBe(200);
			expect(response?.headers()['content-security-policy']).toMatch(/connect-src 'self'/);
			await ready(page);
			await page.waitForLoadState('networkidle');
			await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
			const axe = await new AxeBuilder({ page }).analyze();
			expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
			expect(errors).toEqual([]);
			expect(requests.length).toBeGreaterThan(0);
			expect(requests.filter((url) => !sameOrigin(url, app.origin))).toEqual([]);
			expect(requests.some((url) => /duckdb-eh\.[^/]+\.wasm$/.test(url))).toBe(duckdb);
			await page.close();
		});
	}

	it('the build ships only the DuckDB bundles it uses (eh and the mvp fallback, not the threaded coi)', async () => {
		const assets = (await readdir(join(build, 'build/client'), { recursive: true })).map((f) => basename(f));
		const wasm = assets.filter((f) => f.endsWith('.wasm')).map((f) => f.match(/^(duckdb-[a-z]+|parquet_wasm_bg)[.-]/)?.[1] ?? f);
		expect(wasm.sort()).toEqual(['duckdb-eh', 'duckdb-mvp', 'parquet_wasm_bg']);
		expect(assets.filter((f) => f.includes('coi'))).toEqual([]);
	});

	it('/explore shows the referrals per financial year that node DuckDB computes from the same Parquet, after disclosure control', async () => {
		const expected = (await nodeQuery(join(published, 'referrals.parquet'))).map((r) => ({ ...r, referrals: discloseCount(r.referrals).value }));
		expect(expected.every((r) => r.referrals !== null && r.referrals % 5 === 0)).toBe(true);
		expect(expected.length).toBeGreaterThan(1);
		const page = await browser.context.newPage();
		await page.goto(app.origin + '/explore');
		const table = page.getByRole('table', { name: FIGURE_TABLE });
		await table.waitFor({ timeout: 30_000 });
		const shown = await table.locator('tbody tr').evaluateAll((rows) =>
			rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td')?.textContent ?? ''])
		);
		expect(shown.map(([fy, n]) => ({ financial_year: fy, referrals: Number(n!.replaceAll(',', '')) }))).toEqual(expected);
		await page.close();
	});

	it('the CSP blocks a fetch to another origin before it reaches the network', async () => {
		let hits = 0;
		const other = createServer((_req, res) => {
			hits++;
			res.setHeader('access-control-allow-origin', '*');
			res.end('reached');
		});
		await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
		const address = other.address();
		const target = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/beacon`;
		const page = await browser.context.newPage();
		await page.goto(app.origin + '/explore');
		const outcome = await page.evaluate(async (url) => {
			const violation = new Promise<string>((r) => document.addEventListener('securitypolicyviolation', (e) => r(`${e.effectiveDirective} ${e.blockedURI}`), { once: true }));
			const fetched = await fetch(url).then(
				(r) => `fetched ${r.status}`,
				(e: unknown) => `refused: ${String(e)}`
			);
			const none = new Promise<string>((r) => setTimeout(() => r('no violation reported'), 2_000));
			return { fetched, violation: await Promise.race([violation, none]) };
		}, target);
		await page.close();
		await new Promise((r) => other.close(r));
		expect(outcome.fetched).toMatch(/^refused/);
		expect(outcome.violation).toBe(`connect-src ${target}`);
		expect(hits).toBe(0);
	});

	it('announces loading to screen readers while the Parquet downloads', async () => {
		const page = await browser.context.newPage();
		await page.route('**/data/referrals.parquet', async (route) => {
			await new Promise((r) => setTimeout(r, 1_500));
			await route.continue();
		});
		await page.goto(app.origin + '/explore');
		await page.getByRole('status').filter({ hasText: 'Loading the data' }).waitFor({ timeout: 5_000 });
		await page.getByRole('table', { name: FIGURE_TABLE }).waitFor({ timeout: 30_000 });
		expect(await page.getByRole('status').textContent()).not.toMatch(/Loading/);
		await page.close();
	});

	it('with PUBLIC_SIGNPOST_DUCKDB_EXTENSIONS set, DuckDB asks the app itself for the parquet extension, and says so when it is absent', async () => {
		const server = await startApp(build, published, { PUBLIC_SIGNPOST_DUCKDB_EXTENSIONS: '/duckdb-extensions' });
		const page = await browser.context.newPage();
		const requests: string[] = [];
		page.on('request', (r) => requests.push(r.url()));
		try {
			await page.goto(server.origin + '/explore');
			const alert = page.getByRole('alert');
			await alert.waitFor({ timeout: 30_000 });
			expect(await alert.textContent()).toContain(`parquet extension could not be loaded from ${server.origin}/duckdb-extensions`);
			expect(requests).toContain(`${server.origin}/duckdb-extensions/v1.4.3/wasm_eh/parquet.duckdb_extension.wasm`);
			expect(requests.filter((url) => !sameOrigin(url, server.origin))).toEqual([]);
		} finally {
			await page.close();
			await server.stop();
		}
	});

	describe('clear messages for missing or incompatible data', () => {
		const cases: { name: string; setUp: (dir: string) => Promise<void>; message: RegExp }[] = [
			{ name: 'no published data', setUp: async () => undefined, message: /No published data was found/ },
			{
				name: 'another schema version',
				setUp: (dir) => writeManifest(dir, (m) => ({ ...m, schema_version: 999 })),
				message: /schema version 999; this app reads version 1/
			},
			{
				name: 'a table missing from the manifest',
				setUp: (dir) => writeManifest(dir, (m) => ({ ...m, outputs: (m.outputs as { name: string }[]).filter((o) => o.name !== 'referrals') })),
				message: /has no "referrals" table/
			}
		];
		let n = 0;
		const writeManifest = async (dir: string, edit: (m: Record<string, unknown>) => Record<string, unknown>) => {
			const manifest = JSON.parse(await readFile(join(published, 'manifest.json'), 'utf8')) as Record<string, unknown>;
			await writeFile(join(dir, 'manifest.json'), JSON.stringify(edit(manifest)));
		};

		for (const c of cases) {
			it(c.name, async () => {
				const dir = join(root, `case-${n++}`);
				await mkdir(dir, { recursive: true });
				await c.setUp(dir);
				const server = await startApp(build, dir);
				const page = await browser.context.newPage();
				try {
					await page.goto(server.origin + '/explore');
					const alert = page.getByRole('alert');
					await alert.waitFor({ timeout: 30_000 });
					expect(await alert.textContent()).toMatch(c.message);
					expect(await page.getByRole('status').textContent()).not.toMatch(/Loading/);
				} finally {
					await page.close();
					await server.stop();
				}
			});
		}
	});
});

function sameOrigin(url: string, origin: string): boolean {
	const u = new URL(url);
	return u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:';
}

/** The explore page's query, run by node DuckDB on the same Parquet file. */
async function nodeQuery(parquet: string): Promise<{ financial_year: string; referrals: number }[]> {
	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	try {
		const load = createTableFromParquet('referrals', parquet);
		await conn.run(load.sql, load.params);
		const q = referralsPerFinancialYear();
		const reader = await conn.runAndReadAll(q.sql, q.params);
		return reader.getRowObjectsJson() as { financial_year: string; referrals: number }[];
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}
