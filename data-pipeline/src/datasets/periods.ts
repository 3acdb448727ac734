/**
 * Periods of the datasets: NHS financial years (April-March), their quarters and months, with
 * labels, ISO start and end dates, and the periods each one adds up from.
 */
import type { PeriodType } from '../../../src/lib/schema/index.js';

/** One period. */
export interface Period {
	type: PeriodType;
	/** '2024/25', '2024/25 Q1' or '2024-04'. */
	label: string;
	start: string;
	end: string;
	key: string;
	/** Quarters of a year, months of a quarter, within the range published (outside it counts are 0). */
	parts: Period[];
}

/** Financial year label of a month 'YYYY-MM', e.g. '2024-03' -> '2023/24'. */
export function financialYear(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const start = m >= 4 ? y : y - 1;
	return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Quarter label of a month, e.g. '2024-04' -> '2024/25 Q1'. */
export function quarterLabel(month: string): string {
	const m = Number(month.slice(5, 7));
	return `${financialYear(month)} Q${Math.floor(((m + 8) % 12) / 3) + 1}`;
}

/** Every month from `first` to `last` ('YYYY-MM'), with their quarters and financial years; empty when first is null. */
export function periodsBetween(first: string | null, last: string | null): Period[] {
	if (first === null || last === null) return [];
	const months: Period[] = [];
	for (let m = first; m <= last; m = nextMonth(m)) months.push(period('month', m, `${m}-01`, lastDay(m)));
	const quarters = new Map<string, Period>();
	const years = new Map<string, Period>();
	for (const month of months) {
		const fy = financialYear(month.label);
		const fyStart = Number(fy.slice(0, 4));
		const q = quarterLabel(month.label);
		if (!years.has(fy)) years.set(fy, period('financial_year', fy, `${fyStart}-04-01`, `${fyStart + 1}-03-31`));
		if (!quarters.has(q)) {
			const qn = Number(q.slice(-1));
			const startMonth = addMonths(`${fyStart}-04`, 3 * (qn - 1));
			const p = period('quarter', q, `${startMonth}-01`, lastDay(addMonths(startMonth, 2)));
			quarters.set(q, p);
			years.get(fy)!.parts.push(p);
		}
		quarters.get(q)!.parts.push(month);
	}
	return [...years.values(), ...quarters.values(), ...months];
}

function period(type: PeriodType, label: string, start: string, end: string): Period {
	return { type, label, start, end, key: `${type}:${label}`, parts: [] };
}

function nextMonth(m: string): string {
	return addMonths(m, 1);
}

function addMonths(m: string, n: number): string {
	const [y, mm] = m.split('-').map(Number) as [number, number];
	const t = y * 12 + (mm - 1) + n;
	return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

function lastDay(m: string): string {
	const [y, mm] = m.split('-').map(Number) as [number, number];
	const days = new Date(Date.UTC(y, mm, 0)).getUTCDate();
	return `${m}-${String(days).padStart(2, '0')}`;
}
