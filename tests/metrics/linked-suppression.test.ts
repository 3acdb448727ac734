import { describe, expect, it } from 'vitest';
import { determinedCells, suppressLinked, type LinkedCell, type LinkedEquation } from '../../src/lib/metrics/linked-suppression.js';
import { welchDifference, welchDifferenceFromSummary } from '../../src/lib/metrics/welch.js';
import { moments } from '../../src/lib/metrics/descriptive.js';
import { recoverByLinearAlgebra, recoverBySubtraction } from './attack.js';

const hiddenOf = (r: ReturnType<typeof suppressLinked>) => new Set([...r].filter(([, c]) => c.shown === null).map(([id]) => id));

/** A rows x cols table of counts with row totals, column totals and a grand total. */
function table(values: number[][]): { cells: LinkedCell[]; equations: LinkedEquation[] } {
	const cells: LinkedCell[] = [];
	const equations: LinkedEquation[] = [];
	const rows = values.length;
	const cols = values[0]!.length;
	values.forEach((row, i) => row.forEach((v, j) => cells.push({ id: `c${i}.${j}`, value: v })));
	for (let i = 0; i < rows; i++) {
		cells.push({ id: `r${i}`, value: values[i]!.reduce((a, b) => a + b, 0) });
		equations.push({ total: `r${i}`, parts: values[i]!.map((_, j) => `c${i}.${j}`), label: 'row' });
	}
	for (let j = 0; j < cols; j++) {
		cells.push({ id: `k${j}`, value: values.reduce((a, r) => a + r[j]!, 0) });
		equations.push({ total: `k${j}`, parts: values.map((_, i) => `c${i}.${j}`), label: 'column' });
	}
	cells.push({ id: 'all', value: values.flat().reduce((a, b) => a + b, 0) });
	equations.push({ total: 'all', parts: values.map((_, i) => `r${i}`), label: 'row' });
	equations.push({ total: 'all', parts: values[0]!.map((_, j) => `k${j}`), label: 'column' });
	return { cells, equations };
}

describe('suppressLinked', () => {
	it('applies the primary rule and hides the next smallest part when one part is hidden', () => {
		const r = suppressLinked(
			[
				{ id: 'pcn', value: 63 },
				{ id: 'a', value: 3 },
				{ id: 'b', value: 20 },
				{ id: 'c', value: 40 }
			],
			[{ total: 'pcn', parts: ['a', 'b', 'c'], label: 'area' }]
		);
		expect(r.get('a')).toMatchObject({ shown: null, suppressed: 'small_count' });
		expect(r.get('b')).toMatchObject({ shown: null, suppressed: 'secondary', because: 'area' });
		expect(r.get('c')!.shown).toBe(40);
		expect(r.get('pcn')!.shown).toBe(65);
	});

	it('hides the total when the hidden part is its only part, and protects a cell across two equations', () => {
		// x is a practice in a one-practice PCN and also a quarter of a year.
		const r = suppressLinked(
			[
				{ id: 'x', value: 4 },
				{ id: 'pcn', value: 4 },
				{ id: 'q2', value: 30 },
				{ id: 'year', value: 34 }
			],
			[
				{ total: 'pcn', parts: ['x'], label: 'area' },
				{ total: 'year', parts: ['x', 'q2'], label: 'period' }
			]
		);
		expect(r.get('pcn')!.suppressed).toBe('small_count');
		expect(r.get('q2')!.suppressed).toBe('secondary');
		expect(r.get('q2')!.because).toBe('period');
		expect(recoverByLinearAlgebra(hiddenOf(r), [{ total: 'pcn', parts: ['x'] }, { total: 'year', parts: ['x', 'q2'] }]).size).toBe(0);
	});

	it('protects a cell that only a combination of equations reveals (two hidden rectangles joined by one cell)', () => {
		// Small cells at (0,0) (0,1) (1,0) (1,1), (2,2) (2,3) (3,2) (3,3), and the bridge (1,2):
		// every row and column holds two or more of them, so no single subtraction recovers one,
		// yet rows 0-1 minus columns 0-1 leave exactly the bridge.
		const big = 50;
		const v = [
			[3, 4, big, big + 1],
			[5, 2, 6, big + 2],
			[big + 3, big + 4, 2, 3],
			[big + 5, big + 6, 4, 5]
		];
		const { cells, equations } = table(v);
		const primaryHidden = new Set(cells.filter((c) => c.value >= 1 && c.value <= 7).map((c) => c.id));
		expect(recoverBySubtraction(primaryHidden, equations).size).toBe(0);
		expect(recoverByLinearAlgebra(primaryHidden, equations)).toEqual(new Set(['c1.2']));
		const r = suppressLinked(cells, equations);
		expect(determinedCells(r, equations)).toEqual([]);
		expect(recoverByLinearAlgebra(hiddenOf(r), equations).size).toBe(0);
		expect([...r.values()].some((c) => c.because === 'linked')).toBe(true);
	});

	it('leaves nothing recoverable in random two-way hierarchies (areas x quarters, with PCN and year totals)', () => {
		let s = 7;
		const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
		let hiddenSeen = 0;
		for (let trial = 0; trial < 60; trial++) {
			const pcns = 1 + Math.floor(rand() * 4);
			const cells: LinkedCell[] = [];
			const equations: LinkedEquation[] = [];
			const value = new Map<string, number>();
			const add = (id: string, v: number) => {
				cells.push({ id, value: v });
				value.set(id, v);
			};
			const practices: string[][] = [];
			for (let p = 0; p < pcns; p++) {
				const n = 1 + Math.floor(rand() * 5);
				practices.push(Array.from({ length: n }, (_, k) => `p${p}.${k}`));
			}
			const areas = [...practices.flat(), ...practices.map((_, p) => `pcn${p}`), 'icb'];
			for (const a of practices.flat()) {
				for (let q = 0; q < 4; q++) {
					const r = rand();
					add(`${a}|q${q}`, r < 0.15 ? 0 : r < 0.5 ? 1 + Math.floor(rand() * 7) : 8 + Math.floor(rand() * 40));
				}
			}
			const sum = (ids: string[]) => ids.reduce((t, id) => t + value.get(id)!, 0);
			for (let q = 0; q < 4; q++) {
				practices.forEach((list, p) => add(`pcn${p}|q${q}`, sum(list.map((a) => `${a}|q${q}`))));
				add(`icb|q${q}`, sum(practices.map((_, p) => `pcn${p}|q${q}`)));
			}
			for (const a of areas) add(`${a}|fy`, sum([0, 1, 2, 3].map((q) => `${a}|q${q}`)));
			for (const t of ['q0', 'q1', 'q2', 'q3', 'fy']) {
				practices.forEach((list, p) => equations.push({ total: `pcn${p}|${t}`, parts: list.map((a) => `${a}|${t}`), label: 'area' }));
				equations.push({ total: `icb|${t}`, parts: practices.map((_, p) => `pcn${p}|${t}`), label: 'area' });
			}
			for (const a of areas) equations.push({ total: `${a}|fy`, parts: [0, 1, 2, 3].map((q) => `${a}|q${q}`), label: 'period' });
			const r = suppressLinked(cells, equations);
			const hidden = hiddenOf(r);
			hiddenSeen += hidden.size;
			expect(recoverByLinearAlgebra(hidden, equations), `trial ${trial}`).toEqual(new Set());
			for (const [, c] of r) {
				if (c.value >= 1 && c.value <= 7) expect(c.shown).toBeNull();
				if (c.shown !== null) expect(c.shown % 5).toBe(0);
			}
		}
		expect(hiddenSeen).toBeGreaterThan(200);
	});

	it('rejects duplicate ids and equations naming unknown cells', () => {
		expect(() => suppressLinked([{ id: 'a', value: 1 }, { id: 'a', value: 2 }], [])).toThrow(/unique/);
		expect(() => suppressLinked([{ id: 'a', value: 1 }], [{ total: 'a', parts: ['z'], label: 'area' }])).toThrow(/not among the cells/);
	});
});

describe('welchDifferenceFromSummary', () => {
	it('agrees with welchDifference on the raw values', () => {
		const a = [1, 2, 3, 4, 10];
		const b = [2, 2, 3, 5];
		const ma = moments(a);
		const mb = moments(b);
		for (const level of [0.95, 0.998]) {
			const raw = welchDifference(a, b, level);
			const sum = welchDifferenceFromSummary({ n: ma.n, mean: ma.mean!, sd: ma.sd! }, { n: mb.n, mean: mb.mean!, sd: mb.sd! }, level);
			expect(sum).toEqual(raw);
		}
		expect(() => welchDifferenceFromSummary({ n: 1, mean: 1, sd: 0 }, { n: 3, mean: 1, sd: 1 })).toThrow(/n >= 2/);
	});
});
