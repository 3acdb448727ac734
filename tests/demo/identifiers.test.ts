import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES, IDENTIFIER_COLUMN_NAMES } from '../../src/lib/schema/index.js';
import { decode, generated, readTable } from './helpers.js';

// A 10-digit number, optionally spaced 3-3-4 (any such number, not only those passing modulus 11).
const TEN_DIGITS = /(?<![0-9])[0-9]{3} ?[0-9]{3} ?[0-9]{4}(?![0-9])/;
// A full UK postcode: outward code, optional space, inward code.
const POSTCODE = /(?<![A-Z0-9])[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}(?![A-Z0-9])/i;

describe('identifiers never appear in a demo delivery', () => {
	it('the patterns catch what they are meant to', () => {
		expect(TEN_DIGITS.test('x,943 476 5919,y')).toBe(true);
		expect(TEN_DIGITS.test('9434765919')).toBe(true);
		expect(POSTCODE.test('Mayfield,ST3 4DW,')).toBe(true);
		expect(POSTCODE.test('TS181HU')).toBe(true);
		expect(TEN_DIGITS.test('R-000001,2023-04-01')).toBe(false);
	});

	for (const dirty of [false, true]) {
		it(`no column name or value looks like an identifier (${dirty ? 'dirty' : 'clean'})`, async () => {
			const dir = await generated({ referrals: 5000, seed: 5, dirty });
			for (const spec of FILES) {
				const table = readTable(join(dir, spec.file));
				for (const name of table.header) expect(IDENTIFIER_COLUMN_NAMES as readonly string[]).not.toContain(name.trim().toLowerCase());
				const { text } = decode(readFileSync(join(dir, spec.file)));
				expect(TEN_DIGITS.exec(text)?.[0], spec.file).toBeUndefined();
				expect(POSTCODE.exec(text)?.[0], spec.file).toBeUndefined();
			}
		});
	}
});
