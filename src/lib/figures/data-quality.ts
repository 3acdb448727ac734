/**
 * The Data quality page's figures from its query results: how far each practice's data lag the
 * ICB's latest month, and how often optional fields are recorded, with NHS Digital disclosure
 * control (primary and secondary suppression of practice referral counts, percentages from
 * rounded figures). Pure, so tests run it on node DuckDB's results.
 */
import { disclose, discloseCount, suppressHierarchy, type DisclosedValue } from '../metrics/index.js';
import { LATEST_SOURCES, recordedKey, type LatestSource } from '../queries/data-quality.js';
import type { CompletenessField } from '../schema/completeness.js';
import { count, text, type Row } from './rows.js';

/** The area the page shows: an ICB, a PCN within it, or everything (null codes). */
export interface Area {
	icb: string | null;
	pcn: string | null;
}

const inArea = (row: Row, area: Area) => (!area.icb || text(row, 'icb_code') === area.icb) && (!area.pcn || text(row, 'pcn_code') === area.pcn);

/** Names of the latest-month sources. */
export const SOURCE_LABELS: Record<LatestSource, string> = {
	referrals: 'Referrals',
	contacts: 'Contacts',
	wellbeing: 'Wellbeing scores',
	gp: 'GP records'
};

/** One source's latest month at a practice. */
export interface SourceMonth {
	/** 'YYYY-MM', null when the practice has none. */
	month: string | null;
	/** Months before the ICB's latest month; 0 = up to date; null when either has none. */
	behind: number | null;
}

/** One practice's latest months. */
export interface PracticeLatest {
	icb: string;
	pcn: string;
	pcnName: string;
	code: string;
	name: string;
	sources: Record<LatestSource, SourceMonth>;
}

/** Months from `from` to `to` ('YYYY-MM'); negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
	const [fy, fm] = from.split('-').map(Number) as [number, number];
	const [ty, tm] = to.split('-').map(Number) as [number, number];
	return (ty - fy) * 12 + (tm - fm);
}

/** "up to date", "1 month behind", "3 months behind". */
export function lagText(behind: number): string {
	return behind <= 0 ? 'up to date' : `${behind} month${behind === 1 ? '' : 's'} behind`;
}

/** The latest month of each source across the practices of each ICB (rows of latestDataMonths). */
export function icbLatest(rows: Row[]): Map<string, Record<LatestSource, string | null>> {
	const out = new Map<string, Record<LatestSource, string | null>>();
	for (const row of rows) {
		const icb = text(row, 'icb_code') ?? '';
		const latest = out.get(icb) ?? { referrals: null, contacts: null, wellbeing: null, gp: null };
		for (const source of LATEST_SOURCES) {
			const month = text(row, source);
			if (month !== null && (latest[source] === null || month > latest[source]!)) latest[source] = month;
		}
		out.set(icb, latest);
	}
	return out;
}

/**
 * The latest month per source that the area's practices are measured against: its ICB's (the
 * ICB of the PCN when a PCN is chosen), or the latest of every ICB when none is chosen.
 */
export function areaLatest(rows: Row[], area: Area): Record<LatestSource, string | null> {
	const icbs = icbLatest(rows);
	const icb = area.icb ?? (area.pcn ? text(rows.find((r) => text(r, 'pcn_code') === area.pcn), 'icb_code') : null);
	if (icb !== null) return icbs.get(icb) ?? { referrals: null, contacts: null, wellbeing: null, gp: null };
	return icbLatest(rows.map((r) => ({ ...r, icb_code: '' }))).get('') ?? { referrals: null, contacts: null, wellbeing: null, gp: null };
}

/**
 * Each practice of the area with its latest month per source and how far that lags its ICB's
 * latest month (computed over every practice of the ICB, whatever the area).
 */
export function practiceLatest(rows: Row[], area: Area): PracticeLatest[] {
	const icbs = icbLatest(rows);
	return rows
		.filter((row) => inArea(row, area))
		.map((row) => {
			const icb = text(row, 'icb_code') ?? '';
			const latest = icbs.get(icb)!;
			const sources = Object.fromEntries(
				LATEST_SOURCES.map((source) => {
					const month = text(row, source);
					const top = latest[source];
					return [source, { month, behind: month !== null && top !== null ? monthsBetween(month, top) : null }];
				})
			) as Record<LatestSource, SourceMonth>;
			return {
				icb,
				pcn: text(row, 'pcn_code') ?? '',
				pcnName: text(row, 'pcn_name') ?? text(row, 'pcn_code') ?? '',
				code: text(row, 'practice_code') ?? '',
				name: text(row, 'practice_name') ?? text(row, 'practice_code') ?? '',
				sources
			};
		});
}

/** Practices whose latest month of `source` lags the ICB's, and those with none while the ICB has some. */
export function laggingPractices(practices: PracticeLatest[], source: LatestSource): { behind: PracticeLatest[]; none: PracticeLatest[] } {
	return {
		behind: practices.filter((p) => (p.sources[source].behind ?? 0) > 0),
		none: practices.filter((p) => p.sources[source].month === null)
	};
}

/** A field's share recorded over an area. */
export interface FieldShare {
	field: CompletenessField;
	recorded: DisclosedValue;
	/** Rows the share is of (the field's base). */
	base: DisclosedValue;
	/** Percentage recorded, from the rounded counts. */
	percent: DisclosedValue;
}

/** One practice's completeness. */
export interface PracticeCompleteness {
	code: string;
	name: string;
	pcn: string;
	/** Referrals at the practice after primary and secondary suppression. */
	referrals: DisclosedValue;
	/** Percentage recorded per field, in field order. */
	percents: DisclosedValue[];
}

const baseKey = (field: CompletenessField) => (field.base === 'all' ? 'referrals' : field.base);

/**
 * Referral counts over ICB -> PCN -> practice with primary and secondary suppression, so a hidden
 * practice cannot be recovered from its PCN's or ICB's total (shown on this and other pages).
 */
function referralHierarchy(rows: Row[]) {
	const cells = new Map<string, { id: string; parent_id: string | null; value: number }>();
	const add = (id: string, parent: string | null, value: number) => {
		const cell = cells.get(id) ?? { id, parent_id: parent, value: 0 };
		cell.value += value;
		cells.set(id, cell);
	};
	for (const row of rows) {
		const icb = `icb:${text(row, 'icb_code')}`;
		const pcn = `pcn:${text(row, 'icb_code')}:${text(row, 'pcn_code')}`;
		const n = count(row, 'referrals');
		add(icb, null, n);
		add(pcn, icb, n);
		add(`practice:${text(row, 'practice_code')}`, pcn, n);
	}
	const shown = new Map(suppressHierarchy([...cells.values()]).map((c) => [c.id, { value: c.shown, suppressed: c.suppressed } as DisclosedValue]));
	return {
		practice: (row: Row) => shown.get(`practice:${text(row, 'practice_code')}`)!,
		area: (area: Area, rows: Row[]): DisclosedValue => {
			if (area.pcn) {
				// A PCN can span two ICBs (U41591): with no ICB chosen, its parts are added, then rounded.
				const icbs = [...new Set(rows.filter((r) => text(r, 'pcn_code') === area.pcn && (!area.icb || text(r, 'icb_code') === area.icb)).map((r) => text(r, 'icb_code')))];
				if (icbs.length === 1) return shown.get(`pcn:${icbs[0]}:${area.pcn}`)!;
				return disclose({ kind: 'total', parts: rows.filter((r) => inArea(r, area)).map((r) => count(r, 'referrals')) });
			}
			if (area.icb) return shown.get(`icb:${area.icb}`) ?? { value: 0, suppressed: null };
			return disclose({ kind: 'total', parts: rows.map((r) => count(r, 'referrals')) });
		}
	};
}

/** A percentage of rounded counts, hidden (as the count it rests on) when the referral count is hidden. */
function share(recorded: number, base: number, referrals: DisclosedValue): DisclosedValue {
	if (referrals.value === null) return { value: null, suppressed: referrals.suppressed };
	return disclose({ kind: 'percentage', numerator: recorded, denominator: base });
}

/** Completeness of each field per practice of the area (rows of referralCompleteness for the whole ICB). */
export function completenessByPractice(rows: Row[], fields: readonly CompletenessField[], area: Area): PracticeCompleteness[] {
	const hierarchy = referralHierarchy(rows);
	return rows
		.filter((row) => inArea(row, area))
		.map((row) => {
			const referrals = hierarchy.practice(row);
			return {
				code: text(row, 'practice_code') ?? '',
				name: text(row, 'practice_name') ?? text(row, 'practice_code') ?? '',
				pcn: text(row, 'pcn_code') ?? '',
				referrals,
				percents: fields.map((f) => share(count(row, recordedKey(f)), count(row, baseKey(f)), referrals))
			};
		});
}

/** Completeness of each referral field over the whole area (sums of the practice rows, then disclosure). */
export function referralCompletenessOverall(rows: Row[], fields: readonly CompletenessField[], area: Area): { referrals: DisclosedValue; shares: FieldShare[] } {
	const hierarchy = referralHierarchy(rows);
	const mine = rows.filter((row) => inArea(row, area));
	const referrals = hierarchy.area(area, rows);
	const sum = (key: string) => mine.reduce((s, r) => s + count(r, key), 0);
	return {
		referrals,
		shares: fields.map((f) => {
			const recorded = sum(recordedKey(f));
			const base = sum(baseKey(f));
			return { field: f, recorded: discloseCount(recorded), base: f.base === 'all' ? referrals : discloseCount(base), percent: share(recorded, base, referrals) };
		})
	};
}

/** Completeness of contact or signposting fields over the area (the one row of activityCompleteness). */
export function activityCompletenessShares(row: Row | undefined, fields: readonly CompletenessField[]): { rows: DisclosedValue; shares: FieldShare[] } {
	const n = count(row, 'rows');
	const rows = discloseCount(n);
	return {
		rows,
		shares: fields.map((f) => {
			const recorded = count(row, recordedKey(f));
			return { field: f, recorded: discloseCount(recorded), base: rows, percent: disclose({ kind: 'percentage', numerator: recorded, denominator: n }) };
		})
	};
}
