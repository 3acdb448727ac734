/**
 * Charts of categories for the Referrals and equity page: several series over time as lines
 * with a symbol each, bars of counts or shares with their values written on them, a histogram,
 * and bars of a part within a whole. Columnar channels; suppressed values drawn as a grey "*".
 */
import * as Plot from '@observablehq/plot';
import { withLegend, type LegendItem, type SymbolShape } from './legend.js';
import { AF_CATEGORICAL, SINGLE, SUPPRESSED } from './palette.js';
import { BASE_STYLE, dotIntervalMarks, type DotIntervalRows } from './plots.js';
import { formatNumber } from './table.js';

/** Rough width in pixels of a label at 13 px Arial: capitals and digits are wider than lower case. */
export function labelWidth(text: string): number {
	let w = 0;
	for (const c of text) w += /[A-Z0-9]/.test(c) ? 8.7 : c === ' ' ? 3.6 : 6.8;
	return w;
}

/** One symbol per series (Plot's fill symbols), so lines differ by shape as well as colour. */
export const SERIES_SYMBOLS: SymbolShape[] = ['circle', 'square', 'diamond', 'triangle', 'cross', 'star'];

/** A series over periods. */
export interface Series {
	name: string;
	values: (number | null)[];
	suppressed: boolean[];
}

/** Up to six series over periods as lines with symbols, a legend naming each. */
export function seriesLines(input: { width: number; periods: string[]; series: Series[]; label: string; digits?: number }): HTMLElement {
	const { periods, series } = input;
	const digits = input.digits ?? 0;
	// Label every period when there is room, else every second or third.
	const every = Math.max(1, Math.ceil((periods.length * 44) / Math.max(200, input.width - 80)));
	const ticks = periods.filter((_, i) => i % every === 0);
	const marks: Plot.Markish[] = [];
	series.forEach((s, k) => {
		const colour = AF_CATEGORICAL[k % AF_CATEGORICAL.length]!;
		const shown = periods.map((_, i) => i).filter((i) => s.values[i] !== null);
		const symbol = SERIES_SYMBOLS[k % SERIES_SYMBOLS.length]!;
		marks.push(
			Plot.line(shown, { x: (i: number) => periods[i], y: (i: number) => s.values[i], stroke: colour, strokeWidth: 2 }),
			Plot.dot(shown, { x: (i: number) => periods[i], y: (i: number) => s.values[i], fill: colour, stroke: '#ffffff', symbol, r: 4.5 }),
			Plot.text(
				periods.map((_, i) => i).filter((i) => s.suppressed[i]),
				{ x: (i: number) => periods[i], y: 0, text: () => '*', dy: -6, fill: SUPPRESSED, fontSize: 16 }
			)
		);
	});
	const flat = series.flatMap((s, k) => s.values.map((v, i) => ({ k, i, v })).filter((d) => d.v !== null));
	const plot = Plot.plot({
		width: input.width,
		height: 300,
		marginLeft: 52,
		marginBottom: 36,
		style: BASE_STYLE,
		x: { type: 'point', domain: periods, label: null, ticks, padding: 0.3 },
		y: { grid: true, zero: true, nice: true, label: input.label },
		marks: [
			...marks,
			Plot.ruleY([0]),
			Plot.tip(
				flat,
				Plot.pointer({
					x: (d: (typeof flat)[number]) => periods[d.i],
					y: (d: (typeof flat)[number]) => d.v,
					title: (d: (typeof flat)[number]) => `${series[d.k]!.name}\n${periods[d.i]}: ${formatNumber(d.v!, digits)}`
				})
			)
		]
	});
	const items = series.map(
		(s, k): LegendItem => ({ label: s.name, mark: { kind: 'symbol', shape: SERIES_SYMBOLS[k % SERIES_SYMBOLS.length]!, colour: AF_CATEGORICAL[k % AF_CATEGORICAL.length]! } })
	);
	return withLegend(items, plot);
}

/** Horizontal bars with their value written beside each (text supplied), suppressed as "*". */
export function labelledBars(input: {
	width: number;
	names: string[];
	values: (number | null)[];
	texts: string[];
	/** Shorter texts for narrow screens (under 560 px). */
	narrowTexts?: string[];
	label: string;
	/** Upper end of the axis (e.g. 100 for percentages); default from the data. */
	max?: number;
}): SVGSVGElement | HTMLElement {
	const { names, values } = input;
	const texts = input.width < 560 && input.narrowTexts ? input.narrowTexts : input.texts;
	const idx = names.map((_, i) => i);
	const shown = idx.filter((i) => values[i] !== null);
	const longest = Math.max(...names.map(labelWidth), 30);
	const widest = Math.max(...texts.map(labelWidth), 16);
	const top = Math.max(input.max ?? 0, ...shown.map((i) => values[i]!));
	return Plot.plot({
		width: input.width,
		height: 44 + names.length * 30,
		marginLeft: Math.min(longest + 12, input.width * 0.42),
		marginRight: Math.min(widest + 12, input.width * 0.3),
		marginBottom: 42,
		style: BASE_STYLE,
		y: { domain: names, label: null, axis: null },
		x: { grid: true, label: input.label, zero: true, domain: [0, top || 1], nice: true },
		marks: [
			wrappedNames(names, Math.min(longest + 12, input.width * 0.42)),
			Plot.barX(shown, { y: (i: number) => names[i], x: (i: number) => values[i], fill: SINGLE }),
			Plot.text(idx, {
				y: (i: number) => names[i],
				x: (i: number) => values[i] ?? 0,
				text: (i: number) => texts[i],
				textAnchor: 'start',
				dx: 4,
				fill: (i: number) => (values[i] === null ? SUPPRESSED : '#212b32')
			}),
			Plot.ruleX([0])
		]
	});
}

/** Vertical bars of counts per bin (e.g. weeks of waiting), suppressed bins as "*". */
export function binBars(input: { width: number; bins: string[]; values: (number | null)[]; suppressed: boolean[]; label: string; xLabel: string }): SVGSVGElement | HTMLElement {
	const idx = input.bins.map((_, i) => i);
	return Plot.plot({
		width: input.width,
		height: 280,
		marginLeft: 52,
		marginBottom: 44,
		style: BASE_STYLE,
		x: { type: 'band', domain: input.bins, label: input.xLabel, padding: 0.15 },
		y: { grid: true, zero: true, nice: true, label: input.label },
		marks: [
			Plot.barY(
				idx.filter((i) => input.values[i] !== null),
				{ x: (i: number) => input.bins[i], y: (i: number) => input.values[i], fill: SINGLE }
			),
			Plot.text(
				idx.filter((i) => input.suppressed[i]),
				{ x: (i: number) => input.bins[i], y: 0, text: () => '*', dy: -8, fill: SUPPRESSED, fontSize: 16 }
			),
			Plot.ruleY([0]),
			Plot.tip(
				idx.filter((i) => input.values[i] !== null),
				Plot.pointerX({ x: (i: number) => input.bins[i], y: (i: number) => input.values[i], title: (i: number) => `${input.bins[i]}: ${formatNumber(input.values[i]!)}` })
			)
		]
	});
}

/** Bars of a whole with the part drawn inside it (e.g. signposted and attended), each labelled. */
export function partOfWholeBars(input: {
	width: number;
	names: string[];
	whole: (number | null)[];
	part: (number | null)[];
	texts: string[];
	/** Shorter texts for narrow screens (under 560 px). */
	narrowTexts?: string[];
	label: string;
	wholeName: string;
	partName: string;
}): HTMLElement {
	const { names } = input;
	const texts = input.width < 560 && input.narrowTexts ? input.narrowTexts : input.texts;
	const idx = names.map((_, i) => i);
	const longest = Math.max(...names.map(labelWidth), 30);
	const widest = Math.max(...texts.map(labelWidth), 16);
	const plot = Plot.plot({
		width: input.width,
		height: 44 + names.length * 30,
		marginLeft: Math.min(longest + 12, input.width * 0.42),
		marginRight: Math.min(widest + 12, input.width * 0.34),
		marginBottom: 42,
		style: BASE_STYLE,
		y: { domain: names, label: null, axis: null },
		x: { grid: true, zero: true, nice: true, label: input.label },
		marks: [
			wrappedNames(names, Math.min(longest + 12, input.width * 0.42)),
			Plot.barX(
				idx.filter((i) => input.whole[i] !== null),
				{ y: (i: number) => names[i], x: (i: number) => input.whole[i], fill: '#c8d9ea', stroke: SINGLE, strokeWidth: 1 }
			),
			Plot.barX(
				idx.filter((i) => input.part[i] !== null),
				{ y: (i: number) => names[i], x: (i: number) => input.part[i], fill: SINGLE, insetTop: 5, insetBottom: 5 }
			),
			Plot.text(idx, { y: (i: number) => names[i], x: (i: number) => input.whole[i] ?? 0, text: (i: number) => texts[i], textAnchor: 'start', dx: 4, fill: '#212b32' }),
			Plot.ruleX([0])
		]
	});
	return withLegend(
		[
			{ label: input.wholeName, mark: { kind: 'swatch', colour: '#c8d9ea', outline: SINGLE } },
			{ label: input.partName, mark: { kind: 'swatch', colour: SINGLE } }
		],
		plot
	);
}

/**
 * Many named units side by side (e.g. practices): a dot each with its interval, a dashed line for
 * the overall value, names wrapped onto two lines on narrow screens, "* suppressed" where hidden.
 */
export function namedDots(input: DotIntervalRows & {
	width: number;
	overall: { value: number; label: string } | null;
	digits?: number;
}): SVGSVGElement | HTMLElement {
	const { names } = input;
	const digits = input.digits ?? 1;
	const margin = Math.min(Math.max(...names.map(labelWidth), 30) * 0.93 + 12, input.width * 0.42);
	return Plot.plot({
		width: input.width,
		height: 48 + names.length * 32,
		marginLeft: margin,
		marginRight: 20,
		marginBottom: 42,
		style: BASE_STYLE,
		y: { domain: names, label: null, axis: null },
		x: { grid: true, label: input.label, nice: true },
		marks: [wrappedNames(names, margin), ...dotIntervalMarks({ ...input, digits, reference: input.overall })]
	});
}

/** Names on the y axis, wrapped onto a second line when the margin is narrow (phones). */
function wrappedNames(names: string[], margin: number): Plot.Markish {
	return Plot.axisY(names, { tickSize: 0, lineWidth: Math.max(4, (margin - 10) / 13), fontSize: 12 });
}
