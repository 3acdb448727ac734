/**
 * The chart types the dashboard draws, on Observable Plot with columnar channels (arrays, not
 * row objects). Each returns the element Plot makes; Chart.svelte places and labels it.
 * Suppressed values are drawn as a grey "*" at the baseline so a gap never reads as zero.
 */
import * as Plot from '@observablehq/plot';
import { AF_CATEGORICAL, REFERENCE_LINE, SINGLE, SUPPRESSED } from './palette.js';
import { formatNumber } from './table.js';
import { fitLabels, labelWidth } from './text-width.js';

/** Shared look: NHS type, readable sizes, no Plot default palette. */
export const BASE_STYLE = { fontFamily: 'Arial, sans-serif', fontSize: '13px', color: '#212b32', background: 'transparent' } as const;

// Formatters made once: Date.toLocaleString with options builds a new one on every call.
const SHORT_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const indexes = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * A name broken at spaces onto lines at most `width` px wide (Plot draws "\n" as a new line),
 * so a long axis name wraps instead of being cut off at the chart's edge, as on a phone.
 */
export function wrapName(name: string, width: number): string {
	const lines: string[] = [];
	for (const word of name.split(' ')) {
		const last = lines.length - 1;
		if (last >= 0 && labelWidth(`${lines[last]} ${word}`) <= width) lines[last] += ` ${word}`;
		else lines.push(word);
	}
	return lines.join('\n');
}

/** Left margin for names on a y axis: fits the longest name within [min, max] and 45% of the width (longer names wrap). */
function nameMargin(names: string[], width: number, min: number, max: number): number {
	return Math.min(Math.max(min, ...names.map((n) => labelWidth(n) + 24)), max, width * 0.45);
}

/** A time series of counts by month as bars, optionally with a second series as a line. */
export function monthlyBars(input: {
	width: number;
	months: Date[];
	values: (number | null)[];
	suppressed: boolean[];
	label: string;
	line?: { values: (number | null)[]; label: string };
}): SVGSVGElement | HTMLElement {
	const { months, values, suppressed } = input;
	const idx = indexes(months.length);
	const shownIdx = idx.filter((i) => values[i] !== null);
	const hiddenIdx = idx.filter((i) => suppressed[i]);
	const lineIdx = input.line ? idx.filter((i) => input.line!.values[i] !== null) : [];
	// Under about 40 px a month (a phone), label quarters only so month names do not overlap.
	const ticks = (input.width - 56) / Math.max(1, months.length) < 40 ? months.filter((d) => d.getUTCMonth() % 3 === 0) : undefined;
	return Plot.plot({
		width: input.width,
		height: 280,
		marginLeft: 56,
		style: BASE_STYLE,
		x: { type: 'band', label: null, ticks, tickFormat: (d: Date) => SHORT_MONTH.format(d) + (d.getUTCMonth() === 0 || d.getUTCMonth() === 3 ? `\n${d.getUTCFullYear()}` : '') },
		y: { grid: true, label: input.label, nice: true, zero: true },
		color: input.line ? { domain: [input.label, input.line.label], range: [SINGLE, AF_CATEGORICAL[3]], legend: true } : undefined,
		marks: [
			Plot.barY(shownIdx, { x: (i: number) => months[i], y: (i: number) => values[i], fill: input.line ? () => input.label : SINGLE, tip: false }),
			Plot.text(hiddenIdx, { x: (i: number) => months[i], y: 0, text: () => '*', dy: -8, fill: SUPPRESSED, fontSize: 16 }),
			...(input.line
				? [
						Plot.lineY(lineIdx, { x: (i: number) => months[i], y: (i: number) => input.line!.values[i], stroke: () => input.line!.label, strokeWidth: 2.5, marker: 'circle-stroke' })
					]
				: []),
			Plot.ruleY([0]),
			Plot.tip(
				shownIdx,
				Plot.pointerX({
					x: (i: number) => months[i],
					y: (i: number) => values[i],
					title: (i: number) =>
						`${MONTH_YEAR.format(months[i]!)}\n${input.label}: ${formatNumber(values[i]!)}` +
						(input.line ? `\n${input.line.label}: ${input.line.values[i] === null ? '*' : formatNumber(input.line.values[i]!)}` : '')
				})
			)
		]
	});
}

/** Named rows with a value and its interval each, as the dot-and-interval charts take them. */
export interface DotIntervalRows {
	names: string[];
	values: (number | null)[];
	lower: (number | null)[];
	upper: (number | null)[];
	/** Rows hidden by disclosure control (drawn as "* suppressed"). */
	suppressed: boolean[];
	/** What the values are (axis label). */
	label: string;
	/** Draw the intervals. */
	intervals: boolean;
}

/**
 * The marks of a dot-and-interval chart over named rows: interval bars (when shown), dots,
 * "* suppressed" for hidden rows, a dashed reference line with its label, and the tooltip.
 * Shared by dotsWithIntervals and categories.ts namedDots, which differ only in how names are laid out.
 */
export function dotIntervalMarks(input: DotIntervalRows & {
	reference: { value: number; label: string } | null;
	digits: number;
}): Plot.Markish[] {
	const { names, values, lower, upper, digits } = input;
	const idx = indexes(names.length);
	const shown = idx.filter((i) => values[i] !== null);
	const withCi = shown.filter((i) => lower[i] !== null && upper[i] !== null);
	return [
		...(input.intervals ? [Plot.ruleY(withCi, { y: (i: number) => names[i], x1: (i: number) => lower[i], x2: (i: number) => upper[i], stroke: SINGLE, strokeWidth: 2 })] : []),
		Plot.dot(shown, { y: (i: number) => names[i], x: (i: number) => values[i], fill: SINGLE, r: 5 }),
		Plot.text(
			idx.filter((i) => input.suppressed[i]),
			{ y: (i: number) => names[i], frameAnchor: 'left', text: () => '* suppressed', textAnchor: 'start', dx: 4, fill: SUPPRESSED }
		),
		...(input.reference
			? [
					Plot.ruleX([input.reference.value], { stroke: REFERENCE_LINE, strokeDasharray: '4,3' }),
					Plot.text([input.reference.label], { x: input.reference.value, frameAnchor: 'top', dy: -2, textAnchor: 'start', dx: 4, fill: REFERENCE_LINE })
				]
			: []),
		Plot.tip(
			shown,
			Plot.pointerY({
				y: (i: number) => names[i],
				x: (i: number) => values[i],
				title: (i: number) =>
					`${names[i]}\n${input.label}: ${formatNumber(values[i]!, digits)}` +
					(lower[i] !== null && upper[i] !== null ? `\n95% interval: ${formatNumber(lower[i]!, digits)} to ${formatNumber(upper[i]!, digits)}` : '')
			})
		)
	];
}

/**
 * Areas side by side: a dot per area with its interval as a bar, an optional benchmark line,
 * names on the y axis. Areas with no value get a grey "*" (suppressed) or nothing.
 */
export function dotsWithIntervals(input: DotIntervalRows & {
	width: number;
	benchmark?: { value: number; label: string } | null;
	digits?: number;
	/** Include zero on the axis (default false). */
	zero?: boolean;
}): SVGSVGElement | HTMLElement {
	// On a phone long area names are shortened to fit the margin (the table keeps them whole).
	const names = fitLabels(input.names, input.width * 0.45 - 30);
	const digits = input.digits ?? 1;
	const marginLeft = nameMargin(names, input.width, 80, Infinity);
	return Plot.plot({
		width: input.width,
		height: 50 + names.length * 30,
		marginLeft,
		// Room for the axis label below the tick labels.
		marginBottom: 42,
		marginRight: 24,
		style: BASE_STYLE,
		y: { domain: names, label: null, tickFormat: (n: string) => wrapName(n, marginLeft - 12) },
		// Dots need no zero baseline; starting at the data keeps intervals readable.
		x: { grid: true, label: input.label, nice: true, zero: input.zero ?? false },
		marks: dotIntervalMarks({ ...input, names, digits, reference: input.benchmark ?? null })
	});
}

/** Horizontal bars for a few named values (e.g. actual against a target). */
export function namedBars(input: { width: number; names: string[]; values: number[]; label: string; colours?: string[]; digits?: number }): SVGSVGElement | HTMLElement {
	const idx = indexes(input.names.length);
	const digits = input.digits ?? 0;
	const marginLeft = nameMargin(input.names, input.width, 200, 200);
	return Plot.plot({
		width: input.width,
		height: 40 + input.names.length * 40,
		marginLeft,
		marginRight: 60,
		style: BASE_STYLE,
		y: { domain: input.names, label: null, tickFormat: (n: string) => wrapName(n, marginLeft - 12) },
		x: { grid: true, label: input.label, nice: true, zero: true },
		marks: [
			Plot.barX(idx, { y: (i: number) => input.names[i], x: (i: number) => input.values[i], fill: (i: number) => input.colours?.[i] ?? SINGLE }),
			Plot.text(idx, { y: (i: number) => input.names[i], x: (i: number) => input.values[i], text: (i: number) => formatNumber(input.values[i]!, digits), textAnchor: 'start', dx: 4 }),
			Plot.ruleX([0])
		]
	});
}

/** 'YYYY-MM' as a UTC Date (Plot's time scales want dates). */
export function monthDate(month: string): Date {
	return new Date(`${month}-01T00:00:00Z`);
}
