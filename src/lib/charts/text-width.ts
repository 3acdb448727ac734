/**
 * Width of a label in Arial, estimated from character classes, so chart margins fit names such as
 * 'MARSHMERE DEMO PCN' (ODS names are upper case, about 40% wider than lower case).
 */

/** Approximate advance widths in em of Arial, by character class. */
const EM = { upper: 0.69, lower: 0.54, digit: 0.56, space: 0.28, narrow: 0.28, other: 0.6 } as const;

/** Estimated width in px of `text` at `fontSize` px in Arial. */
export function labelWidth(text: string, fontSize = 13): number {
	let em = 0;
	for (const ch of text) {
		if (ch === ' ') em += EM.space;
		else if ('iljtfrI.,:;()\'!|'.includes(ch)) em += EM.narrow;
		else if (/[0-9]/.test(ch)) em += EM.digit;
		else if (/[A-Z]/.test(ch)) em += ch === 'M' || ch === 'W' ? 0.83 : EM.upper;
		else if (/[a-z]/.test(ch)) em += ch === 'm' || ch === 'w' ? 0.8 : EM.lower;
		else em += EM.other;
	}
	return em * fontSize;
}

/** Words kept in capitals when a name in capitals is shortened for a narrow chart. */
const ACRONYMS = new Set(['PCN', 'ICB', 'NHS', 'GP', 'IMD', 'UK', 'CCG', 'ONS4', 'WEMWBS', 'SWEMWBS']);

/**
 * Labels that fit in `maxPx` for a narrow chart: names in capitals (as ODS writes them) are
 * put in title case first, then anything still too wide is cut with '…'. Returns the names
 * unchanged when they fit, or when shortening would make two of them the same.
 */
export function fitLabels(names: readonly string[], maxPx: number, fontSize = 13): string[] {
	if (names.every((n) => labelWidth(n, fontSize) <= maxPx)) return [...names];
	const fitted = names.map((name) => {
		let label = name;
		if (labelWidth(label, fontSize) > maxPx && label === label.toUpperCase()) {
			label = label.replace(/[A-Z0-9]+/g, (w) => (ACRONYMS.has(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()));
		}
		while (labelWidth(label, fontSize) > maxPx && label.length > 4) label = `${label.slice(0, -2).trimEnd()}…`;
		return label;
	});
	return new Set(fitted).size === fitted.length ? fitted : [...names];
}
