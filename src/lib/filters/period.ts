/**
 * Reporting periods: an NHS financial year (April-March), one quarter of it, or a range of
 * calendar months. Pure, so the pipeline (first-view figures) and the app share it.
 */

/** A reporting period as the filters hold it. */
export type Period =
	| { kind: 'year'; year: string }
	| { kind: 'quarter'; year: string; quarter: 1 | 2 | 3 | 4 }
	| { kind: 'months'; from: string; to: string };

/** First and last month (inclusive) of a period, as 'YYYY-MM'. */
export interface MonthRange {
	from: string;
	to: string;
}

const YEAR = /^(\d{4})\/(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The financial year's starting calendar year: '2024/25' -> 2024; null when malformed. */
export function financialYearStart(year: string): number | null {
	const m = YEAR.exec(year);
	if (!m) return null;
	const start = Number(m[1]);
	return (start + 1) % 100 === Number(m[2]) ? start : null;
}

/** The label of the financial year starting in April of `start`: 2024 -> '2024/25'. */
export function financialYearLabel(start: number): string {
	return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The financial year a month ('YYYY-MM') falls in. */
export function financialYearOfMonth(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return financialYearLabel(m >= 4 ? y : y - 1);
}

/** 'YYYY-MM' of a month `offset` months after `month`. */
export function addMonths(month: string, offset: number): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const index = y * 12 + (m - 1) + offset;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whether `month` is a valid 'YYYY-MM'. */
export function isMonth(month: string): boolean {
	return MONTH.test(month);
}

/** The months a period covers. */
export function periodMonths(period: Period): MonthRange {
	if (period.kind === 'months') return { from: period.from, to: period.to };
	const start = financialYearStart(period.year);
	if (start === null) throw new Error(`Not a financial year: ${period.year}`);
	const april = `${start}-04`;
	if (period.kind === 'year') return { from: april, to: addMonths(april, 11) };
	const from = addMonths(april, (period.quarter - 1) * 3);
	return { from, to: addMonths(from, 2) };
}

/**
 * The latest financial year whose every month the data reaches: if the latest data month is
 * March, its own year; otherwise the year before. Null when the data has no complete year
 * (the caller then shows the latest year, labelled incomplete).
 */
export function latestCompleteFinancialYear(latestMonth: string, earliestMonth: string): string | null {
	const year = financialYearOfMonth(latestMonth);
	const start = financialYearStart(year)!;
	const complete = latestMonth.endsWith('-03') ? start : start - 1;
	// Complete also means the data starts by that year's April.
	return `${complete}-04` >= earliestMonth ? financialYearLabel(complete) : null;
}

/** Plain-English label: '2024/25', 'Q2 2024/25 (Jul-Sep 2024)', 'Apr 2024 to Jun 2025'. */
export function describePeriod(period: Period): string {
	if (period.kind === 'year') return `financial year ${period.year}`;
	const { from, to } = periodMonths(period);
	if (period.kind === 'quarter') return `Q${period.quarter} ${period.year} (${monthName(from)} to ${monthName(to)})`;
	return from === to ? monthName(from) : `${monthName(from)} to ${monthName(to)}`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM' -> 'Apr 2024'. */
export function monthName(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return `${MONTH_NAMES[m - 1]} ${y}`;
}
