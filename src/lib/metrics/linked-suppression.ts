import { discloseCount, type SuppressionReason } from './disclosure.js';

/** One count published somewhere: a practice's referrals in a quarter, a PCN's pairs in a year. */
export interface LinkedCell {
	id: string;
	/** Unrounded count. */
	value: number;
}

/** An exact relation between published counts: `total` = sum of `parts`. */
export interface LinkedEquation {
	total: string;
	parts: readonly string[];
	/** What the equation relates (e.g. 'area', 'period', 'group'): said in the reason of a cell it hides. */
	label: string;
}

/** A cell after primary and secondary suppression. */
export interface LinkedResult {
	value: number;
	/** Rounded count, or null when suppressed. */
	shown: number | null;
	suppressed: SuppressionReason | null;
	/** For a secondary suppression: label of the equation that needed it ('linked' when only a combination of equations did). */
	because: string | null;
}

/**
 * Primary then secondary suppression over counts linked by any set of equations (total = sum of
 * parts), such as areas within areas, quarters within years and groups within a total, across
 * several tables published together. Generalises {@link suppressHierarchy} beyond a tree.
 *
 * 1. Primary: NHS Digital's rule ({@link discloseCount}): 1-7 hidden, others rounded to 5.
 * 2. Local: while an equation has exactly one hidden cell, hide its smallest non-zero visible
 *    part (ties by id), else its total, else a zero part.
 * 3. Global: with several linked equations a hidden cell can still be determined by a
 *    combination of them (e.g. a practice-by-quarter table with PCN and year totals). Gaussian
 *    elimination over the hidden cells finds every hidden cell the equations determine; for each,
 *    the smallest visible cell of an equation holding it (or, failing that, the nearest such
 *    equation) is hidden, and steps 2-3 repeat until no hidden cell is determined.
 *
 * Shown values are treated as exact, as an attacker would; rounding is extra protection, not
 * relied on. A cell id may appear in several equations; every id used must be among `cells`.
 */
export function suppressLinked(cells: readonly LinkedCell[], equations: readonly LinkedEquation[]): Map<string, LinkedResult> {
	const ids = [...new Set(cells.map((c) => c.id))].sort();
	if (ids.length !== cells.length) throw new RangeError('cell ids must be unique');
	const index = new Map(ids.map((id, i) => [id, i]));
	const value = new Float64Array(ids.length);
	for (const c of cells) value[index.get(c.id)!] = c.value;
	const shown: (number | null)[] = [];
	const reason: (SuppressionReason | null)[] = [];
	const because: (string | null)[] = [];
	for (let i = 0; i < ids.length; i++) {
		const d = discloseCount(value[i]!);
		shown.push(d.value);
		reason.push(d.suppressed);
		because.push(null);
	}
	const eqs = equations.map((e) => ({
		label: e.label,
		total: at(index, e.total),
		parts: e.parts.map((p) => at(index, p)),
		cells: [at(index, e.total), ...e.parts.map((p) => at(index, p))]
	}));
	const eqsOf: number[][] = ids.map(() => []);
	eqs.forEach((e, k) => {
		for (const c of e.cells) eqsOf[c]!.push(k);
	});

	const hidden = (i: number) => shown[i] === null;
	const order = (a: number, b: number) => value[a]! - value[b]! || a - b;
	const smallestVisible = (list: readonly number[], nonZero: boolean) => list.filter((i) => !hidden(i) && (!nonZero || value[i]! > 0)).sort(order)[0];
	let queue: number[] = eqs.map((_, k) => k);
	const queued = new Uint8Array(eqs.length).fill(1);
	const hide = (i: number, label: string) => {
		shown[i] = null;
		reason[i] = 'secondary';
		because[i] = label;
		for (const k of eqsOf[i]!) {
			if (!queued[k]) {
				queued[k] = 1;
				queue.push(k);
			}
		}
	};

	const local = () => {
		for (let head = 0; head < queue.length; head++) {
			const k = queue[head]!;
			queued[k] = 0;
			const e = eqs[k]!;
			const hiddenCells = e.cells.filter(hidden);
			if (hiddenCells.length !== 1) continue;
			const pick =
				smallestVisible(e.parts, true) ?? (hidden(e.total) ? undefined : e.total) ?? smallestVisible(e.parts, false);
			if (pick !== undefined) hide(pick, e.label);
		}
		queue = [];
	};

	for (;;) {
		local();
		const determined = determinedHidden(eqs, hidden);
		if (determined.length === 0) break;
		// One new hidden cell per determined cell, skipping cells whose equations already gained one
		// this round (it may protect them too); the next round checks again.
		const touched = new Set<number>();
		for (const x of determined) {
			if (eqsOf[x]!.some((k) => touched.has(k))) continue;
			const pick = nearestVisible(x, eqs, eqsOf, hidden, smallestVisible);
			if (pick === undefined) throw new Error(`internal error: cell ${ids[x]} is determined but no visible cell is linked to it`);
			hide(pick, 'linked');
			for (const k of eqsOf[pick]!) touched.add(k);
		}
	}

	const out = new Map<string, LinkedResult>();
	ids.forEach((id, i) => out.set(id, { value: value[i]!, shown: shown[i]!, suppressed: reason[i]!, because: because[i]! }));
	return out;
}

/**
 * Ids of hidden cells that the equations determine, treating every visible cell as known: an
 * attacker's best linear attack (every chain of subtractions, across every equation at once).
 */
export function determinedCells(results: ReadonlyMap<string, Pick<LinkedResult, 'shown'>>, equations: readonly LinkedEquation[]): string[] {
	const ids = [...results.keys()].sort();
	const index = new Map(ids.map((id, i) => [id, i]));
	const eqs = equations.map((e) => ({ cells: [at(index, e.total), ...e.parts.map((p) => at(index, p))], total: at(index, e.total) }));
	const hidden = (i: number) => results.get(ids[i]!)!.shown === null;
	return determinedHidden(eqs, hidden).map((i) => ids[i]!);
}

type Eq = { cells: readonly number[]; total: number };

function at(index: ReadonlyMap<string, number>, id: string): number {
	const i = index.get(id);
	if (i === undefined) throw new RangeError(`equation names cell ${id}, which is not among the cells`);
	return i;
}

/** Visible cell to hide so that `x` is no longer determined: in x's equations first, then outwards. */
function nearestVisible(
	x: number,
	eqs: readonly (Eq & { parts: readonly number[] })[],
	eqsOf: readonly number[][],
	hidden: (i: number) => boolean,
	smallestVisible: (list: readonly number[], nonZero: boolean) => number | undefined
): number | undefined {
	const seenCells = new Set([x]);
	const seenEqs = new Set<number>();
	let frontier = [x];
	while (frontier.length > 0) {
		const ring = frontier.flatMap((c) => eqsOf[c]!.filter((k) => !seenEqs.has(k)));
		for (const k of ring) seenEqs.add(k);
		const candidates = [...new Set(ring.flatMap((k) => eqs[k]!.cells))];
		const pick = smallestVisible(candidates, true) ?? smallestVisible(candidates, false);
		if (pick !== undefined) return pick;
		frontier = candidates.filter((c) => !seenCells.has(c) && hidden(c));
		for (const c of frontier) seenCells.add(c);
	}
	return undefined;
}

/** Prime below 2^26: products of two residues stay below 2^52, exact in a double. */
const P = 67_108_859;

/**
 * Hidden cells determined by the equations: reduce the equations, restricted to hidden cells,
 * to reduced row echelon form (modulo a large prime, so exactly); a hidden cell is determined
 * exactly when some reduced row holds it alone.
 */
function determinedHidden(eqs: readonly Eq[], hidden: (i: number) => boolean): number[] {
	const pivotRow = new Map<number, Map<number, number>>();
	const rowsWith = new Map<number, Set<number>>(); // column -> pivot columns whose row holds it
	const track = (pivot: number, row: Map<number, number>) => {
		for (const c of row.keys()) {
			if (c === pivot) continue;
			let s = rowsWith.get(c);
			if (!s) rowsWith.set(c, (s = new Set()));
			s.add(pivot);
		}
	};
	for (const e of eqs) {
		const row = new Map<number, number>();
		for (const c of e.cells) {
			if (!hidden(c)) continue;
			const coeff = c === e.total ? 1 : P - 1;
			row.set(c, ((row.get(c) ?? 0) + coeff) % P);
		}
		for (const [c, v] of [...row]) if (v === 0) row.delete(c);
		// Reduce by existing pivots (their rows hold no other pivot column, so one pass suffices).
		for (const c of [...row.keys()]) {
			const f = row.get(c);
			const pr = pivotRow.get(c);
			if (f === undefined || pr === undefined) continue;
			for (const [cc, vv] of pr) {
				const nv = (((row.get(cc) ?? 0) - mulmod(f, vv)) % P + P) % P;
				if (nv === 0) row.delete(cc);
				else row.set(cc, nv);
			}
		}
		if (row.size === 0) continue;
		const pivot = Math.min(...row.keys());
		const inv = invmod(row.get(pivot)!);
		for (const [c, v] of row) row.set(c, mulmod(v, inv));
		// Clear the new pivot column from earlier rows.
		for (const other of rowsWith.get(pivot) ?? []) {
			const pr = pivotRow.get(other)!;
			const f = pr.get(pivot);
			if (f === undefined) continue;
			for (const [cc, vv] of row) {
				const nv = (((pr.get(cc) ?? 0) - mulmod(f, vv)) % P + P) % P;
				if (nv === 0) {
					pr.delete(cc);
					rowsWith.get(cc)?.delete(other);
				} else {
					if (!pr.has(cc) && cc !== other) {
						let s = rowsWith.get(cc);
						if (!s) rowsWith.set(cc, (s = new Set()));
						s.add(other);
					}
					pr.set(cc, nv);
				}
			}
		}
		rowsWith.delete(pivot);
		pivotRow.set(pivot, row);
		track(pivot, row);
	}
	const out: number[] = [];
	for (const [pivot, row] of pivotRow) if (row.size === 1) out.push(pivot);
	return out.sort((a, b) => a - b);
}

function mulmod(a: number, b: number): number {
	return (a * b) % P;
}

function invmod(a: number): number {
	// Fermat: a^(P-2) mod P.
	let result = 1;
	let base = a % P;
	for (let e = P - 2; e > 0; e = Math.floor(e / 2)) {
		if (e % 2 === 1) result = mulmod(result, base);
		base = mulmod(base, base);
	}
	return result;
}
