import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, TABLES } from '../../src/lib/schema/index.js';
import { Db, literal } from '../../data-pipeline/src/db.js';
import { csv, runDelivery, sampleDelivery, snapshot, tableContents, tempRoot, type RunResult } from './helpers.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a run over the sample delivery', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	let db: Db;
	let a: RunResult;
	let b: RunResult;

	beforeAll(async () => {
		temp = await tempRoot();
		db = await Db.open();
		a = await runDelivery(join(temp.dir, 'a'), sampleDelivery());
		b = await runDelivery(join(temp.dir, 'b'), sampleDelivery());
	});
	afterAll(async () => {
		db.close();
		await temp.cleanup();
	});

	it('manifest: schema version, rows_read = rows_loaded + rows_rejected, and input checksums', () => {
		expect(a.manifest.schema_version).toBe(SCHEMA_VERSION);
		expect(a.manifest.inputs).toHaveLength(7);
		for (const i of a.manifest.inputs) {
			expect(i.rows_read, i.file).toBe(i.rows_loaded + i.rows_rejected);
			const path = join(a.root, 'delivery-1', i.file);
			expect(i.sha256, i.file).toBe(sha256(path));
			expect(i.bytes).toBe(readFileSync(path).length);
		}
		expect(a.manifest.reference.practices?.sha256).toBe(sha256(join(a.root, 'gp-reg-pat-prac-map.csv')));
	});

	it('manifest: every output is listed with its Parquet row count and sha256, and written to disk as listed', async () => {
		const onDisk = JSON.parse(readFileSync(join(a.out, 'manifest.json'), 'utf8'));
		expect(onDisk).toEqual(JSON.parse(JSON.stringify(a.manifest)));
		expect(a.manifest.outputs.map((o) => o.name)).toEqual(TABLES.map((t) => t.name));
		for (const o of a.manifest.outputs) {
			const path = join(a.out, o.file);
			const n = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM read_parquet(${literal(path)})`);
			expect(n?.n, o.name).toBe(o.rows);
			expect(o.sha256, o.name).toBe(sha256(path));
			expect(o.bytes).toBe(readFileSync(path).length);
		}
		expect(readdirSync(join(a.out, 'rejects')).sort()).toEqual(['contacts.csv', 'referrals.csv']);
	});

	it.each(TABLES.map((t) => [t.name, t] as const))('%s.parquet has exactly the columns and types of tables.ts', async (name, spec) => {
		const cols = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${literal(join(a.out, `${name}.parquet`))})`);
		expect(cols.map((c) => `${c.column_name} ${c.column_type}`)).toEqual(spec.columns.map((c) => `${c.name} ${c.type}`));
	});

	it.each(TABLES.map((t) => [t.name, t] as const))('%s.parquet is written in the order of its sort columns', async (name, spec) => {
		const path = literal(join(a.out, `${name}.parquet`));
		const asWritten = await db.all(`SELECT * FROM read_parquet(${path})`);
		expect(asWritten.length).toBeGreaterThan(0);
		expect(asWritten).toEqual(await db.all(`SELECT * FROM read_parquet(${path}) ORDER BY ${spec.order_by.map((c) => `"${c}" NULLS FIRST`).join(', ')}`));
	});

	it('is deterministic: two runs give identical table contents and identical Parquet bytes', async () => {
		const names = TABLES.map((t) => t.name);
		expect(await tableContents(db, b.out, names)).toEqual(await tableContents(db, a.out, names));
		// Parquet bytes are identical too (the manifest differs only in created_at and paths).
		expect(b.manifest.outputs.map((o) => o.sha256)).toEqual(a.manifest.outputs.map((o) => o.sha256));
		for (const f of readdirSync(join(a.out, 'rejects'))) expect(readFileSync(join(b.out, 'rejects', f))).toEqual(readFileSync(join(a.out, 'rejects', f)));
	});
});

describe('--no-datasets', () => {
	it('publishes the tables and the first view but no researcher datasets, and says so in the manifest', async () => {
		const root = await tempRoot();
		try {
			const run = await runDelivery(root.dir, sampleDelivery(), { datasets: false });
			expect(run.manifest.datasets.files).toEqual([]);
			expect(readdirSync(run.out)).not.toContain('datasets');
			expect(readdirSync(run.out)).toContain('first-view.json');
			expect(run.log.join('\n')).toMatch(/researcher datasets skipped/);
			const withDatasets = await runDelivery(join(root.dir, 'again'), sampleDelivery());
			expect(withDatasets.manifest.datasets.files.length).toBeGreaterThan(0);
		} finally {
			await root.cleanup();
		}
	});
});

describe('supersession across deliveries', () => {
	let temp: Awaited<ReturnType<typeof tempRoot>>;
	let db: Db;
	let r: RunResult;

	beforeAll(async () => {
		temp = await tempRoot();
		db = await Db.open();
		const first = {
			'referrals.csv': csv('referral_id,person_id,practice_code,referral_date,status', 'R1,P1,A81001,2024-05-01,in_progress', 'R2,P2,A81001,2024-05-02,in_progress', 'R3,P3,A81001,2024-05-03,accepted'),
			'contacts.csv': csv('contact_id,referral_id,contact_date', 'C1,R1,2024-05-01', 'C2,R2,2024-05-03')
		};
		const second = {
			'referrals.csv': csv(
				'referral_id,person_id,practice_code,referral_date,status',
				'R1,P1,A81001,2024-05-01,completed',
				'R2,P2,A81001,2024-05-02,bogus',
				'R4,P4,A81002,2024-06-01,accepted',
				'R4,P4,A81002,2024-06-02,declined'
			),
			'contacts.csv': csv('contact_id,referral_id,contact_date', 'C1,R1,2024-05-05')
		};
		r = await runDelivery(temp.dir, first, { more: [second] });
	});
	afterAll(async () => {
		db.close();
		await temp.cleanup();
	});

	it('the later delivery wins and no key is published twice', async () => {
		const rows = await db.all<{ referral_id: string; status: string; delivery: string; contacts: number }>(
			`SELECT referral_id, status, delivery, contacts FROM read_parquet(${literal(join(r.out, 'referrals.parquet'))}) ORDER BY referral_id`
		);
		expect(rows).toEqual([
			{ referral_id: 'R1', status: 'completed', delivery: 'delivery-2', contacts: 1 },
			// A rejected later record does not supersede the valid earlier one.
			{ referral_id: 'R2', status: 'in_progress', delivery: 'delivery-1', contacts: 1 },
			{ referral_id: 'R3', status: 'accepted', delivery: 'delivery-1', contacts: 0 },
			{ referral_id: 'R4', status: 'accepted', delivery: 'delivery-2', contacts: 0 }
		]);
		const contacts = await db.all(`SELECT contact_id, strftime(contact_date, '%Y-%m-%d') AS d FROM read_parquet(${literal(join(r.out, 'contacts.parquet'))}) ORDER BY ALL`);
		expect(contacts).toEqual([
			{ contact_id: 'C1', d: '2024-05-05' },
			{ contact_id: 'C2', d: '2024-05-03' }
		]);
	});

	it('counts superseded rows and the manifest adds up', () => {
		const byFile = (d: string, f: string) => r.manifest.inputs.find((i) => i.delivery === d && i.file === f)!;
		expect(byFile('delivery-1', 'referrals.csv')).toMatchObject({ rows_read: 3, rows_loaded: 3, rows_rejected: 0, rows_superseded: 1 });
		expect(byFile('delivery-2', 'referrals.csv')).toMatchObject({ rows_read: 4, rows_loaded: 2, rows_rejected: 2, rows_superseded: 0 });
		expect(byFile('delivery-1', 'contacts.csv')).toMatchObject({ rows_read: 2, rows_loaded: 2, rows_superseded: 1 });
		const published = r.manifest.outputs.find((o) => o.name === 'referrals')!.rows;
		const referrals = r.manifest.inputs.filter((i) => i.file === 'referrals.csv');
		expect(published).toBe(referrals.reduce((s, i) => s + i.rows_loaded - i.rows_superseded, 0));
	});
});

describe('a fatal error mid-run', () => {
	it.each([
		['a later delivery without referrals.csv', 'referrals.csv is missing'],
		['a delivery file that cannot be read (a folder named contacts.csv)', 'EISDIR']
	])('%s leaves the previous output byte-identical and no staging folder', async (_name, message) => {
		const temp = await tempRoot();
		try {
			const good = await runDelivery(temp.dir, sampleDelivery());
			const before = snapshot(good.out);
			const broken = message === 'EISDIR' ? { ...sampleDelivery(), 'contacts.csv': undefined } : { 'contacts.csv': csv('contact_id,referral_id,contact_date') };
			if (message === 'EISDIR') await mkdir(join(temp.dir, 'delivery-2', 'contacts.csv'), { recursive: true });
			const files = Object.fromEntries(Object.entries(broken).filter(([, v]) => v !== undefined)) as Record<string, string>;
			await expect(runDelivery(temp.dir, sampleDelivery(), { more: [files] })).rejects.toThrow(message);
			expect(snapshot(good.out)).toEqual(before);
			expect(readdirSync(temp.dir).filter((f) => f.startsWith('.signpost-'))).toEqual([]);
		} finally {
			await temp.cleanup();
		}
	});
});
