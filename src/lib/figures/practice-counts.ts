/**
 * Counts by practice under disclosure control with secondary suppression over the geography's
 * hierarchy (all practices shown -> PCNs -> practices), so that no hidden practice can be worked
 * out from its PCN's total and its siblings, nor a hidden PCN from the area total and the other
 * PCNs. The same hierarchy is used wherever a page shows practices, PCN totals or an area total.
 */
import { suppressHierarchy, type DisclosedValue, type SuppressedCell } from '../metrics/index.js';

/** One practice's unrounded count. */
export interface PracticeCount {
	practice_code: string;
	pcn_code: string;
	value: number;
}

/** The disclosed cells of a practice hierarchy. */
export interface PracticeHierarchy {
	practices: Map<string, DisclosedValue>;
	pcns: Map<string, DisclosedValue>;
	/** The area total: every practice given (never hidden secondarily). */
	total: DisclosedValue;
}

const TOP = 'all';

/** Primary and secondary suppression of practice counts, their PCN totals and the area total. */
export function suppressPracticeCounts(counts: readonly PracticeCount[]): PracticeHierarchy {
	const pcnTotals = new Map<string, number>();
	for (const c of counts) pcnTotals.set(c.pcn_code, (pcnTotals.get(c.pcn_code) ?? 0) + c.value);
	const cells = suppressHierarchy([
		{ id: TOP, parent_id: null, value: counts.reduce((s, c) => s + c.value, 0) },
		...[...pcnTotals].map(([pcn, value]) => ({ id: `pcn:${pcn}`, parent_id: TOP, value })),
		...counts.map((c) => ({ id: `prac:${c.practice_code}`, parent_id: `pcn:${c.pcn_code}`, value: c.value }))
	]);
	const shown = (c: SuppressedCell): DisclosedValue => ({ value: c.shown, suppressed: c.suppressed });
	const practices = new Map<string, DisclosedValue>();
	const pcns = new Map<string, DisclosedValue>();
	let total: DisclosedValue = { value: null, suppressed: null };
	for (const cell of cells) {
		if (cell.id === TOP) total = shown(cell);
		else if (cell.id.startsWith('pcn:')) pcns.set(cell.id.slice(4), shown(cell));
		else practices.set(cell.id.slice(5), shown(cell));
	}
	return { practices, pcns, total };
}
