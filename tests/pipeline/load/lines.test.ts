import { describe, expect, it } from 'vitest';
import { LineMap } from '../../../data-pipeline/src/load/lines.js';

describe('LineMap', () => {
	it('without anchors or rejects, row n is on line n + 2', () => {
		const m = new LineMap([], []);
		expect([0, 1, 9].map((r) => m.lineOfRow(r))).toEqual([2, 3, 11]);
		expect(m.lineOfDuckLine(5)).toBe(5);
	});

	it('anchors move later records; rows skip records DuckDB rejected', () => {
		// Records: 0 on line 2; 1 on line 4 (after a blank line); 2 spans lines 5-6; 3 on line 7 (anchor).
		const m = new LineMap(
			[
				{ rec: 1, dline: 4, pline: 4 },
				{ rec: 3, dline: 6, pline: 7 }
			],
			[5] // DuckDB line 5 = record 2 could not be split
		);
		expect(m.lineOfDuckLine(5)).toBe(5);
		expect([0, 1, 2, 3].map((r) => m.lineOfRow(r))).toEqual([2, 4, 7, 8]);
		expect(m.lineOfRecord(2)).toBe(5);
	});
});
