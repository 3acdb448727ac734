/**
 * Lines over months relative to an index month (-12 ... 12), one per cohort, with the index
 * month marked. Each series has its own colour, dash and symbol and is labelled at its end, so
 * colour is never the only cue. Suppressed points are left out of the line and marked '*'.
 */
import * as Plot from '@observablehq/plot';
import { REFERENCE_LINE, SUPPRESSED } from './palette.js';
import { BASE_STYLE } from './plots.js';
import { formatNumber } from './table.js';

/** One line. */
export interface LineSeries {
	label: string;
	values: (number | null)[];
	suppressed: boolean[];
	colour: string;
	/** SVG dash pattern; solid when absent. */
	dash?: string;
	symbol: 'circle' | 'square' | 'triangle' | 'diamond';
}

const indexes = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Relative months on x (0 marked as `markLabel`), one line per series. */
export function relativeMonthLines(input: {
	width: number;
	months: number[];
	series: LineSeries[];
	label: string;
	markLabel: string;
	digits?: number;
}): SVGSVGElement | HTMLElement {
	const digits = input.digits ?? 2;
	const { months } = input;
	const narrow = input.width < 520;
	const points = input.series.flatMap((s, k) => indexes(months.length).filter((i) => s.values[i] !== null).map((i) => ({ k, i })));
	const hidden = input.series.flatMap((s, k) => indexes(months.length).filter((i) => s.suppressed[i]).map((i) => ({ k, i })));
	const x = (p: { i: number }) => months[p.i]!;
	const y = (p: { k: number; i: number }) => input.series[p.k]!.values[p.i]!;
	const last = input.series.map((s, k) => {
		const i = indexes(months.length).filter((j) => s.values[j] !== null).pop();
		return i === undefined ? null : { k, i };
	});
	const ends = last.filter((p): p is { k: number; i: number } => p !== null);
	// End labels in dark text (4.5:1); the legend and symbols tie them to their lines.
	return Plot.plot({
		width: input.width,
		height: narrow ? 300 : 340,
		marginLeft: 48,
		// Room for the end labels of each line.
		marginRight: narrow ? 16 : 110,
		marginTop: 24,
		// Room for the axis label below the tick labels.
		marginBottom: 42,
		style: BASE_STYLE,
		x: { label: 'Months from the referral (or index) month', ticks: narrow ? [-12, -6, 0, 6, 12] : [-12, -9, -6, -3, 0, 3, 6, 9, 12], tickFormat: (d: number) => (d > 0 ? `+${d}` : String(d)) },
		y: { grid: true, label: input.label, nice: true, zero: true },
		// The legend names each colour; the lines also differ by dash and symbol.
		color: { domain: input.series.map((s) => s.label), range: input.series.map((s) => s.colour), legend: true },
		marks: [
			Plot.ruleX([0], { stroke: REFERENCE_LINE, strokeDasharray: '4,3' }),
			// At the foot of the marker line, where the lines (which peak around it) are least likely to be.
			Plot.text([input.markLabel], { x: 0, frameAnchor: 'bottom', dy: -6, dx: 4, textAnchor: 'start', fill: REFERENCE_LINE }),
			...input.series.map((s, k) =>
				Plot.line(
					points.filter((p) => p.k === k),
					{ x, y, stroke: () => s.label, strokeWidth: 2.5, strokeDasharray: s.dash }
				)
			),
			...input.series.map((s, k) => Plot.dot(points.filter((p) => p.k === k), { x, y, stroke: () => s.label, fill: 'white', strokeWidth: 2, symbol: s.symbol, r: 3.5 })),
			Plot.text(hidden, { x, y: 0, text: () => '*', dy: -8, fill: SUPPRESSED, fontSize: 16 }),
			...(narrow ? [] : [Plot.text(ends, { x, y, text: (p: { k: number }) => input.series[p.k]!.label, textAnchor: 'start', dx: 8, fill: '#212b32', fontWeight: 'bold' })]),
			Plot.ruleY([0]),
			Plot.tip(
				months.map((_, i) => i),
				Plot.pointerX({
					x: (i: number) => months[i],
					y: (i: number) => Math.max(0, ...input.series.map((s) => s.values[i] ?? 0)),
					title: (i: number) =>
						`${months[i] === 0 ? 'Month of referral' : `${Math.abs(months[i]!)} month${Math.abs(months[i]!) === 1 ? '' : 's'} ${months[i]! < 0 ? 'before' : 'after'}`}\n` +
						input.series.map((s) => `${s.label}: ${s.values[i] === null ? '*' : formatNumber(s.values[i]!, digits)}`).join('\n')
				})
			)
		]
	});
}
