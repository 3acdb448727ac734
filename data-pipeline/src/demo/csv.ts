/** RFC 4180 helpers: quoting fields on the way out and reading records (with their raw text) in. */

const NEEDS_QUOTES = /[",\r\n]/;

/** A field as RFC 4180 writes it: quoted only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
	return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record of a CSV text: its fields and the exact text it was read from. */
export interface CsvRecord {
	fields: string[];
	raw: string;
}

/**
 * Read every record of an RFC 4180 text (LF or CRLF, quoted fields with commas, quotes and
 * line breaks). The raw text is kept so a record can be copied out byte for byte.
 */
export function readCsv(text: string): CsvRecord[] {
	const records: CsvRecord[] = [];
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	let i = 0;
	while (i < body.length) {
		const start = i;
		const fields: string[] = [];
		let field = '';
		let quoted = false;
		for (;;) {
			const ch = body[i];
			if (quoted) {
				if (ch === undefined) throw new Error('CSV ends inside a quoted field');
				if (ch === '"') {
					if (body[i + 1] === '"') {
						field += '"';
						i += 2;
					} else {
						quoted = false;
						i++;
					}
				} else {
					field += ch;
					i++;
				}
			} else if (ch === '"' && field === '') {
				quoted = true;
				i++;
			} else if (ch === ',') {
				fields.push(field);
				field = '';
				i++;
			} else if (ch === '\n' || ch === '\r' || ch === undefined) {
				fields.push(field);
				const end = i;
				if (ch === '\r' && body[i + 1] === '\n') i += 2;
				else if (ch !== undefined) i++;
				records.push({ fields, raw: body.slice(start, end) });
				break;
			} else {
				field += ch;
				i++;
			}
		}
	}
	return records;
}
