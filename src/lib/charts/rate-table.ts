/**
 * The table behind a referral-rate chart (PCNs on the Overview, practices on Referrals and
 * equity): the area's own columns, then referrals, registered patients, the rate per 1,000 and its
 * 95% interval.
 */
import type { DisclosedValue } from '../metrics/index.js';
import { disclosedCell, numberCell, type Cell, type FigureTable } from './table.js';

/** What a rate row carries (figures/overview.ts PcnRate, figures/referral-volume.ts PracticeRate). */
export interface RateRow {
	referrals: DisclosedValue;
	patients: number | null;
	rate: DisclosedValue;
	interval: { lower: number; upper: number } | null;
}

/** A rate table with `areas` as its first columns (label and cell per row). */
export function rateTable<R extends RateRow>(caption: string, areas: readonly { label: string; cell: (row: R) => Cell }[], rows: readonly R[]): FigureTable {
	return {
		caption,
		columns: [
			...areas.map((a) => ({ label: a.label })),
			{ label: 'Referrals', numeric: true },
			{ label: 'Registered patients', numeric: true },
			{ label: 'Rate per 1,000', numeric: true },
			{ label: '95% lower', numeric: true },
			{ label: '95% upper', numeric: true }
		],
		rows: rows.map((r) => [
			...areas.map((a) => a.cell(r)),
			disclosedCell(r.referrals),
			numberCell(r.patients),
			disclosedCell(r.rate, 1),
			numberCell(r.interval?.lower ?? null, 1),
			numberCell(r.interval?.upper ?? null, 1)
		])
	};
}
