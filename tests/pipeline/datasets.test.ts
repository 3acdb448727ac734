/**
 * The researcher datasets of a real run over a small demo delivery, read back as a researcher
 * would: every count is 0, suppressed or a multiple of 5; no suppressed count can be recovered
 * from the published files, by subtraction or by any linear combination, across files; the
 * dictionary describes every column and carries the files' checksums; CSV and Parquet agree;
 * the CSV is what Excel expects.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data-pipeline/src/demo/generate.js';
import { Db, literal } from '../../data-pipeline/src/db.js';
import { runPipeline } from '../../data-pipeline/src/run.js';
import { METRIC_DEFINITIONS } from '../../src/lib/metrics/index.js';
import { DATASETS, type Manifest } from '../../src/lib/schema/index.js';
import { recoverByLinearAlgebra, recoverBySubtraction } from '../metrics/attack.js';
import { parseCsv, publishedCells, type PublishedCell } from './datasets-helpers.js';
import { pipelineOptions, runDelivery, sampleDelivery, tempRoot } from './helpers.js';

let cleanup: () => Promise<void>;
let out: string;
let manifest: Manifest;
let db: Db;
const tables = new Map<string, Record<string, string>[]>();
let cells: PublishedCell[];

beforeAll(async () => {
	const root = await tempRoot('signpost-datasets-');
	cleanup = root.cleanup;
	const delivery = join(root.dir, 'delivery');
	// Small enough that many cells are 1-7, so suppression has work to do.
	await generateDemo({ out: delivery, referrals: 3_000, seed: 'datasets-test', dirty: false });
	out = join(root.dir, 'out');
	manifest = await runPipeline(
		pipelineOptions({ inputs: [delivery], out, reference: join(delivery, 'reference/gp-reg-pat-prac-map.csv'), list_sizes: join(delivery, 'reference/list-sizes.csv'), today: '2026-10-01' })
	);
	for (const spec of DATASETS) tables.set(spec.name, parseCsv(readFileSync(join(out, 'datasets', `${spec.name}.csv`), 'utf8').replace(/^\uFEFF/, '')));
	cells = publishedCells(tables);
	db = await Db.open(':memory:', { threads: 1 });
}, 180_000);

afterAll(async () => {
	db?.close();
	await cleanup?.();
});

const dataset = (name: string) => tables.get(name)!;
const kindOf = (name: string, indicator: string) => DATASETS.find((d) => d.name === name)!.indicators.find((i) => i.id === indicator)!.kind;

describe('published datasets', () => {
	it('every dataset has rows, and suppression happened (so the checks below test something)', () => {
		for (const spec of DATASETS) expect(dataset(spec.name).length, spec.name).toBeGreaterThan(0);
		const suppressed = [...tables.values()].flat().filter((r) => r.suppressed !== '');
		expect(suppressed.some((r) => r.suppressed!.startsWith('primary'))).toBe(true);
		expect(suppressed.some((r) => r.suppressed!.startsWith('secondary'))).toBe(true);
	});

	it('every published count is 0, suppressed or a multiple of 5 (region rows included: nothing is national)', () => {
		let checked = 0;
		for (const [name, rows] of tables) {
			for (const r of rows) {
				const kind = kindOf(name, r.indicator!);
				const counts = [r.numerator!];
				if (['count', 'share', 'mean', 'median'].includes(kind)) counts.push(r.denominator!);
				if (kind === 'count') counts.push(r.value!);
				for (const c of counts) {
					if (c === '') continue;
					const n = Number(c);
					expect(Number.isInteger(n) && n % 5 === 0, `${name} ${r.indicator} ${r.area_code} ${r.period}: ${c}`).toBe(true);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(10_000);
	});

	it('a count is the same wherever it appears, in every file', () => {
		const seen = new Map<string, string>();
		let shared = 0;
		for (const c of cells) {
			const before = seen.get(c.id);
			if (before !== undefined) {
				shared++;
				expect(c.shown, `${c.id} in ${c.where}`).toBe(before);
			} else seen.set(c.id, c.shown);
		}
		expect(shared).toBeGreaterThan(1_000);
	});

	it('no suppressed count can be recovered from the published files, by subtraction or by any combination of totals', () => {
		const { hidden, equations } = attackModel(cells, tables);
		expect(equations.length).toBeGreaterThan(5_000);
		expect(hidden.size).toBeGreaterThan(100);
		expect([...recoverBySubtraction(hidden, equations)]).toEqual([]);
		expect([...recoverByLinearAlgebra(hidden, equations)]).toEqual([]);
		// With primary suppression alone the same attack succeeds: it models real equations.
		const primaryOnly = new Set(cells.filter((c) => c.why.includes('primary')).map((c) => c.id));
		expect(recoverBySubtraction(primaryOnly, equations).size).toBeGreaterThan(0);
	});

	it('statistics from suppressed counts are hidden; shares come from the rounded counts', () => {
		for (const [name, rows] of tables) {
			for (const r of rows) {
				const kind = kindOf(name, r.indicator!);
				if (kind === 'share') {
					if (r.numerator === '' || r.denominator === '') expect(r.value, `${name} ${r.indicator}`).toBe('');
					else if (Number(r.denominator) > 0) expect(Number(r.value)).toBeCloseTo((100 * Number(r.numerator)) / Number(r.denominator), 2);
				}
				if ((kind === 'mean' || kind === 'median') && r.denominator === '') expect(r.value, `${name} ${r.indicator} ${r.area_code}`).toBe('');
				if (r.value === '' || r.lower_95 === '') continue;
				expect(Number(r.lower_95)).toBeLessThanOrEqual(Number(r.value) + 0.011);
				expect(Number(r.upper_95)).toBeGreaterThanOrEqual(Number(r.value) - 0.011);
				expect(Number(r.lower_99_8)).toBeLessThanOrEqual(Number(r.lower_95) + 0.011);
			}
		}
	});

	it('headline wellbeing in the indicators file and contacts in the workforce file are the same cells as elsewhere', () => {
		const wb = new Map(dataset('wellbeing_change').filter((r) => r.indicator === 'pairs').map((r) => [`${r.instrument}_${r.measure}|${r.period}|${r.area_code}`, r.numerator]));
		const pairs = dataset('indicators').filter((r) => r.indicator!.endsWith('_pairs'));
		expect(pairs.length).toBeGreaterThan(0);
		for (const r of pairs) expect(r.numerator, r.indicator).toBe(wb.get(`${r.indicator!.replace(/_pairs$/, '')}|${r.period}|${r.area_code}`));
		const contacts = new Map(dataset('indicators').filter((r) => r.indicator === 'contacts').map((r) => [`${r.period}|${r.area_code}`, r.numerator]));
		const perFte = dataset('workforce').filter((r) => r.indicator === 'contacts_per_fte');
		expect(perFte.length).toBeGreaterThan(0);
		for (const r of perFte) expect(r.numerator).toBe(contacts.get(`${r.period}|${r.area_code}`));
	});
});

describe('data dictionary', () => {
	const pkg = () => JSON.parse(readFileSync(join(out, 'datasets/datapackage.json'), 'utf8'));
	const anchors = new Set(['data', ...METRIC_DEFINITIONS.map((d) => d.id)]);

	it('is a tabular data package with licences, version, creation time and a resource for every data file', () => {
		const p = pkg();
		expect(p.profile).toBe('tabular-data-package');
		expect(p.licenses.map((l: { name: string }) => l.name)).toEqual(['OGL-UK-3.0', 'MIT']);
		expect(p.version).toMatch(/^\d+\.\d+\.\d+$/);
		expect(p.created).toBe(manifest.created_at);
		const files = readdirSync(join(out, 'datasets')).filter((f) => /\.(csv|parquet)$/.test(f)).sort();
		expect(p.resources.map((r: { path: string }) => r.path).sort()).toEqual(files);
		expect(files).toHaveLength(2 * DATASETS.length);
	});

	it('describes every column of every file with type, unit, description and a method link, in the files\' order', async () => {
		for (const r of pkg().resources) {
			const path = join(out, 'datasets', r.path);
			const cols = (await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${r.format === 'csv' ? `read_csv(${literal(path)}, header = true, all_varchar = true)` : `read_parquet(${literal(path)})`}`)).map((c) => c.column_name);
			expect(r.schema.fields.map((f: { name: string }) => f.name), r.path).toEqual(cols);
			for (const f of r.schema.fields) {
				expect(['string', 'integer', 'number', 'date']).toContain(f.type);
				for (const k of ['unit', 'description', 'method']) expect(String(f[k] ?? ''), `${r.path} ${f.name} ${k}`).not.toBe('');
				expect(anchors.has(String(f.method).replace('/methods#', '')), `${r.path} ${f.name} ${f.method}`).toBe(true);
			}
			for (const i of r.indicators) expect(anchors.has(String(i.method).replace('/methods#', '')), `${r.path} ${i.id}`).toBe(true);
		}
	});

	it('every indicator in a file is defined in the dictionary', () => {
		const p = pkg();
		for (const [name, rows] of tables) {
			const ids = new Set(p.resources.find((r: { path: string }) => r.path === `${name}.csv`).indicators.map((i: { id: string }) => i.id));
			for (const r of rows) expect(ids.has(r.indicator), `${name} ${r.indicator}`).toBe(true);
		}
	});

	it('its checksums, sizes and rows match the files, and the manifest carries the same', () => {
		const byFile = new Map(manifest.datasets.files.map((f) => [f.file, f]));
		for (const r of pkg().resources) {
			const bytes = readFileSync(join(out, 'datasets', r.path));
			const hex = createHash('sha256').update(bytes).digest('hex');
			expect(r.hash, r.path).toBe(`sha256:${hex}`);
			expect(r.bytes).toBe(bytes.length);
			expect(byFile.get(`datasets/${r.path}`)?.sha256).toBe(hex);
			expect(byFile.get(`datasets/${r.path}`)?.rows).toBe(r.rows);
		}
		for (const f of ['datapackage.json', 'README.md', 'CITATION.cff']) {
			const hex = createHash('sha256').update(readFileSync(join(out, 'datasets', f))).digest('hex');
			expect(byFile.get(`datasets/${f}`)?.sha256, f).toBe(hex);
		}
		expect(readFileSync(join(out, 'datasets/CITATION.cff'), 'utf8')).toMatch(/^cff-version: 1\.2\.0\n[\s\S]*license: OGL-UK-3\.0/);
	});
});

describe('file formats', () => {
	it.each(DATASETS.map((d) => d.name))('%s: the CSV and the Parquet hold the same rows and values', async (name) => {
		const csv = join(out, 'datasets', `${name}.csv`);
		const parquet = join(out, 'datasets', `${name}.parquet`);
		const spec = DATASETS.find((d) => d.name === name)!;
		const types: Record<string, string> = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', date: 'DATE' };
		const typed = `{${spec.columns.map((c) => `${literal(c.name)}: ${literal(types[c.type]!)}`).join(', ')}}`;
		const a = `SELECT * FROM read_csv(${literal(csv)}, header = true, auto_detect = false, columns = ${typed})`;
		const b = `SELECT * FROM read_parquet(${literal(parquet)})`;
		const count = async (sql: string) => (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`))!.n;
		expect(await count(a)).toBe(dataset(name).length);
		expect(await count(b)).toBe(dataset(name).length);
		expect(await count(`(${a}) EXCEPT ALL (${b})`)).toBe(0);
		expect(await count(`(${b}) EXCEPT ALL (${a})`)).toBe(0);
	});

	it.each(DATASETS.map((d) => d.name))('%s.csv opens as Excel expects: BOM, CRLF, RFC 4180, ISO dates, no scientific notation', (name) => {
		const bytes = readFileSync(join(out, 'datasets', `${name}.csv`));
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8').slice(1);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(/[^\r]\n/.test(text)).toBe(false);
		const spec = DATASETS.find((d) => d.name === name)!;
		const rows = dataset(name);
		for (const r of rows) {
			expect(Object.keys(r)).toEqual(spec.columns.map((c) => c.name));
			for (const c of spec.columns) {
				const v = r[c.name]!;
				if (v === '') continue;
				if (c.type === 'date') expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				if (c.type === 'number') expect(v, `${name} ${c.name}`).toMatch(/^-?\d+(\.\d{1,2})?$/);
				if (c.type === 'integer') expect(v).toMatch(/^-?\d+$/);
			}
		}
		// A practice name with a comma survives the quoting.
		if (name === 'indicators') expect(rows.some((r) => r.area_name!.includes(','))).toBe(true);
	});
});

/**
 * The attacker's equations, built only from what the files say: an area's count is the sum of
 * the counts of the areas naming it as parent_code; a year's the sum of its quarters, a quarter's
 * of its months; a total the sum of the groups of one additive breakdown (wellbeing by age band,
 * sex, ethnic group or IMD quintile; GP by baseline use; signposting by activity).
 */
function attackModel(all: readonly PublishedCell[], files: ReadonlyMap<string, Record<string, string>[]>) {
	const byId = new Map(all.map((c) => [c.id, c]));
	const hidden = new Set([...byId.values()].filter((c) => c.shown === '').map((c) => c.id));
	const parentOf = new Map<string, string>();
	for (const rows of files.values()) for (const r of rows) if (r.parent_code) parentOf.set(r.area_code!, r.parent_code);
	const equations: { total: string; parts: string[] }[] = [];
	const group = (key: (c: PublishedCell) => string | null) => {
		const m = new Map<string, string[]>();
		for (const c of byId.values()) {
			const k = key(c);
			if (k === null) continue;
			m.set(k, [...(m.get(k) ?? []), c.id]);
		}
		return m;
	};
	// Areas: parts share everything but the area, and name the total's area as parent.
	for (const [k, parts] of group((c) => (parentOf.has(c.area) ? `${c.count}|${c.extra}|${c.period}|${parentOf.get(c.area)}` : null))) {
		const [count, extra, period, parent] = k.split('|');
		const total = byId.get(`${count}|${extra}|${period}|${parent}`);
		if (total) equations.push({ total: total.id, parts });
	}
	// Periods: quarters within a year, months within a quarter.
	const quarterOf = (month: string) => {
		const [y, m] = month.split('-').map(Number) as [number, number];
		const fy = m >= 4 ? y : y - 1;
		return `${fy}/${String((fy + 1) % 100).padStart(2, '0')} Q${Math.floor(((m + 8) % 12) / 3) + 1}`;
	};
	const parentPeriod = (p: string) => (/^\d{4}-\d{2}$/.test(p) ? quarterOf(p) : / Q\d$/.test(p) ? p.slice(0, 7) : null);
	for (const [k, parts] of group((c) => (parentPeriod(c.period) ? `${c.count}|${c.extra}|${c.area}|${parentPeriod(c.period)}` : null))) {
		const [count, extra, area, period] = k.split('|');
		const total = byId.get(`${count}|${extra}|${period}|${area}`);
		if (total) equations.push({ total: total.id, parts });
	}
	// Groups: the parts' extra names a dimension; the total's extra drops it.
	for (const [k, parts] of group((c) => (c.groupOf ? `${c.count}|${c.groupOf.total}|${c.groupOf.dimension}|${c.period}|${c.area}` : null))) {
		const [count, totalExtra, , period, area] = k.split('|');
		const total = byId.get(`${count}|${totalExtra}|${period}|${area}`);
		if (total) equations.push({ total: total.id, parts });
	}
	return { hidden, equations };
}

describe('a delivery of referrals alone', () => {
	it('publishes every dataset, those without their input file empty (no data, never zeros), and no contact indicators', async () => {
		const root = await tempRoot('signpost-datasets-min-');
		try {
			const r = await runDelivery(root.dir, { 'referrals.csv': sampleDelivery()['referrals.csv']! });
			const read = (name: string) => parseCsv(readFileSync(join(r.out, 'datasets', `${name}.csv`), 'utf8').replace(/^\uFEFF/, ''));
			for (const name of ['gp_time_freed', 'signposting', 'workforce', 'wellbeing_change']) expect(read(name), name).toEqual([]);
			const indicators = read('indicators');
			expect(indicators.length).toBeGreaterThan(0);
			expect(indicators.some((x) => x.indicator === 'contacts')).toBe(false);
			// Four referrals in three practices: every practice count is 1-7 or 0.
			for (const x of indicators.filter((x) => x.indicator === 'referrals')) expect(['', '0']).toContain(x.numerator);
			expect(r.manifest.datasets.files.filter((f) => f.format === 'csv')).toHaveLength(DATASETS.length);
		} finally {
			await root.cleanup();
		}
	});
});
