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

/** Hidden cells that the equations determine: e_j lies in the row space of the equations restricted to hidden cells. */
export function recoverByLinearAlgebra(hidden: ReadonlySet<string>, equations: readonly AttackEquation[]): Set<string> {
	const cols = [...hidden].sort();
	const col = new Map(cols.map((c, i) => [c, i]));
	const rows: number[][] = [];
	for (const e of equations) {
		const row = new Array<number>(cols.length).fill(0);
		let any = false;
		for (const [c, coeff] of [[e.total, 1], ...e.parts.map((p) => [p, -1] as const)] as const) {
			const j = col.get(c);
			if (j === undefined) continue;
			row[j]! += coeff;
			any = true;
		}
		if (any) rows.push(row);
	}
	const eps = 1e-9;
	const pivots: { row: number; col: number }[] = [];
	let r = 0;
	for (let c = 0; c < cols.length && r < rows.length; c++) {
		let best = r;
		for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
		if (Math.abs(rows[best]![c]!) < eps) continue;
		[rows[r], rows[best]] = [rows[best]!, rows[r]!];
		const pr = rows[r]!;
		const f = pr[c]!;
		for (let j = 0; j < cols.length; j++) pr[j]! /= f;
		for (let i = 0; i < rows.length; i++) {
			if (i === r) continue;
			const g = rows[i]![c]!;
			if (Math.abs(g) < eps) continue;
			for (let j = 0; j < cols.length; j++) rows[i]![j]! -= g * pr[j]!;
		}
		pivots.push({ row: r, col: c });
		r++;
	}
	const out = new Set<string>();
	for (const p of pivots) {
		const others = rows[p.row]!.some((v, j) => j !== p.col && Math.abs(v) > eps);
		if (!others) out.add(cols[p.col]!);
	}
	return out;
}
