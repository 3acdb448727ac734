/**
 * Every count published in any dataset of a run, keyed by what it counts, where and when, so that
 * the same count is one cell wherever it appears (a practice's referrals in the indicators
 * dataset and as a rate's numerator; a PCN's contacts in indicators and workforce) and is
 * suppressed the same everywhere. The equations between cells (areas within areas, periods
 * within periods, groups within a total) are derived from the keys, and secondary suppression
 * runs over all of them at once (src/lib/metrics/linked-suppression.ts).
 */
import { suppressLinked, type LinkedEquation, type LinkedResult } from '../../../src/lib/metrics/index.js';
import type { Area, Geography } from './geography.js';
import type { Period } from './periods.js';

/** What a count is, where and when; `group` splits a series by one dimension. */
export interface CellKey {
	/** What is counted, with any fixed qualifiers, e.g. 'wb_pairs:wemwbs:total'. */
	series: string;
	group?: { dimension: string; value: string };
	period: Period;
	area: Area;
}

/** A dimension whose groups add up to the ungrouped series (additive), or may overlap (need). */
export interface Dimension {
	values: readonly string[];
	additive: boolean;
}

interface Cell {
	key: CellKey;
	value: number;
}

/** The counts of a run and, once solved, their disclosed values. */
export class Registry {
	private readonly cells = new Map<string, Cell>();
	private readonly dimensions = new Map<string, Dimension>();
	private results: Map<string, LinkedResult> | null = null;
	private eqs: LinkedEquation[] = [];

	constructor(private readonly geography: Geography) {}

	/** Declare a grouping dimension before adding cells grouped by it. */
	dimension(name: string, d: Dimension): void {
		this.dimensions.set(name, d);
	}

	/** Add a count (or find it again: the same key must carry the same value); returns its id. */
	add(key: CellKey, value: number): string {
		if (this.results) throw new Error('internal error: a count was added after suppression ran');
		if (key.group && !this.dimensions.has(key.group.dimension)) throw new Error(`internal error: undeclared dimension ${key.group.dimension}`);
		const id = cellId(key);
		const existing = this.cells.get(id);
		if (existing && existing.value !== value) throw new Error(`internal error: count ${id} registered as ${existing.value} and ${value}`);
		if (!existing) this.cells.set(id, { key, value });
		return id;
	}

	/** Run primary and secondary suppression over every count and equation. */
	solve(): void {
		this.eqs = this.equations();
		const results = new Map<string, LinkedResult>();
		for (const component of components([...this.cells.keys()], this.eqs)) {
			const cells = component.cells.map((id) => ({ id, value: this.cells.get(id)!.value }));
			for (const [id, r] of suppressLinked(cells, component.equations)) results.set(id, r);
		}
		this.results = results;
	}

	/** Whether a count was added. */
	has(id: string): boolean {
		return this.cells.has(id);
	}

	/** A count after disclosure control. */
	get(id: string): LinkedResult {
		const r = this.results?.get(id);
		if (!r) throw new Error(`internal error: count ${id} ${this.results ? 'was never added' : 'read before suppression ran'}`);
		return r;
	}

	/** Every equation used (for the record and for tests). */
	get equationList(): readonly LinkedEquation[] {
		return this.eqs;
	}

	/** Number of counts registered. */
	get size(): number {
		return this.cells.size;
	}

	/**
	 * total = sum of parts for: each area and its parts (all published, or none: a partial set
	 * would be a gap in a grid); each period and its parts within the published range (periods
	 * outside it hold nothing); each additive dimension's groups and the ungrouped count.
	 */
	private equations(): LinkedEquation[] {
		const out: LinkedEquation[] = [];
		// slice (series, group, period) -> area key -> id; line (series, group, area) -> period key -> id
		const slices = new Map<string, Map<string, string>>();
		const lines = new Map<string, Map<string, string>>();
		const put = (m: Map<string, Map<string, string>>, outer: string, inner: string, id: string) => {
			let i = m.get(outer);
			if (!i) m.set(outer, (i = new Map()));
			i.set(inner, id);
		};
		for (const [id, { key }] of this.cells) {
			const sg = `${key.series}|${groupId(key)}`;
			put(slices, `${sg}|${key.period.key}`, key.area.key, id);
			put(lines, `${sg}|${key.area.key}`, key.period.key, id);
		}
		const withParts = this.geography.areas.filter((a) => a.parts.length > 0);
		for (const [slice, byArea] of slices) {
			for (const area of withParts) {
				const total = byArea.get(area.key);
				if (total === undefined) continue;
				const parts = area.parts.map((p) => byArea.get(p.key)).filter((id): id is string => id !== undefined);
				if (parts.length === 0) continue;
				if (parts.length !== area.parts.length) throw new Error(`internal error: ${slice} ${area.key} has only some of its parts published`);
				out.push({ label: 'area', total, parts });
			}
		}
		for (const [id, { key }] of this.cells) {
			if (key.period.parts.length === 0) continue;
			const byPeriod = lines.get(`${key.series}|${groupId(key)}|${key.area.key}`)!;
			const parts = key.period.parts.map((q) => byPeriod.get(q.key)).filter((x): x is string => x !== undefined);
			if (parts.length > 0) out.push({ label: 'period', total: id, parts });
		}
		const dimsOf = new Map<string, Set<string>>();
		for (const { key } of this.cells.values()) {
			if (!key.group || !this.dimensions.get(key.group.dimension)!.additive) continue;
			let set = dimsOf.get(key.series);
			if (!set) dimsOf.set(key.series, (set = new Set()));
			set.add(key.group.dimension);
		}
		for (const [id, { key }] of this.cells) {
			if (key.group) continue;
			for (const name of dimsOf.get(key.series) ?? []) {
				const d = this.dimensions.get(name)!;
				const parts = d.values.map((value) => cellId({ ...key, group: { dimension: name, value } })).filter((p) => this.cells.has(p));
				if (parts.length === 0) continue;
				if (parts.length !== d.values.length) throw new Error(`internal error: ${id} has only some groups of ${name} published`);
				out.push({ label: 'group', total: id, parts });
			}
		}
		return out;
	}
}

/** Id of a cell: series, group, period and area. */
export function cellId(k: CellKey): string {
	return `${k.series}|${groupId(k)}|${k.period.key}|${k.area.key}`;
}

function groupId(k: CellKey): string {
	return k.group ? `${k.group.dimension}=${k.group.value}` : '';
}

/** Split cells and equations into independent systems (union-find over shared equations). */
function components(ids: readonly string[], equations: readonly LinkedEquation[]): { cells: string[]; equations: LinkedEquation[] }[] {
	const parent = new Map(ids.map((id) => [id, id]));
	const find = (x: string): string => {
		let r = x;
		while (parent.get(r) !== r) r = parent.get(r)!;
		for (let y = x; parent.get(y) !== r; ) {
			const next = parent.get(y)!;
			parent.set(y, r);
			y = next;
		}
		return r;
	};
	for (const e of equations) for (const p of e.parts) parent.set(find(p), find(e.total));
	const groups = new Map<string, { cells: string[]; equations: LinkedEquation[] }>();
	for (const id of ids) {
		const root = find(id);
		if (!groups.has(root)) groups.set(root, { cells: [], equations: [] });
		groups.get(root)!.cells.push(id);
	}
	for (const e of equations) groups.get(find(e.total))!.equations.push(e);
	return [...groups.values()];
}
