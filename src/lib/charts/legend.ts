/**
 * A legend that names each symbol, line style or colour in words, placed above a chart. Plot's
 * own legends show colour swatches only; ours pair each colour with a symbol or line style so a
 * chart never relies on colour alone. Styles are inline: the element is made outside Svelte.
 */

/** How one legend entry is drawn. */
export type LegendMark =
	| { kind: 'symbol'; shape: SymbolShape; colour: string; hollow?: boolean }
	| { kind: 'line'; colour: string; dash?: string; width?: number }
	| { kind: 'swatch'; colour: string; outline?: string };

/** Shapes of the point symbols the charts draw. */
export type SymbolShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'triangle-down' | 'cross' | 'star';

/** One legend entry. */
export interface LegendItem {
	label: string;
	mark: LegendMark;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** SVG path of a symbol centred on (0, 0) with radius about r. */
export function symbolPath(shape: SymbolShape, r: number): string {
	const t = r * 1.2;
	switch (shape) {
		case 'square':
			return `M${-r},${-r}H${r}V${r}H${-r}Z`;
		case 'diamond':
			return `M0,${-t}L${t},0L0,${t}L${-t},0Z`;
		case 'triangle':
			return `M0,${-t}L${t},${t * 0.75}L${-t},${t * 0.75}Z`;
		case 'triangle-down':
			return `M0,${t}L${t},${-t * 0.75}L${-t},${-t * 0.75}Z`;
		case 'cross': {
			const w = r * 0.4;
			return `M${-w},${-t}H${w}V${-w}H${t}V${w}H${w}V${t}H${-w}V${w}H${-t}V${-w}H${-w}Z`;
		}
		case 'star': {
			const points = Array.from({ length: 10 }, (_, i) => {
				const a = (Math.PI / 5) * i - Math.PI / 2;
				const radius = i % 2 === 0 ? t : t * 0.45;
				return `${(radius * Math.cos(a)).toFixed(2)},${(radius * Math.sin(a)).toFixed(2)}`;
			});
			return `M${points.join('L')}Z`;
		}
		default:
			return `M${r},0A${r},${r} 0 1,1 ${-r},0A${r},${r} 0 1,1 ${r},0Z`;
	}
}

/** A legend as a wrapping row of entries (decorative marks hidden from screen readers; the words are read). */
export function legend(items: readonly LegendItem[]): HTMLElement {
	const list = document.createElement('ul');
	list.className = 'chart-legend';
	list.style.cssText = 'list-style:none;display:flex;flex-wrap:wrap;gap:0.25rem 1rem;margin:0 0 0.5rem;padding:0;font-size:0.9rem';
	for (const item of items) {
		const li = document.createElement('li');
		li.style.cssText = 'display:flex;align-items:center;gap:0.35rem';
		li.append(markSvg(item.mark), document.createTextNode(item.label));
		list.append(li);
	}
	return list;
}

/** Wrap a legend and a Plot drawing in one element for Chart.svelte. */
export function withLegend(items: readonly LegendItem[], drawing: SVGSVGElement | HTMLElement): HTMLElement {
	const wrap = document.createElement('div');
	wrap.append(legend(items), drawing);
	return wrap;
}

function markSvg(mark: LegendMark): SVGSVGElement {
	const svg = document.createElementNS(SVG_NS, 'svg');
	svg.setAttribute('width', mark.kind === 'line' ? '28' : '16');
	svg.setAttribute('height', '16');
	svg.setAttribute('aria-hidden', 'true');
	if (mark.kind === 'line') {
		const line = document.createElementNS(SVG_NS, 'line');
		line.setAttribute('x1', '1');
		line.setAttribute('x2', '27');
		line.setAttribute('y1', '8');
		line.setAttribute('y2', '8');
		line.setAttribute('stroke', mark.colour);
		line.setAttribute('stroke-width', String(mark.width ?? 2));
		if (mark.dash) line.setAttribute('stroke-dasharray', mark.dash);
		svg.append(line);
	} else if (mark.kind === 'swatch') {
		const rect = document.createElementNS(SVG_NS, 'rect');
		rect.setAttribute('x', '1');
		rect.setAttribute('y', '1');
		rect.setAttribute('width', '14');
		rect.setAttribute('height', '14');
		rect.setAttribute('fill', mark.colour);
		if (mark.outline) rect.setAttribute('stroke', mark.outline);
		svg.append(rect);
	} else {
		const path = document.createElementNS(SVG_NS, 'path');
		path.setAttribute('d', symbolPath(mark.shape, 5));
		path.setAttribute('transform', 'translate(8,8)');
		path.setAttribute('fill', mark.hollow ? '#ffffff' : mark.colour);
		path.setAttribute('stroke', mark.colour);
		path.setAttribute('stroke-width', mark.hollow ? '2' : '1');
		svg.append(path);
	}
	return svg;
}
