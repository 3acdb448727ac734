/** Turn DuckDB's view of a file (row positions, rejected DuckDB lines) into the lines a person sees. */
import type { Anchor } from './scan-file.js';

/** Maps positions between DuckDB rows, records and physical lines for one file. */
export class LineMap {
	private readonly rejectRecs: number[];

	/**
	 * @param anchors from `scanFile`
	 * @param structuralRejectLines DuckDB `line` values of rows its CSV reader rejected
	 */
	constructor(
		private readonly anchors: readonly Anchor[],
		structuralRejectLines: readonly number[]
	) {
		this.rejectRecs = structuralRejectLines.map((l) => this.recordOfDuckLine(l)).sort((a, b) => a - b);
	}

	/** Physical line (1-based, header = 1) where the record at 0-based index `rec` starts. */
	lineOfRecord(rec: number): number {
		const a = this.anchorFor(rec, (x) => x.rec);
		return a ? a.pline + (rec - a.rec) : rec + 2;
	}

	/** Physical line of a row DuckDB's reader rejected, from its DuckDB line. */
	lineOfDuckLine(dline: number): number {
		return this.lineOfRecord(this.recordOfDuckLine(dline));
	}

	/** Physical line of the DuckDB row with 0-based position `row` among the rows it read. */
	lineOfRow(row: number): number {
		// Rows skip the records DuckDB rejected: reject j (sorted) has rejectRecs[j] - j rows before it.
		let rec = row;
		for (let j = 0; j < this.rejectRecs.length; j++) {
			if (this.rejectRecs[j]! - j <= row) rec += 1;
			else break;
		}
		return this.lineOfRecord(rec);
	}

	private recordOfDuckLine(dline: number): number {
		const a = this.anchorFor(dline, (x) => x.dline);
		return a ? a.rec + (dline - a.dline) : dline - 2;
	}

	private anchorFor(value: number, key: (a: Anchor) => number): Anchor | undefined {
		let lo = 0;
		let hi = this.anchors.length - 1;
		let found: Anchor | undefined;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const a = this.anchors[mid]!;
			if (key(a) <= value) {
				found = a;
				lo = mid + 1;
			} else hi = mid - 1;
		}
		return found;
	}
}
