/**
 * The platform in real Chromium (tests/browser/global-setup.ts builds and serves the app on a
 * fresh demo publication): every page renders with no console errors and no axe violations,
 * every request stays on the app's origin, the CSP blocks a cross-origin fetch, a dashboard page
 * preloads its first view, the build ships
 * only the DuckDB bundles it uses, and missing or incompatible data get clear messages.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app, checkPage, launchBrowser, sameOrigin, watchedPage } from './context.js';
import { startApp } from './harness.js';
import { SCHEMA_VERSION } from '../../src/lib/schema/index.js';

/** Pages, what shows each is ready, and whether it starts DuckDB-WASM. (Dashboard pages also have their own files.) */
const PAGES: { path: string; name: string; ready: (page: Page) => Promise<void>; duckdb: boolean }[] = [
	{ path: '/methods', name: 'methods', ready: (page) => page.getByRole('heading', { level: 1 }).waitFor(), duckdb: false },
	// Data quality queries the published tables (latest months, completeness), so it starts DuckDB-WASM.
	{ path: '/data-quality', name: 'data-quality', ready: (page) => page.getByRole('table', { name: 'Tables written by the pipeline' }).waitFor(), duckdb: true }
];

if (!app.available) console.warn('SKIPPED: browser tests (chromium missing; see tests/browser/harness.ts)');

describe.skipIf(!app.available)('the built app in Chromium', () => {
	const build = app.build;
	const published = app.published;
	const root = app.root;
	let browser: Awaited<ReturnType<typeof launchBrowser>>;

	beforeAll(async () => {
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	for (const { path, name, ready, duckdb } of PAGES) {
		it(`${path} renders with no console errors, on the app's origin only, under the CSP, with no axe violations`, async () => {
			const watched = await watchedPage(browser.context);
			const { page, requests } = watched;
			const response = await page.goto(app.origin + path);
			expect(response?.status()).toBe(200);
			expect(response?.headers()['content-security-policy']).toMatch(/connect-src 'self'/);
			await ready(page);
			await page.waitForLoadState('networkidle');
			await checkPage(watched, name);
			expect(requests.length).toBeGreaterThan(0);
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
		await page.goto(app.origin + '/methods');
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

	it('a dashboard page asks for the first view from its HTML and fetches it once; other pages do not ask for it', async () => {
		const watched = await watchedPage(browser.context);
		const { page, requests } = watched;
		const response = await page.goto(app.origin + '/referrals');
		expect(await response?.text()).toMatch(/<link rel="preload" href="\/data\/first-view\.json" as="fetch" crossorigin="anonymous" \/>\s*<\/head>/);
		await page.getByRole('heading', { level: 1 }).waitFor();
		await page.waitForLoadState('networkidle');
		// The layout's own fetch was answered by the preload: one request, not two.
		expect(requests.filter((url) => new URL(url).pathname === '/data/first-view.json')).toHaveLength(1);
		expect(watched.errors).toEqual([]);
		await page.close();

		const methods = await (await fetch(app.origin + '/methods')).text();
		expect(methods).toContain('</head>');
		expect(methods).not.toContain('first-view.json');
	});

	it('while the Parquet downloads: announces loading, shows which tables are loading and how far, and says when they are in', async () => {
		const page = await browser.context.newPage();
		await page.route('**/data/referrals.parquet', async (route) => {
			await new Promise((r) => setTimeout(r, 1_500));
			await route.continue();
		});
		// A filtered view is not precomputed, so the Overview waits for DuckDB-WASM.
		await page.goto(app.origin + '/?sex=female');
		await page.getByRole('status').filter({ hasText: 'Loading headline figures' }).waitFor({ timeout: 5_000 });
		// The load status (LoadStatus.svelte) names the tables in flight, with a bar of the bytes so far.
		const loadStatus = page.getByRole('status').filter({ hasText: /^Loading data: / });
		await loadStatus.waitFor({ timeout: 5_000 });
		expect(await loadStatus.textContent()).toContain('referrals');
		const bar = page.getByRole('progressbar', { name: 'Data downloaded' });
		await bar.waitFor();
		const manifest = JSON.parse(await readFile(join(published, 'manifest.json'), 'utf8')) as { outputs: { name: string; bytes: number }[] };
		expect(Number(await bar.getAttribute('max'))).toBeLessThanOrEqual(manifest.outputs.reduce((a, o) => a + o.bytes, 0));
		expect(Number(await bar.getAttribute('max'))).toBeGreaterThanOrEqual(manifest.outputs.find((o) => o.name === 'referrals')!.bytes);
		const axe = await new AxeBuilder({ page }).include('.load-status').analyze();
		expect(axe.violations.map((v) => v.id)).toEqual([]);
		await page.locator('.headline').first().waitFor({ timeout: 30_000 });
		await page.getByRole('status').filter({ hasText: 'Data loaded.' }).waitFor();
		expect(await bar.count()).toBe(0);
		for (const status of await page.getByRole('status').all()) expect(await status.textContent()).not.toMatch(/Loading/);
		await page.close();
	});

	it('with PUBLIC_SIGNPOST_DUCKDB_EXTENSIONS set, DuckDB asks the app itself for the parquet extension, and says so when it is absent', async () => {
		const server = await startApp(build, published, { PUBLIC_SIGNPOST_DUCKDB_EXTENSIONS: '/duckdb-extensions' });
		const page = await browser.context.newPage();
		const requests: string[] = [];
		page.on('request', (r) => requests.push(r.url()));
		try {
			await page.goto(server.origin + '/?sex=female');
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
				message: new RegExp(`schema version 999; this app reads version ${SCHEMA_VERSION}[.]`)
			},
			{
				name: 'a table missing from the manifest',
				setUp: (dir) => writeManifest(dir, (m) => ({ ...m, outputs: (m.outputs as { name: string }[]).filter((o) => o.name !== 'referrals') })),
				message: /has no "referrals" table/
			}
		];
		let n = 0;
		// The manifest, and the first view beside it (edited the same way when the case is about the schema version).
		const writeManifest = async (dir: string, edit: (m: Record<string, unknown>) => Record<string, unknown>) => {
			const manifest = JSON.parse(await readFile(join(published, 'manifest.json'), 'utf8')) as Record<string, unknown>;
			const edited = edit(manifest);
			await writeFile(join(dir, 'manifest.json'), JSON.stringify(edited));
			const firstView = JSON.parse(await readFile(join(published, 'first-view.json'), 'utf8')) as Record<string, unknown>;
			await writeFile(join(dir, 'first-view.json'), JSON.stringify({ ...firstView, schema_version: edited.schema_version }));
		};

		for (const c of cases) {
			it(c.name, async () => {
				const dir = join(root, `case-${n++}`);
				await mkdir(dir, { recursive: true });
				await c.setUp(dir);
				const server = await startApp(build, dir);
				const page = await browser.context.newPage();
				try {
					await page.goto(server.origin + '/?sex=female');
					const alert = page.getByRole('alert');
					await alert.waitFor({ timeout: 30_000 });
					expect(await alert.textContent()).toMatch(c.message);
					for (const status of await page.getByRole('status').all()) expect(await status.textContent()).not.toMatch(/Loading/);
				} finally {
					await page.close();
					await server.stop();
				}
			});
		}
	});
});
