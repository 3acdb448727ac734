/**
 * Rows of 100% stacked bars: each row's shares of a few outcomes (e.g. moved to a better band,
 * stayed, moved to a worse band). Shares are written on the segments wide enough to hold them,
 * and a legend names the colours; a row with hidden shares says so in text.
 */
import * as Plot from '@observablehq/plot';
import { SUPPRESSED } from './palette.js';
import { BASE_STYLE } from './plots.js';
import { formatNumber } from './table.js';
import { labelWidth } from './text-width.js';

/** One outcome: its colour, the text colour that reads on it, and each row's percentage. */
export interface StackSegment {
	label: string;
	colour: string;
	/** '#fff' or a dark colour: at least 4.5:1 against `colour`. */
	textColour: string;
	values: (number | null)[];
}

/** Horizontal 100% stacked bars, one per row name. Rows where any share is null are marked suppressed. */
export function stackedShares(input: { width: number; rows: string[]; segments: StackSegment[]; label: string }): SVGSVGElement | HTMLElement {
	const { rows, segments } = input;
	const complete = rows.map((_, r) => segments.every((s) => s.values[r] !== null));
	const parts = rows.flatMap((_, r) => (complete[r] ? segments.map((_, k) => ({ r, k })) : []));
	// Stack by hand (start and end of each segment) so the marks need no row objects.
	const start = (p: { r: number; k: number }) => segments.slice(0, p.k).reduce((t, s) => t + (s.values[p.r] ?? 0), 0);
	const end = (p: { r: number; k: number }) => start(p) + (segments[p.k]!.values[p.r] ?? 0);
	const longest = Math.max(...rows.map((r) => labelWidth(r)), 40);
	const marginLeft = Math.min(Math.max(70, longest + 24), input.width * 0.4);
	const pxPerPoint = (input.width - marginLeft - 20) / 100;
	const labelled = parts.filter((p) => (segments[p.k]!.values[p.r] ?? 0) * pxPerPoint >= 34);
	const hidden = rows.map((_, r) => r).filter((r) => !complete[r]);
	return Plot.plot({
		width: input.width,
		height: 50 + rows.length * 38,
		marginLeft,
		marginRight: 20,
		marginBottom: 42,
		style: BASE_STYLE,
		y: { domain: rows, label: null },
		x: { domain: [0, 100], label: input.label, ticks: input.width < 480 ? [0, 50, 100] : [0, 25, 50, 75, 100], tickFormat: (d: number) => `${d}%` },
		color: { domain: segments.map((s) => s.label), range: segments.map((s) => s.colour), legend: true },
		marks: [
			Plot.barX(parts, { y: (p) => rows[p.r], x1: start, x2: end, fill: (p) => segments[p.k]!.label, stroke: 'white', strokeWidth: 1, insetTop: 4, insetBottom: 4 }),
			Plot.text(labelled, {
				y: (p) => rows[p.r],
				x: (p) => (start(p) + end(p)) / 2,
				text: (p) => `${formatNumber(segments[p.k]!.values[p.r]!, 0)}%`,
				fill: (p) => segments[p.k]!.textColour,
				fontWeight: 'bold'
			}),
			Plot.text(hidden, { y: (r: number) => rows[r], x: 0, text: () => '* suppressed', textAnchor: 'start', dx: 4, fill: SUPPRESSED }),
			Plot.tip(
				parts,
				Plot.pointer({
					y: (p: { r: number }) => rows[p.r],
					x: (p: { r: number; k: number }) => (start(p) + end(p)) / 2,
					title: (p: { r: number; k: number }) => `${rows[p.r]}\n${segments[p.k]!.label}: ${formatNumber(segments[p.k]!.values[p.r]!, 1)}%`
				})
			)
		]
	});
}
