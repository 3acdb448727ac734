/**
 * Exports of a chart: its table as CSV and its drawing as SVG or PNG, each stamped with the
 * source, the filters and the date so a figure pasted into a board paper says what it is.
 * Everything happens in the page: nothing is sent anywhere.
 */
import type { FigureTable } from './table.js';

/** What is written on every export. */
export interface Stamp {
	title: string;
	/** Filter lines (describeFilters). */
	filters: string[];
	/** e.g. 'Signpost, pipeline run 2026-11-24 10:00 UTC'. */
	source: string;
	/** When the export was made (ISO date-time). */
	exported: string;
}

/** The stamp as lines of text. */
export function stampLines(stamp: Stamp): string[] {
	return [`Source: ${stamp.source}`, `Filters: ${stamp.filters.join('; ')}`, `Exported: ${stamp.exported}`, 'Counts are rounded to the nearest 5; * = suppressed (1 to 7 people, or to protect another cell).'];
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function field(value: string | number | null): string {
	if (value === null) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The table as CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, raw values; the
 * stamp follows the data after a blank line so the first row stays the header.
 */
export function tableCsv(table: FigureTable, stamp: Stamp): string {
	const lines = [table.columns.map((c) => field(c.label)).join(',')];
	for (const row of table.rows) lines.push(row.map((c) => field(c.raw)).join(','));
	lines.push('', field(stamp.title), ...stampLines(stamp).map(field));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A standalone SVG of a chart with its title above and the stamp below, white background,
 * fonts inlined as attributes (an exported file has no stylesheet).
 */
export function stampedSvg(chart: SVGSVGElement, stamp: Stamp): { svg: string; width: number; height: number } {
	const width = Number(chart.getAttribute('width')) || chart.clientWidth || 640;
	const height = Number(chart.getAttribute('height')) || chart.clientHeight || 400;
	const lines = stampLines(stamp);
	const top = 32;
	const bottom = 16 * lines.length + 12;
	const out = document.createElementNS(SVG_NS, 'svg');
	out.setAttribute('xmlns', SVG_NS);
	out.setAttribute('width', String(width));
	out.setAttribute('height', String(height + top + bottom));
	out.setAttribute('viewBox', `0 0 ${width} ${height + top + bottom}`);
	out.setAttribute('font-family', 'Arial, sans-serif');
	const bg = document.createElementNS(SVG_NS, 'rect');
	bg.setAttribute('width', '100%');
	bg.setAttribute('height', '100%');
	bg.setAttribute('fill', '#ffffff');
	out.append(bg);
	const text = (content: string, y: number, size: number, weight = 'normal') => {
		const t = document.createElementNS(SVG_NS, 'text');
		t.setAttribute('x', '8');
		t.setAttribute('y', String(y));
		t.setAttribute('font-size', String(size));
		t.setAttribute('font-weight', weight);
		t.setAttribute('fill', '#212b32');
		t.textContent = content;
		out.append(t);
	};
	text(stamp.title, 22, 16, 'bold');
	const body = chart.cloneNode(true) as SVGSVGElement;
	body.setAttribute('x', '0');
	body.setAttribute('y', String(top));
	body.removeAttribute('class');
	// Plot's stylesheet lives in a <style> inside the SVG, so the clone keeps its look.
	out.append(body);
	lines.forEach((line, i) => text(line, height + top + 16 * (i + 1), 11));
	return { svg: new XMLSerializer().serializeToString(out), width, height: height + top + bottom };
}

/** The stamped SVG drawn to a PNG at twice the size (sharp in documents). */
export async function stampedPng(chart: SVGSVGElement, stamp: Stamp): Promise<Blob> {
	const { svg, width, height } = stampedSvg(chart, stamp);
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = width * 2;
		canvas.height = height * 2;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('No 2D canvas');
		context.scale(2, 2);
		context.drawImage(image, 0, 0, width, height);
		return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Save a blob under a file name (an <a download> click; no request leaves the page). */
export function saveBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe slug of a title. */
export function slug(title: string): string {
	return (
		title
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 60) || 'chart'
	);
}
