/**
 * Dates as integers: a day is days since 1970-01-01 (UTC) and a month is year * 12 + month - 1.
 * The hot loops work on these integers and turn them into text through lookup tables, which
 * is what keeps tens of millions of rows cheap.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of an ISO date `YYYY-MM-DD`. */
export function dayOf(iso: string): number {
	return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** UK date `DD/MM/YYYY` of a day number, the other format the contract accepts. */
export function ukDate(day: number): string {
	const iso = isoDate(day);
	return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Month number of a day number. */
export function monthOfDay(day: number): number {
	const d = new Date(day * MS_PER_DAY);
	return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Month number of `YYYY-MM`. */
export function monthOf(text: string): number {
	return Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;
}

/** `YYYY-MM` of a month number. */
export function monthText(month: number): string {
	return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** Day number of the first day of a month number. */
export function firstDayOfMonth(month: number): number {
	return Math.round(Date.UTC(Math.floor(month / 12), month % 12, 1) / MS_PER_DAY);
}

/** Days in a month number. */
export function daysInMonth(month: number): number {
	return firstDayOfMonth(month + 1) - firstDayOfMonth(month);
}

/** Day of week of a day number, 0 = Monday .. 6 = Sunday. */
export function weekday(day: number): number {
	// 1970-01-01 was a Thursday.
	return (((day + 3) % 7) + 7) % 7;
}

/** ISO date text for every day of a range, so hot loops index instead of formatting. */
export class DateTable {
	private readonly iso: string[] = [];
	private readonly uk: string[] = [];

	/** Precompute the texts of days first..last. */
	constructor(
		readonly first: number,
		readonly last: number
	) {
		for (let d = first; d <= last; d++) {
			this.iso.push(isoDate(d));
			this.uk.push(ukDate(d));
		}
	}

	/** `YYYY-MM-DD` of a day inside the table's range (formatted on the fly outside it). */
	isoOf(day: number): string {
		return this.iso[day - this.first] ?? isoDate(day);
	}

	/** `DD/MM/YYYY` of a day inside the table's range (formatted on the fly outside it). */
	ukOf(day: number): string {
		return this.uk[day - this.first] ?? ukDate(day);
	}
}
