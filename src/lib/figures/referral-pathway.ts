/**
 * Figures of what happens after referral: the path to completion, days to first contact,
 * signposting and attendance, link worker FTE and contacts per FTE. Disclosure first, then
 * shares from rounded counts; quantiles of 1-7 people suppressed.
 */
import { contactsPerFte, disclose, discloseCount, suppressHierarchy, type DisclosedValue } from '../metrics/index.js';
import { DAYS_BIN_WIDTH, DAYS_LAST_BIN, type SignpostingGroup } from '../queries/referrals-equity.js';
import { categoryLabel } from './labels.js';
import { count, num, text, type Row } from './rows.js';

/** One step of the referral path. */
export interface PathwayStep {
	key: 'referred' | 'accepted' | 'first_contact' | 'completed';
	name: string;
	count: DisclosedValue;
	/** Percentage of referrals, from the rounded counts. */
	percent: DisclosedValue;
}

/** The path referred -> accepted -> first contact -> completed from the referralPathway row. */
export function pathway(row: Row | undefined): PathwayStep[] {
	const referred = count(row, 'referred');
	const step = (key: PathwayStep['key'], name: string): PathwayStep => {
		const n = count(row, key);
		return { key, name, count: discloseCount(n), percent: disclose({ kind: 'percentage', numerator: n, denominator: referred }) };
	};
	return [step('referred', 'Referred'), step('accepted', 'Accepted'), step('first_contact', 'First contact'), step('completed', 'Completed')];
}

/** Days to first contact: quartiles and weekly bins, as shown. */
export interface WaitingTimes {
	n: DisclosedValue;
	p25: DisclosedValue;
	median: DisclosedValue;
	p75: DisclosedValue;
	bins: { name: string; referrals: DisclosedValue }[];
}

/** Label of a weekly bin: '0-6', ..., '56+'. */
export function binLabel(bin: number): string {
	const from = bin * DAYS_BIN_WIDTH;
	return bin >= DAYS_LAST_BIN ? `${from}+` : `${from}-${from + DAYS_BIN_WIDTH - 1}`;
}

/** Waiting times from the firstContactDaysSummary row and firstContactDaysBins rows; bins under their total with secondary suppression. */
export function waitingTimes(summary: Row | undefined, binRows: Row[]): WaitingTimes {
	const n = count(summary, 'n');
	const quantile = (key: string) => disclose({ kind: 'median', value: num(summary, key), n });
	const counts = Array.from({ length: DAYS_LAST_BIN + 1 }, (_, b) => count(binRows.find((r) => count(r, 'bin') === b), 'referrals'));
	const cells = suppressHierarchy([{ id: 'n', parent_id: null, value: counts.reduce((s, c) => s + c, 0) }, ...counts.map((value, b) => ({ id: `b${b}`, parent_id: 'n', value }))]);
	return {
		n: discloseCount(n),
		p25: quantile('p25'),
		median: quantile('median'),
		p75: quantile('p75'),
		bins: counts.map((_, b) => {
			const c = cells.find((x) => x.id === `b${b}`)!;
			return { name: binLabel(b), referrals: { value: c.shown, suppressed: c.suppressed } };
		})
	};
}

/** One activity (or provider type) and what became of its signposts. */
export interface SignpostRow {
	name: string;
	signposted: DisclosedValue;
	attended: DisclosedValue;
	notAttended: DisclosedValue;
	unknown: DisclosedValue;
	notRecorded: DisclosedValue;
	/** Attended as a percentage of signposted, from rounded counts. */
	percentAttended: number | null;
}

const ATTENDANCE = ['yes', 'no', 'unknown', null] as const;

/**
 * Signposting from signpostingAttendance rows, largest first. Hierarchy: all signposts ->
 * each category -> its attendance cells, with secondary suppression.
 */
export function signposting(rows: Row[], by: SignpostingGroup): SignpostRow[] {
	const categories = [...new Set(rows.map((r) => text(r, 'category')))];
	const cell = (c: string | null, a: string | null) => count(rows.find((r) => text(r, 'category') === c && text(r, 'attended') === a), 'signposts');
	const totals = categories.map((c) => ATTENDANCE.reduce((s, a) => s + cell(c, a), 0));
	const cells = suppressHierarchy([
		{ id: 'all', parent_id: null, value: totals.reduce((s, t) => s + t, 0) },
		...categories.flatMap((c, i) => [
			{ id: `c${i}`, parent_id: 'all', value: totals[i]! },
			...ATTENDANCE.map((a) => ({ id: `c${i}:${a}`, parent_id: `c${i}`, value: cell(c, a) }))
		])
	]);
	const shown = (id: string): DisclosedValue => {
		const x = cells.find((y) => y.id === id)!;
		return { value: x.shown, suppressed: x.suppressed };
	};
	return categories
		.map((c, i) => {
			const signposted = shown(`c${i}`);
			const attended = shown(`c${i}:yes`);
			return {
				name: categoryLabel(by === 'activity' ? 'activity' : 'provider_type', c),
				signposted,
				attended,
				notAttended: shown(`c${i}:no`),
				unknown: shown(`c${i}:unknown`),
				notRecorded: shown(`c${i}:null`),
				percentAttended: attended.value !== null && signposted.value ? (100 * attended.value) / signposted.value : null,
				total: totals[i]!
			};
		})
		.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
		.map(({ total: _total, ...row }) => row);
}

/** One PCN's link workers and contacts over the period. */
export interface PcnWorkforce {
	code: string;
	name: string;
	/** FTE per month of the period (null where none was recorded). */
	fte: (number | null)[];
	/** Mean FTE over the period's months (months without a record count as 0). */
	meanFte: number;
	contacts: DisclosedValue;
	/** Contacts per FTE per month: rounded contacts / sum of monthly FTE. */
	perFte: number | null;
}

/**
 * Workforce per PCN from workforceByPcnMonth and contactsByPcnMonth rows, for every PCN given
 * (those with no records too), contacts under their total with secondary suppression.
 */
export function workforce(fteRows: Row[], contactRows: Row[], pcns: { code: string; name: string }[], months: string[]): { pcns: PcnWorkforce[]; contacts: DisclosedValue; perFte: number | null } {
	const contacts = pcns.map((p) => contactRows.filter((r) => text(r, 'pcn_code') === p.code && months.includes(text(r, 'month') ?? '')).reduce((s, r) => s + count(r, 'contacts'), 0));
	const cells = suppressHierarchy([{ id: 'all', parent_id: null, value: contacts.reduce((s, c) => s + c, 0) }, ...contacts.map((value, i) => ({ id: `p${i}`, parent_id: 'all', value }))]);
	const shown = (id: string): DisclosedValue => {
		const x = cells.find((y) => y.id === id)!;
		return { value: x.shown, suppressed: x.suppressed };
	};
	let fteMonthsAll = 0;
	const rows = pcns.map((p, i): PcnWorkforce => {
		const fte = months.map((m) => num(fteRows.find((r) => text(r, 'pcn_code') === p.code && text(r, 'month') === m), 'fte'));
		const fteMonths = fte.reduce<number>((s, v) => s + (v ?? 0), 0);
		fteMonthsAll += fteMonths;
		const c = shown(`p${i}`);
		return { code: p.code, name: p.name, fte, meanFte: fteMonths / months.length, contacts: c, perFte: c.value === null ? null : contactsPerFte(c.value, fteMonths) };
	});
	const total = shown('all');
	return { pcns: rows, contacts: total, perFte: total.value === null ? null : contactsPerFte(total.value, fteMonthsAll) };
}
