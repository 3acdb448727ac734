import { discloseCount, type SuppressionReason } from './disclosure.js';

/** One cell of a hierarchy of counts, e.g. an ICB, its PCNs and their practices. */
export interface HierarchyCell {
	id: string;
	/** Parent cell's id; null for the top (national figures are published unsuppressed). */
	parent_id: string | null;
	/** Unrounded count; a parent's count is the sum of its children's. */
	value: number;
}

/** A cell after primary and secondary suppression. */
export interface SuppressedCell extends HierarchyCell {
	/** Rounded count, or null when suppressed. */
	shown: number | null;
	suppressed: SuppressionReason | null;
}

/**
 * Primary then secondary suppression over a hierarchy. Each parent and its children form one
 * equation (parent = sum of children); a hidden cell can be recovered when it is the only hidden
 * cell in any equation, rounded or not. So, until no equation has exactly one hidden cell:
 * - a visible parent with exactly one hidden child: hide the smallest other child (smallest
 *   non-zero first, ties by id), or the parent itself when there is no other child;
 * - a hidden parent whose children are all visible: hide its smallest non-zero child.
 * With no equation holding exactly one unknown, subtraction cannot start, so no chain of
 * subtractions recovers a hidden cell. Primary suppression applies to every cell given; a cell
 * without a parent is never hidden secondarily.
 */
export function suppressHierarchy(cells: readonly HierarchyCell[]): SuppressedCell[] {
	const out = cells.map((c) => ({ ...c, ...primary(c.value) }));
	const byId = new Map(out.map((c) => [c.id, c]));
	if (byId.size !== out.length) throw new RangeError('cell ids must be unique');
	const children = new Map<string, SuppressedCell[]>();
	for (const c of out) {
		if (c.parent_id === null) continue;
		if (!byId.has(c.parent_id)) throw new RangeError(`cell ${c.id} names a parent ${c.parent_id} that is not in the hierarchy`);
		const list = children.get(c.parent_id) ?? [];
		list.push(c);
		children.set(c.parent_id, list);
	}
	const hide = (c: SuppressedCell) => {
		c.shown = null;
		c.suppressed = 'secondary';
	};
	for (let changed = true; changed; ) {
		changed = false;
		for (const [parentId, kids] of children) {
			const parent = byId.get(parentId) as SuppressedCell;
			const hidden = kids.filter((k) => k.shown === null);
			const visible = kids.filter((k) => k.shown !== null);
			if (parent.shown !== null && hidden.length === 1) {
				const pick = smallest(visible.filter((k) => k.value > 0)) ?? smallest(visible);
				if (pick) hide(pick);
				else if (parent.parent_id !== null) hide(parent);
				else continue;
				changed = true;
			} else if (parent.shown === null && hidden.length === 0) {
				const pick = smallest(visible.filter((k) => k.value > 0));
				if (pick) {
					hide(pick);
					changed = true;
				}
			}
		}
	}
	return out;
}

function primary(value: number): Pick<SuppressedCell, 'shown' | 'suppressed'> {
	const d = discloseCount(value);
	return { shown: d.value, suppressed: d.suppressed };
}

function smallest(cells: readonly SuppressedCell[]): SuppressedCell | undefined {
	return [...cells].sort((a, b) => a.value - b.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}
