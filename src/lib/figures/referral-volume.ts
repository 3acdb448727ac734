/**
 * Figures of how many are referred, from where, for what, from which practices and who: series
 * over time with the smaller categories grouped, composition by demographic dimension, and
 * referral rates per practice. Disclosure first (with secondary suppression wherever a total and
 * its parts are shown), then percentages and intervals from the rounded counts.
 */
import { AGE_BANDS, ETHNIC_GROUPS, SEXES } from '../schema/enums.js';
import { IMD_QUINTILES } from '../filters/filters.js';
import { financialYearOfMonth, monthName } from '../filters/period.js';
import { discloseCount, rateInterval, suppressHierarchy, type DisclosedValue } from '../metrics/index.js';
import type { CompositionDimension } from '../queries/referrals-equity.js';
import { categoryLabel, NOT_RECORDED, type CategoryKind } from './labels.js';
import { suppressPracticeCounts } from './practice-counts.js';
import { count, num, text, type Row } from './rows.js';

/** Categories over periods, as shown. */
export interface CategorySeries {
	grain: 'month' | 'quarter';
	/** Period labels, e.g. 'Apr 2025' or 'Q1 2025/26'. */
	periods: string[];
	/** Largest categories first; the rest grouped last. */
	groups: { name: string; values: DisclosedValue[] }[];
	/** Category names folded into the last group (empty when none were). */
	grouped: string[];
}

/** More than this many months are shown by quarter. */
export const MONTHLY_UP_TO = 24;

/** 'YYYY-MM' -> its financial-year quarter label, e.g. 'Q1 2025/26'. */
export function quarterLabel(month: string): string {
	const m = Number(month.slice(5));
	return `Q${Math.floor(((m + 8) % 12) / 3) + 1} ${financialYearOfMonth(month)}`;
}

/**
 * Rows of `month`, `category`, `referrals` as at most `max` series over the period's months (by
 * quarter beyond two years): the largest max - 1 categories by their unrounded total, the rest as
 * one group. With `total: true` the categories are parts of each period's total (referral
 * sources), so each period gets secondary suppression under its total; needs overlap (a referral
 * has several), so they get primary suppression only.
 */
export function categorySeries(rows: Row[], months: string[], options: { kind: CategoryKind; max?: number; otherName: string; total: boolean }): CategorySeries {
	const max = options.max ?? 6;
	const grain = months.length > MONTHLY_UP_TO ? 'quarter' : 'month';
	const periodOf = (m: string) => (grain === 'quarter' ? quarterLabel(m) : monthName(m));
	const periods = [...new Set(months.map(periodOf))];
	const totals = new Map<string | null, number>();
	for (const r of rows) totals.set(text(r, 'category'), (totals.get(text(r, 'category')) ?? 0) + count(r, 'referrals'));
	const ranked = [...totals].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map(([c]) => c);
	const kept = ranked.length > max ? ranked.slice(0, max - 1) : ranked;
	const rest = ranked.filter((c) => !kept.includes(c));
	const names = [...kept.map((c) => categoryLabel(options.kind, c)), ...(rest.length > 0 ? [options.otherName] : [])];
	const groupOf = (c: string | null) => (kept.includes(c) ? kept.indexOf(c) : kept.length);
	const raw = periods.map(() => names.map(() => 0));
	for (const r of rows) {
		const month = text(r, 'month');
		if (!month) continue;
		const p = periods.indexOf(periodOf(month));
		if (p >= 0) raw[p]![groupOf(text(r, 'category'))]! += count(r, 'referrals');
	}
	const shown = raw.map((values) => {
		if (!options.total) return values.map(discloseCount);
		const cells = suppressHierarchy([{ id: 'total', parent_id: null, value: values.reduce((s, v) => s + v, 0) }, ...values.map((value, g) => ({ id: `g${g}`, parent_id: 'total', value }))]);
		return values.map((_, g) => {
			const c = cells.find((x) => x.id === `g${g}`)!;
			return { value: c.shown, suppressed: c.suppressed };
		});
	});
	return {
		grain,
		periods,
		groups: names.map((name, g) => ({ name, values: shown.map((row) => row[g]!) })),
		grouped: rest.map((c) => categoryLabel(options.kind, c))
	};
}

/** One category of a composition. */
export interface CompositionShare {
	name: string;
	referrals: DisclosedValue;
	/** Percentage of the rounded total, from the rounded count; null when suppressed. */
	percent: number | null;
}

/** A demographic composition of referrals. */
export interface Composition {
	dimension: CompositionDimension;
	total: DisclosedValue;
	shares: CompositionShare[];
}

const ORDER: Record<CompositionDimension, readonly (string | number)[]> = { age: AGE_BANDS, sex: SEXES, eth: ETHNIC_GROUPS, imd: IMD_QUINTILES };

/**
 * Referrals by one dimension from referralComposition rows: every value of the enumeration in its
 * order (zeros included) and "Not recorded" when any is, with secondary suppression under the total.
 */
export function composition(rows: Row[], dimension: CompositionDimension): Composition {
	const mine = rows.filter((r) => text(r, 'dimension') === dimension);
	const values: (string | null)[] = [...ORDER[dimension].map(String), ...(mine.some((r) => text(r, 'category') === null) ? [null] : [])];
	const counts = values.map((v) => count(mine.find((r) => text(r, 'category') === v), 'referrals'));
	const cells = suppressHierarchy([{ id: 'total', parent_id: null, value: counts.reduce((s, c) => s + c, 0) }, ...counts.map((value, i) => ({ id: `c${i}`, parent_id: 'total', value }))]);
	const shown = (id: string): DisclosedValue => {
		const c = cells.find((x) => x.id === id)!;
		return { value: c.shown, suppressed: c.suppressed };
	};
	const total = shown('total');
	return {
		dimension,
		total,
		shares: values.map((v, i) => {
			const referrals = shown(`c${i}`);
			return {
				name: v === null ? NOT_RECORDED : categoryLabel(dimension, v),
				referrals,
				percent: referrals.value !== null && total.value ? (100 * referrals.value) / total.value : null
			};
		})
	};
}

/** One practice's referral rate. */
export interface PracticeRate {
	code: string;
	name: string;
	pcnName: string;
	referrals: DisclosedValue;
	patients: number | null;
	rate: DisclosedValue;
	interval: { lower: number; upper: number } | null;
}

/**
 * Referrals per 1,000 registered patients per practice from practiceReferrals rows (annualised
 * when the period is not 12 months), with exact / Byar's intervals from the rounded count, and
 * the rate of all practices shown (null without list sizes).
 */
export function practiceRates(rows: Row[], months: number): { practices: PracticeRate[]; overall: number | null } {
	const scale = 12 / months;
	const h = suppressPracticeCounts(rows.map((r) => ({ practice_code: text(r, 'practice_code')!, pcn_code: text(r, 'pcn_code')!, value: count(r, 'referrals') })));
	const practices = rows.map((r): PracticeRate => {
		const code = text(r, 'practice_code')!;
		const referrals = h.practices.get(code)!;
		const patients = num(r, 'list_size');
		const ri = referrals.value !== null && patients !== null && patients > 0 ? rateInterval(referrals.value, patients) : null;
		return {
			code,
			name: text(r, 'practice_name') ?? code,
			pcnName: text(r, 'pcn_name') ?? text(r, 'pcn_code') ?? '',
			referrals,
			patients,
			rate: ri ? { value: ri.estimate * scale, suppressed: null } : { value: null, suppressed: referrals.suppressed },
			interval: ri ? { lower: ri.lower * scale, upper: ri.upper * scale } : null
		};
	});
	const patients = rows.reduce((s, r) => s + (num(r, 'list_size') ?? 0), 0);
	const overall = h.total.value !== null && patients > 0 ? (h.total.value / patients) * 1000 * scale : null;
	return { practices, overall };
}
