/**
 * The Downloads page in real Chromium: every dataset is listed with links that serve exactly the
 * files the manifest describes (checksums match), and a preview read by DuckDB-WASM shows the
 * same first rows node DuckDB reads from the same Parquet file.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS, type Manifest } from '../../src/lib/schema/index.js';
import { app, checkPage, launchBrowser, watchedPage } from './context.js';

describe.skipIf(!app.available)('Downloads', () => {
	let browser: Awaited<ReturnType<typeof launchBrowser>>;
	let manifest: Manifest;

	beforeAll(async () => {
		browser = await launchBrowser();
		manifest = JSON.parse(await readFile(join(app.published, 'manifest.json'), 'utf8')) as Manifest;
	});
	afterAll(async () => browser?.close());

	it('lists every dataset with download links whose files match the manifest checksums', async () => {
		const watched = await watchedPage(browser.context);
		const { page } = watched;
		await page.goto(app.origin + '/downloads');
		await page.getByRole('heading', { name: DATASETS[0]!.title }).waitFor({ timeout: 30_000 });
		for (const spec of DATASETS) {
			for (const format of ['CSV', 'Parquet']) {
				const link = page.getByRole('link', { name: `Download ${format} of ${spec.title}` });
				const href = await link.getAttribute('href');
				const entry = manifest.datasets.files.find((f) => f.name === spec.name && f.format === format.toLowerCase())!;
				expect(href).toBe(`/data/${entry.file}`);
				const body = Buffer.from(await (await page.request.get(app.origin + href!)).body());
				expect(createHash('sha256').update(body).digest('hex')).toBe(entry.sha256);
			}
		}
		for (const [name, label] of [
			['datapackage', /^Data dictionary/],
			['readme', /^README/],
			['citation', /^How to cite/]
		] as const) {
			const entry = manifest.datasets.files.find((f) => f.name === name)!;
			const href = await page.getByRole('link', { name: label }).getAttribute('href');
			expect(href).toBe(`/data/${entry.file}`);
			const response = await page.request.get(app.origin + href!);
			expect(response.status()).toBe(200);
			expect(createHash('sha256').update(Buffer.from(await response.body())).digest('hex')).toBe(entry.sha256);
		}
		await checkPage(watched, 'downloads');
		await page.close();
	});

	it("previews a dataset's first rows through DuckDB-WASM, equal to node DuckDB's read of the same Parquet", async () => {
		const spec = DATASETS.find((d) => d.name === 'wellbeing_change')!;
		const { page, errors } = await watchedPage(browser.context);
		await page.goto(app.origin + '/downloads');
		await page.getByRole('button', { name: `Preview the first rows of ${spec.title}` }).click();
		const table = page.getByRole('table', { name: `First 10 rows of ${spec.title}` });
		await table.waitFor({ timeout: 30_000 });
		const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent ?? '')));

		const instance = await DuckDBInstance.create(':memory:');
		const conn = await instance.connect();
		const file = manifest.datasets.files.find((f) => f.name === spec.name && f.format === 'parquet')!.file;
		const columns = spec.columns.map((c) => (c.type === 'date' ? `strftime("${c.name}", '%Y-%m-%d')` : `"${c.name}"`)).join(', ');
		const reader = await conn.runAndReadAll(`SELECT ${columns} FROM read_parquet($1) LIMIT 10`, [join(app.published, file)]);
		const expected = reader.getRowsJS().map((row) => row.map((v) => (v === null ? '' : String(v))));
		conn.closeSync();
		instance.closeSync();
		// The page prints values as JavaScript does; so does this side.
		expect(shown).toEqual(expected);
		expect(errors).toEqual([]);
		await page.close();
	});
});
