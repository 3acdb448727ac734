/**
 * Funnel plots and the Fingertips-style label grid of the Compare practices page. Each funnel
 * position has its own colour, symbol and words (legend, point labels, tooltips), never colour
 * alone; the benchmark and limits are told apart by line style.
 */
import * as Plot from '@observablehq/plot';
import type { FunnelPosition } from '../metrics/index.js';
import { withLegend, type LegendItem, type SymbolShape } from './legend.js';
import { POSITION_COLOURS, REFERENCE_LINE } from './palette.js';
import { labelWidth } from './categories.js';
import { BASE_STYLE } from './plots.js';
import { formatNumber } from './table.js';

/** Symbol of each position: triangles point the way a practice differs, filled beyond 99.8%, hollow beyond 95%. */
export const POSITION_SYMBOLS: Record<FunnelPosition, { shape: SymbolShape; hollow: boolean; words: string }> = {
	high_998: { shape: 'triangle', hollow: false, words: 'above the 99.8% limit' },
	high_95: { shape: 'triangle', hollow: true, words: 'above the 95% limit' },
	within: { shape: 'circle', hollow: false, words: 'within the limits' },
	low_95: { shape: 'triangle-down', hollow: true, words: 'below the 95% limit' },
	low_998: { shape: 'triangle-down', hollow: false, words: 'below the 99.8% limit' }
};

const ORDER: FunnelPosition[] = ['high_998', 'high_95', 'within', 'low_95', 'low_998'];

/** Line styles: the benchmark solid, 95% limits dashed, 99.8% limits dotted. */
const DASH_95 = '7,4';
const DASH_998 = '2,3';

/** A practice as plotted. */
export interface FunnelPoint {
	name: string;
	/** Short text beside the point. */
	short: string;
	x: number;
	y: number;
	position: FunnelPosition;
	/** Fingertips-style label, for the tooltip. */
	label: string;
}

/** Everything a funnel plot draws. */
export interface FunnelPlotInput {
	width: number;
	xLabel: string;
	yLabel: string;
	digits: number;
	/** Benchmark value and its name, e.g. "ICB". */
	target: number;
	targetName: string;
	curve: { x: number[]; lower95: number[]; upper95: number[]; lower998: number[]; upper998: number[] };
	points: FunnelPoint[];
	/** Written on the chart: whether limits were widened for over-dispersion, and φ. */
	dispersionText: string;
	/** Lowest and highest y the indicator can take (e.g. 0 and 100 for a percentage). */
	bounds?: [number, number];
}

/** A funnel plot with its legend. */
export function funnelPlot(input: FunnelPlotInput): HTMLElement {
	const { curve, points, digits } = input;
	const minX = Math.min(...points.map((p) => p.x), ...curve.x.slice(-1));
	// Show the funnel from the smallest practice outwards; narrower curves beyond it are clipped.
	const near = curve.x.map((x, i) => i).filter((i) => curve.x[i]! >= minX * 0.9);
	const ys = [input.target, ...points.map((p) => p.y), ...near.flatMap((i) => [curve.lower998[i]!, curve.upper998[i]!])];
	let lo = Math.min(...ys);
	let hi = Math.max(...ys);
	const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
	lo -= pad;
	hi += pad;
	if (input.bounds) {
		lo = Math.max(lo, input.bounds[0]);
		hi = Math.min(hi, input.bounds[1]);
	}
	const idx = curve.x.map((_, i) => i);
	const limit = (values: number[], dash: string) =>
		Plot.line(idx, { x: (i: number) => curve.x[i], y: (i: number) => values[i], stroke: REFERENCE_LINE, strokeWidth: 1.5, strokeDasharray: dash, clip: true });
	const pts = points.map((_, i) => i);
	const fmt = (v: number) => formatNumber(v, digits);
	const maxX = Math.max(...curve.x, ...points.map((p) => p.x));
	const marginLeft = 56;
	const marginRight = 30;
	const marginTop = 24;
	// The over-dispersion statement sits under the x axis, wrapped to the width.
	const lineWidth = Math.max(20, (input.width - 16) / 12);
	const lines = Math.ceil((input.dispersionText.length * 0.55) / lineWidth);
	const marginBottom = 50 + lines * 15;
	const height = Math.min(420, Math.max(300, input.width * 0.6)) + lines * 15;
	const labels = placeLabels(points, {
		x: (x) => (x / maxX) * (input.width - marginLeft - marginRight),
		y: (y) => ((hi - y) / (hi - lo)) * (height - marginTop - marginBottom),
		width: input.width - marginLeft - marginRight,
		height: height - marginTop - marginBottom
	});
	const labelY = (i: number) => hi - (labels[i]!.y / (height - marginTop - marginBottom)) * (hi - lo);
	// A label nudged off its point's height is joined to it by a short leader beside the point.
	const leader = (side: 'left' | 'right') =>
		Plot.link(
			pts.filter((i) => labels[i] && labels[i]!.side === side && labels[i]!.offset !== 0),
			{ x1: (i: number) => points[i]!.x, y1: (i: number) => points[i]!.y, x2: (i: number) => points[i]!.x, y2: labelY, dx: side === 'left' ? -8 : 8, stroke: '#4c6272', strokeWidth: 1 }
		);
	const label = (side: 'left' | 'right') =>
		Plot.text(
			pts.filter((i) => labels[i] && labels[i]!.side === side),
			{
				x: (i: number) => points[i]!.x,
				y: labelY,
				text: (i: number) => points[i]!.short,
				dx: side === 'left' ? -11 : 11,
				textAnchor: side === 'left' ? 'end' : 'start',
				fontSize: 12,
				fill: '#212b32',
				stroke: '#ffffff',
				strokeWidth: 3,
				paintOrder: 'stroke'
			}
		);
	const plot = Plot.plot({
		width: input.width,
		height: Math.min(420, Math.max(300, input.width * 0.6)) + lines * 15,
		marginTop: 24,
		marginLeft,
		marginRight: 30,
		marginBottom: 50 + lines * 15,
		style: BASE_STYLE,
		x: { label: input.xLabel, labelOffset: 34, grid: true, domain: [0, maxX], tickFormat: (v: number) => formatNumber(v), ticks: Math.max(3, Math.floor(input.width / 90)) },
		y: { label: input.yLabel, grid: true, domain: [lo, hi], tickFormat: (v: number) => v.toLocaleString('en-GB') },
		marks: [
			limit(curve.lower998, DASH_998),
			limit(curve.upper998, DASH_998),
			limit(curve.lower95, DASH_95),
			limit(curve.upper95, DASH_95),
			Plot.ruleY([input.target], { stroke: REFERENCE_LINE, strokeWidth: 2 }),
			...ORDER.map((position) => {
				const s = POSITION_SYMBOLS[position];
				const colour = POSITION_COLOURS[position];
				return Plot.dot(
					pts.filter((i) => points[i]!.position === position),
					{
						x: (i: number) => points[i]!.x,
						y: (i: number) => points[i]!.y,
						symbol: s.shape === 'triangle-down' ? 'triangle' : s.shape,
						rotate: s.shape === 'triangle-down' ? 180 : 0,
						r: 6,
						fill: s.hollow ? '#ffffff' : colour,
						stroke: colour,
						strokeWidth: s.hollow ? 2 : 1
					}
				);
			}),
			leader('right'),
			leader('left'),
			label('right'),
			label('left'),
			Plot.text([input.dispersionText], {
				frameAnchor: 'bottom-left',
				dx: 8 - marginLeft,
				dy: 46,
				lineAnchor: 'top',
				textAnchor: 'start',
				lineWidth,
				fill: '#4c6272',
				fontSize: 12
			}),
			Plot.tip(
				pts,
				Plot.pointer({
					x: (i: number) => points[i]!.x,
					y: (i: number) => points[i]!.y,
					title: (i: number) => {
						const p = points[i]!;
						return `${p.name}\n${input.yLabel}: ${fmt(p.y)}\n${input.xLabel}: ${formatNumber(p.x)}\n${p.label}`;
					}
				})
			)
		]
	});
	const items: LegendItem[] = [
		{ label: `${input.targetName}: ${fmt(input.target)}`, mark: { kind: 'line', colour: REFERENCE_LINE, width: 2 } },
		{ label: '95% limits', mark: { kind: 'line', colour: REFERENCE_LINE, dash: DASH_95, width: 1.5 } },
		{ label: '99.8% limits', mark: { kind: 'line', colour: REFERENCE_LINE, dash: DASH_998, width: 1.5 } },
		...ORDER.filter((p) => points.some((pt) => pt.position === p)).map(
			(p): LegendItem => ({ label: capitalise(POSITION_SYMBOLS[p].words), mark: { kind: 'symbol', shape: POSITION_SYMBOLS[p].shape, colour: POSITION_COLOURS[p], hollow: POSITION_SYMBOLS[p].hollow } })
		)
	];
	return withLegend(items, plot);
}

/** A practice name short enough to sit beside a point: common endings dropped, title case. */
export function shortPracticeName(name: string): string {
	const trimmed = name
		.replace(/^THE\s+/i, '')
		.replace(/\s+(GROUP PRACTICE|MEDICAL CENTRE|MEDICAL PRACTICE|HEALTH CENTRE|FAMILY PRACTICE|SURGERY|PRACTICE|PARTNERSHIP)$/i, '')
		.trim();
	const words = (trimmed || name).toLowerCase().split(/\s+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
	const text = words.join(' ');
	return text.length > 18 ? `${text.slice(0, 17)}…` : text;
}

/** One cell of the label grid: a practice on an indicator. */
export interface GridCell {
	row: string;
	column: string;
	text: string;
	position: FunnelPosition | null;
}

/** Fingertips' "tartan rug": practices down, indicators across, each cell coloured and worded by its position. */
export function labelGrid(input: { width: number; rows: string[]; columns: string[]; cells: GridCell[] }): SVGSVGElement | HTMLElement {
	const width = Math.max(input.width, 300);
	const longest = Math.max(...input.rows.map((r) => r.length), 8);
	// Practice names wrap onto two lines on narrow screens rather than shrinking the grid.
	const marginLeft = Math.min(longest * 8 + 12, width * 0.36);
	const idx = input.cells.map((_, i) => i);
	const fill = (c: GridCell) => (c.position === null ? '#f0f4f5' : c.position === 'within' ? '#ffffff' : POSITION_COLOURS[c.position]);
	// White text on the dark fills; dark text on orange (white would fall below 4.5:1) and the light ones.
	const ink = (c: GridCell) => (c.position === null || c.position === 'within' || c.position === 'low_95' ? '#212b32' : '#ffffff');
	const cellWidth = (width - marginLeft) / input.columns.length;
	return Plot.plot({
		width,
		height: 52 + input.rows.length * 44,
		marginLeft,
		marginTop: 44,
		marginRight: 0,
		style: BASE_STYLE,
		x: { domain: input.columns, axis: 'top', label: null, tickSize: 0, tickFormat: () => '' },
		y: { domain: input.rows, label: null, axis: null },
		marks: [
			Plot.cell(idx, { x: (i: number) => input.cells[i]!.column, y: (i: number) => input.cells[i]!.row, fill: (i: number) => fill(input.cells[i]!), stroke: '#aeb7bd', inset: 1 }),
			Plot.text(idx, {
				x: (i: number) => input.cells[i]!.column,
				y: (i: number) => input.cells[i]!.row,
				text: (i: number) => input.cells[i]!.text,
				fill: (i: number) => ink(input.cells[i]!),
				fontSize: 12,
				lineWidth: Math.max(4, (cellWidth - 6) / 12)
			}),
			Plot.text(input.columns, { x: (c: string) => c, frameAnchor: 'top', dy: -24, lineAnchor: 'middle', fontWeight: 'bold', lineWidth: Math.max(4, (cellWidth - 4) / 13) }),
			Plot.text(input.rows, { y: (r: string) => r, frameAnchor: 'left', dx: -marginLeft + 2, textAnchor: 'start', lineWidth: (marginLeft - 6) / 12, fontSize: 12 })
		]
	});
}

/** Where a point's label goes: its side and its centre in pixels from the top of the frame. */
interface LabelPlace {
	side: 'left' | 'right';
	y: number;
	/** Pixels the label was moved off its point's height (a leader line then joins them). */
	offset: number;
}

/**
 * Place point labels so they do not overlap: beside each point (to its left in the right third,
 * so it stays inside), nudged up or down a line when taken; outliers are placed first, and a label
 * that fits nowhere is left off (the tooltip and the table still name the practice).
 */
function placeLabels(points: FunnelPoint[], frame: { x: (x: number) => number; y: (y: number) => number; width: number; height: number }): (LabelPlace | null)[] {
	const taken: { x0: number; x1: number; y0: number; y1: number }[] = [];
	const out: (LabelPlace | null)[] = points.map(() => null);
	const order = points.map((_, i) => i).sort((a, b) => Number(points[a]!.position === 'within') - Number(points[b]!.position === 'within'));
	for (const i of order) {
		const p = points[i]!;
		const px = frame.x(p.x);
		const py = frame.y(p.y);
		const w = labelWidth(p.short) * (12 / 13);
		const side = px > frame.width * 0.66 ? 'left' : 'right';
		const x0 = side === 'right' ? px + 11 : px - 11 - w;
		// Keep clear of every point's symbol too.
		const symbols = points.map((q) => ({ x0: frame.x(q.x) - 7, x1: frame.x(q.x) + 7, y0: frame.y(q.y) - 7, y1: frame.y(q.y) + 7 }));
		for (const offset of [0, 14, -14, 28, -28]) {
			const box = { x0, x1: x0 + w, y0: py + offset - 7, y1: py + offset + 7 };
			const clash = [...taken, ...symbols].some((t) => box.x0 < t.x1 && t.x0 < box.x1 && box.y0 < t.y1 && t.y0 < box.y1);
			if (!clash && box.y0 >= 0 && box.y1 <= frame.height && box.x0 >= -40) {
				taken.push(box);
				out[i] = { side, y: py + offset, offset };
				break;
			}
		}
	}
	return out;
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
