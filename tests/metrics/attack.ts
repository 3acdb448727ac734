/**
 * An attacker's view of published counts, independent of the code under test: given which
 * cells are hidden and the equations (total = sum of parts) that hold between published cells,
 * which hidden cells can be worked out? Two attacks: repeated subtraction (any equation with one
 * unknown left), and full linear algebra (Gauss-Jordan in floating point over the hidden cells).
 */

/** total = sum of parts, by cell id. */
export interface AttackEquation {
	total: string;
	parts: readonly string[];
}

/** Hidden cells recovered by repeated subtraction: solve any equation with exactly one unknown, repeat. */
export function recoverBySubtraction(hidden: ReadonlySet<string>, equations: readonly AttackEquation[]): Set<string> {
	const unknown = new Set(hidden);
	const recovered = new Set<string>();
	for (let progress = true; progress; ) {
		progress = false;
		for (const e of equations) {
			const left = [e.total, ...e.parts].filter((c) => unknown.has(c));
			if (left.length !== 1) continue;
			unknown.delete(left[0]!);
			recovered.add(left[0]!);
			progress = true;
		}
	}
	return recovered;
}

/**
 * Hidden cells that the equations determine: e_j lies in the row space of the equations
 * restricted to hidden cells. Sparse Gauss-Jordan in floating point (pivot: the largest entry of
 * each new row), one connected group of hidden cells at a time.
 */
export function recoverByLinearAlgebra(hidden: ReadonlySet<string>, equations: readonly AttackEquation[]): Set<string> {
	const rows: Map<string, number>[] = [];
	for (const e of equations) {
		const row = new Map<string, number>();
		for (const [c, coeff] of [[e.total, 1] as const, ...e.parts.map((p) => [p, -1] as const)]) {
			if (hidden.has(c)) row.set(c, (row.get(c) ?? 0) + coeff);
		}
		for (const [c, v] of row) if (v === 0) row.delete(c);
		if (row.size > 0) rows.push(row);
	}
	const eps = 1e-9;
	const pivots = new Map<string, Map<string, number>>();
	for (const input of rows) {
		const row = new Map(input);
		for (const [c, pr] of pivots) {
			const f = row.get(c);
			if (f === undefined) continue;
			for (const [cc, v] of pr) {
				const nv = (row.get(cc) ?? 0) - f * v;
				if (Math.abs(nv) < eps) row.delete(cc);
				else row.set(cc, nv);
			}
		}
		if (row.size === 0) continue;
		let pivot = '';
		let best = 0;
		for (const [c, v] of row) if (Math.abs(v) > best) [pivot, best] = [c, Math.abs(v)];
		const f = row.get(pivot)!;
		for (const [c, v] of row) row.set(c, v / f);
		for (const pr of pivots.values()) {
			const g = pr.get(pivot);
			if (g === undefined) continue;
			for (const [cc, v] of row) {
				const nv = (pr.get(cc) ?? 0) - g * v;
				if (Math.abs(nv) < eps) pr.delete(cc);
				else pr.set(cc, nv);
			}
		}
		pivots.set(pivot, row);
	}
	const out = new Set<string>();
	for (const [c, row] of pivots) if (row.size === 1) out.add(c);
	return out;
}
