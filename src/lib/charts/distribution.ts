/**
 * Two distributions of the same people side by side (baseline and follow-up): horizontal bars
 * of counts per score bin, one panel per timepoint with the panel named above it, so the
 * colours are a help, not the only cue. Suppressed bins are marked '*'.
 */
import * as Plot from '@observablehq/plot';
import { SUPPRESSED } from './palette.js';
import { BASE_STYLE } from './plots.js';
import { formatNumber } from './table.js';
import { labelWidth } from './text-width.js';

/** One panel: a timepoint's counts per bin. */
export interface DistributionPanel {
	label: string;
	values: (number | null)[];
	suppressed: boolean[];
	colour: string;
}

/** Bins on y (highest score at the top), counts on x, one panel per timepoint. */
export function pairedDistribution(input: { width: number; bins: string[]; panels: DistributionPanel[]; label: string; binLabel: string }): SVGSVGElement | HTMLElement {
	const { bins, panels } = input;
	const cells = panels.flatMap((p, k) => bins.map((_, i) => ({ k, i })));
	const shown = cells.filter((c) => panels[c.k]!.values[c.i] !== null);
	const hidden = cells.filter((c) => panels[c.k]!.suppressed[c.i]);
	const fx = (c: { k: number }) => panels[c.k]!.label;
	const y = (c: { i: number }) => bins[c.i]!;
	const v = (c: { k: number; i: number }) => panels[c.k]!.values[c.i]!;
	const longest = Math.max(...bins.map((b) => labelWidth(b)), 16);
	return Plot.plot({
		width: input.width,
		height: 60 + bins.length * 22,
		marginLeft: Math.max(40, longest + 24),
		marginRight: 20,
		marginBottom: 42,
		marginTop: 30,
		style: BASE_STYLE,
		fx: { domain: panels.map((p) => p.label), label: null, padding: 0.12 },
		y: { domain: [...bins].reverse(), label: input.binLabel, labelAnchor: 'top' },
		// A floor on the domain keeps an all-zero (or all-hidden) distribution from a degenerate scale.
		x: { grid: true, label: input.label, nice: true, domain: [0, Math.max(10, ...shown.map(v))], ticks: input.width < 480 ? 3 : 5 },
		marks: [
			Plot.barX(shown, { fx, y, x: v, fill: (c: { k: number }) => panels[c.k]!.colour }),
			Plot.text(hidden, { fx, y, x: 0, text: () => '*', textAnchor: 'start', dx: 4, fill: SUPPRESSED, fontSize: 16 }),
			Plot.ruleX([0]),
			Plot.tip(
				shown,
				Plot.pointerY({ fx, y, x: v, title: (c: { k: number; i: number }) => `${panels[c.k]!.label}, score ${bins[c.i]}\n${input.label}: ${formatNumber(v(c))}` })
			)
		]
	});
}
