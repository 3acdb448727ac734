import { describe, expect, it } from 'vitest';
import { disclose, discloseCount } from '../../src/lib/metrics/disclosure.js';
import { suppressHierarchy, type HierarchyCell, type SuppressedCell } from '../../src/lib/metrics/secondary-suppression.js';

describe('NHS Digital disclosure rule', () => {
	it.each([
		[0, 0, null],
		[1, null, 'small_count'],
		[7, null, 'small_count'],
		[8, 10, null],
		[12, 10, null],
		[13, 15, null],
		[1002, 1000, null]
	] as const)('count %s -> %s', (count, value, reason) => {
		expect(discloseCount(count)).toEqual({ value, suppressed: reason });
	});

	it('totals round the unrounded sum, not the rounded parts', () => {
		// Parts 12, 12, 12 round to 10 each (30) but the total 36 rounds to 35.
		expect(disclose({ kind: 'total', parts: [12, 12, 12] })).toEqual({ value: 35, suppressed: null });
	});

	it('percentages come from the rounded figures', () => {
		// 13 of 52 is 25%; from rounded 15 of 50 it is 30%.
		expect(disclose({ kind: 'percentage', numerator: 13, denominator: 52 }).value).toBe(30);
		expect(disclose({ kind: 'percentage', numerator: 3, denominator: 52 }).suppressed).toBe('small_count');
		expect(disclose({ kind: 'percentage', numerator: 0, denominator: 0 })).toEqual({ value: null, suppressed: null });
		expect(() => disclose({ kind: 'percentage', numerator: 5, denominator: 4 })).toThrow(/greater than denominator/);
	});

	it('means and medians of 1-7 people are suppressed', () => {
		expect(disclose({ kind: 'mean', value: 4.2, n: 7 })).toEqual({ value: null, suppressed: 'small_base' });
		expect(disclose({ kind: 'median', value: 4, n: 8 })).toEqual({ value: 4, suppressed: null });
		expect(disclose({ kind: 'mean', value: null, n: 0 })).toEqual({ value: null, suppressed: null });
	});

	it('rejects negative and fractional counts', () => {
		expect(() => discloseCount(-1)).toThrow(/whole number/);
		expect(() => discloseCount(2.5)).toThrow(/whole number/);
	});
});

/** Iterated single-equation deduction: an attacker subtracting visible cells from totals. */
function recoverable(cells: readonly SuppressedCell[]): Set<string> {
	const known = new Map<string, number>();
	for (const c of cells) if (c.shown !== null) known.set(c.id, c.value);
	const kids = new Map<string, SuppressedCell[]>();
	for (const c of cells) if (c.parent_id) kids.set(c.parent_id, [...(kids.get(c.parent_id) ?? []), c]);
	const recovered = new Set<string>();
	for (let progress = true; progress; ) {
		progress = false;
		for (const [parentId, children] of kids) {
			const unknown = [parentId, ...children.map((c) => c.id)].filter((id) => !known.has(id));
			if (unknown.length !== 1) continue;
			const id = unknown[0]!;
			known.set(id, cells.find((c) => c.id === id)!.value);
			recovered.add(id);
			progress = true;
		}
	}
	return recovered;
}

function randomHierarchy(seed: number): HierarchyCell[] {
	let s = seed;
	const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
	const cells: HierarchyCell[] = [];
	const leaves = (parent: string, n: number) => {
		let total = 0;
		for (let i = 0; i < n; i++) {
			const r = rand();
			const value = r < 0.15 ? 0 : r < 0.5 ? 1 + Math.floor(rand() * 7) : 8 + Math.floor(rand() * 60);
			cells.push({ id: `${parent}.${i}`, parent_id: parent, value });
			total += value;
		}
		return total;
	};
	let icb = 0;
	const pcns = 1 + Math.floor(rand() * 5);
	for (let j = 0; j < pcns; j++) {
		const id = `pcn${j}`;
		const total = leaves(id, 1 + Math.floor(rand() * 6));
		cells.push({ id, parent_id: 'icb', value: total });
		icb += total;
	}
	cells.push({ id: 'icb', parent_id: null, value: icb });
	return cells;
}

describe('secondary suppression', () => {
	it('hides the next smallest sibling when one child is hidden', () => {
		const out = suppressHierarchy([
			{ id: 'pcn', parent_id: null, value: 63 },
			{ id: 'a', parent_id: 'pcn', value: 3 },
			{ id: 'b', parent_id: 'pcn', value: 20 },
			{ id: 'c', parent_id: 'pcn', value: 40 }
		]);
		const by = Object.fromEntries(out.map((c) => [c.id, c]));
		expect(by.a!.suppressed).toBe('small_count');
		expect(by.b!.suppressed).toBe('secondary');
		expect(by.c!.shown).toBe(40);
		expect(by.pcn!.shown).toBe(65);
	});

	it('leaves groups with two hidden children alone and hides a child of a hidden parent', () => {
		const out = suppressHierarchy([
			{ id: 'icb', parent_id: null, value: 100 },
			{ id: 'p1', parent_id: 'icb', value: 5 },
			{ id: 'p2', parent_id: 'icb', value: 95 },
			{ id: 'x', parent_id: 'p1', value: 0 },
			{ id: 'y', parent_id: 'p1', value: 5 },
			{ id: 'q', parent_id: 'p2', value: 45 },
			{ id: 'r', parent_id: 'p2', value: 50 }
		]);
		const by = Object.fromEntries(out.map((c) => [c.id, c]));
		// p1 hidden (5): p2 must go too, then one of p2's children so p2 cannot be rebuilt.
		expect(by.p2!.suppressed).toBe('secondary');
		expect(by.q!.suppressed).toBe('secondary');
		expect(by.r!.shown).toBe(50);
		expect(recoverable(out).size).toBe(0);
	});

	it('never lets subtraction recover a hidden cell across random hierarchies', () => {
		let hiddenSeen = 0;
		for (let seed = 1; seed <= 300; seed++) {
			const out = suppressHierarchy(randomHierarchy(seed));
			hiddenSeen += out.filter((c) => c.shown === null).length;
			expect(recoverable(out), `seed ${seed}`).toEqual(new Set());
			for (const c of out) if (c.value >= 1 && c.value <= 7) expect(c.shown).toBeNull();
		}
		expect(hiddenSeen).toBeGreaterThan(100);
	});

	it('rejects duplicate ids and unknown parents', () => {
		expect(() => suppressHierarchy([{ id: 'a', parent_id: null, value: 1 }, { id: 'a', parent_id: null, value: 2 }])).toThrow(/unique/);
		expect(() => suppressHierarchy([{ id: 'a', parent_id: 'z', value: 1 }])).toThrow(/not in the hierarchy/);
	});
});
