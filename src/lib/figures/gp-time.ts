/**
 * The GP time freed page's figures from its query results: appointments avoided per person
 * (difference-in-differences against the comparison cohort where there is one, else the raw
 * before/after fall, labelled), the totals, hours and cost they imply under the page's
 * assumptions, the monthly rates around referral, and the same by PCN and by baseline use.
 * Disclosure control first; pure.
 */
import {
	benchmarkLabel,
	DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS,
	disclose,
	discloseCount,
	welchDifferenceFromSummaries,
	type BenchmarkLabel,
	type DisclosedValue
} from '../metrics/index.js';
import { missingFile } from './delivered.js';
import type { Assumptions } from './gp-assumptions.js';
import type { KeyFigure } from './key-figure.js';
import type { ShownInterval } from './overview.js';
import { count, num, text, type Row } from './rows.js';
import { shownMean } from './share.js';

/** Appointments in the W months before from which a person is a frequent attender: 8 per 6 months, scaled. */
export function frequentAttenderFrom(windowMonths: number): number {
	return Math.ceil((DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS * windowMonths) / 6);
}

/** Appointments avoided per person in one group, with what it rests on. */
export interface Avoided {
	/** 'did': referred minus comparison; 'raw': referred before minus after (regression to the mean not removed). */
	method: 'did' | 'raw';
	perPerson: DisclosedValue;
	interval: ShownInterval | null;
	/** Eligible people (covered, both counts), unrounded and shown. */
	referredEligible: number;
	comparisonEligible: number;
	referredPeople: DisclosedValue;
	comparisonPeople: DisclosedValue;
	/** Appointments per person in the W months before and after, per cohort. */
	referredBefore: DisclosedValue;
	referredAfter: DisclosedValue;
	comparisonBefore: DisclosedValue;
	comparisonAfter: DisclosedValue;
	/** Raw fall per person in the referred cohort with its t-interval. */
	rawPerPerson: DisclosedValue;
	rawInterval: ShownInterval | null;
}

const perPerson = (row: Row | undefined, key: string) => {
	const n = count(row, 'eligible');
	return disclose({ kind: 'mean', value: n > 0 ? (num(row, key) ?? 0) / n : null, n });
};

/**
 * Appointments avoided per person from one group's referred and comparison rows (gpUseByCohort
 * columns): difference-in-differences with a Welch interval when the comparison cohort has
 * anyone eligible (as the Overview's headline), else the raw fall. Hidden when either cohort
 * behind the figure has 1-7 people.
 */
export function avoided(referred: Row | undefined, comparison: Row | undefined): Avoided {
	const nA = count(referred, 'eligible');
	const nB = count(comparison, 'eligible');
	const moments = (row: Row | undefined, n: number) => ({ n, mean: num(row, 'mean_avoided'), sd: num(row, 'sd_avoided') });
	const raw = shownMean(num(referred, 'mean_avoided'), num(referred, 'sd_avoided'), nA);
	const common = {
		referredEligible: nA,
		comparisonEligible: nB,
		referredPeople: discloseCount(nA),
		comparisonPeople: discloseCount(nB),
		referredBefore: perPerson(referred, 'appts_before'),
		referredAfter: perPerson(referred, 'appts_after'),
		comparisonBefore: perPerson(comparison, 'appts_before'),
		comparisonAfter: perPerson(comparison, 'appts_after'),
		rawPerPerson: raw.value,
		rawInterval: raw.interval
	};
	if (nB === 0) return { method: 'raw', perPerson: raw.value, interval: raw.interval, ...common };
	const did = welchDifferenceFromSummaries(moments(referred, nA), moments(comparison, nB));
	const value = disclose({ kind: 'mean', value: did.interval?.estimate ?? null, n: Math.min(nA, nB) });
	const interval = value.value !== null && did.interval ? { lower: did.interval.lower, upper: did.interval.upper } : null;
	return { method: 'did', perPerson: value, interval, ...common };
}

/** Avoided for the rows of one group in `rows` (cohort column 'referred' / 'comparison'). */
function avoidedIn(rows: Row[]): Avoided {
	return avoided(
		rows.find((r) => text(r, 'cohort') === 'referred'),
		rows.find((r) => text(r, 'cohort') === 'comparison')
	);
}

/** Overall appointments avoided from gpUseByCohort rows. */
export function overallAvoided(rows: Row[]): Avoided {
	return avoidedIn(rows);
}

/** Method in words, for details and notes. */
export function methodText(method: Avoided['method']): string {
	return method === 'did'
		? 'difference-in-differences: the fall in the referred cohort minus the fall in the comparison cohort'
		: 'raw before/after fall in the referred cohort (no comparison cohort; overstated by regression to the mean)';
}

/**
 * Key figures under the page's assumptions: avoided per person, in total (per person x the
 * eligible referred people), GP hours (x minutes / 60) and their cost (x unit cost). The totals
 * scale the per-person figure and its interval, as the Overview's GP hours do. `delivered`
 * (first-view.json) names a GP appointments file that never came.
 */
export function gpKeyFigures(all: Avoided, assumptions: Assumptions, windowMonths: number, delivered?: readonly string[]): KeyFigure[] {
	const n = all.referredEligible;
	const est = all.perPerson.value;
	const scaled = (factor: number): Pick<KeyFigure, 'value' | 'interval'> => ({
		value: est === null ? { value: null, suppressed: all.perPerson.suppressed } : { value: est * n * factor, suppressed: null },
		interval: est !== null && all.interval ? { lower: all.interval.lower * n * factor, upper: all.interval.upper * n * factor } : null
	});
	const people = all.referredPeople.value === null ? 'the' : all.referredPeople.value.toLocaleString('en-GB');
	const missing = n === 0 ? { missing: missingFile(delivered, 'gp_appointments') ?? 'No referred people with GP records covering both windows.' } : {};
	// Without a comparison cohort every total rests on the raw fall: say so on each card.
	const raw = all.method === 'raw' ? ' Raw before/after: overstated by regression to the mean.' : '';
	const tag = all.method === 'raw' ? ' (raw)' : '';
	return [
		{
			key: 'per_person',
			label: `GP appointments avoided per person${tag}`,
			value: all.perPerson,
			interval: all.interval,
			digits: 2,
			unit: '',
			detail: `Per person referred with GP records covering the ${windowMonths} months before and after, by ${methodText(all.method)} (95% ${all.method === 'did' ? 'Welch' : 't-'}interval).`,
			...missing
		},
		{
			key: 'appointments',
			label: `GP appointments avoided${tag}`,
			...scaled(1),
			digits: 0,
			unit: '',
			detail: `Appointments avoided per person × ${people} referred people with GP records covering both windows.${raw}`,
			...missing
		},
		{
			key: 'hours',
			label: `GP hours freed${tag}`,
			...scaled(assumptions.minutes / 60),
			digits: 0,
			unit: '',
			detail: `Appointments avoided × ${assumptions.minutes.toLocaleString('en-GB')} minutes per appointment.${raw}`,
			...missing
		},
		{
			key: 'cost',
			label: `Value of GP time freed (${assumptions.priceYear} prices)${tag}`,
			...scaled(assumptions.unitCost),
			digits: 0,
			prefix: '£',
			unit: '',
			detail: `Appointments avoided × £${assumptions.unitCost.toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(assumptions.unitCost) ? 0 : 2 })} per appointment at ${assumptions.priceYear} prices. Time that can be used for other patients, not cash saved.${raw}`,
			...missing
		}
	];
}

/** One cohort's appointments by month relative to the index month. */
export interface MonthlyCohort {
	people: DisclosedValue[];
	appointments: DisclosedValue[];
	/** Appointments per person that month (hidden for 1-7 people). */
	rate: DisclosedValue[];
}

/** Monthly rates of both cohorts from -12 to 12 (comparison null when there is none). */
export interface MonthlyRates {
	months: number[];
	referred: MonthlyCohort;
	comparison: MonthlyCohort | null;
}

/** The months of the monthly chart: 12 before to 12 after the index month. */
export const RELATIVE_MONTHS = Array.from({ length: 25 }, (_, i) => i - 12);

/** Monthly rates from gpMonthlyByCohort rows. */
export function monthlyRates(rows: Row[]): MonthlyRates {
	const cohort = (name: string): MonthlyCohort => {
		const byMonth = new Map(rows.filter((r) => text(r, 'cohort') === name).map((r) => [count(r, 'relative_month'), r]));
		const people = RELATIVE_MONTHS.map((m) => count(byMonth.get(m), 'people'));
		const appointments = RELATIVE_MONTHS.map((m) => count(byMonth.get(m), 'appointments'));
		return {
			people: people.map(discloseCount),
			appointments: appointments.map(discloseCount),
			rate: people.map((n, i) => disclose({ kind: 'mean', value: n > 0 ? appointments[i]! / n : null, n }))
		};
	};
	const hasComparison = rows.some((r) => text(r, 'cohort') === 'comparison');
	return { months: RELATIVE_MONTHS, referred: cohort('referred'), comparison: hasComparison ? cohort('comparison') : null };
}

/** Appointments avoided in one group of a breakdown. */
export interface GroupAvoided extends Avoided {
	key: string;
	name: string;
	/** Against the overall figure (higher, lower or similar; no judgement). */
	benchmark: BenchmarkLabel;
}

/** Appointments avoided per PCN (gpUseByPcn rows), sorted by name, labelled against `overall`. */
export function avoidedByPcn(rows: Row[], overall: number | null, pcnName: (code: string) => string | undefined): GroupAvoided[] {
	const codes = [...new Set(rows.map((r) => text(r, 'pcn_code')).filter((c): c is string => c !== null))];
	return codes
		.map((code) => {
			const a = avoidedIn(rows.filter((r) => text(r, 'pcn_code') === code));
			return { ...a, key: code, name: pcnName(code) ?? code, benchmark: benchmarkLabel(a.interval, overall) };
		})
		.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** What the attendance groups are called on screen, given the threshold. */
export function attenderName(group: 'frequent' | 'other', from: number): string {
	return group === 'frequent' ? `Frequent attenders (${from}+ before)` : `Other attenders (under ${from})`;
}

/** Appointments avoided for frequent and other attenders (gpUseByAttendance rows). */
export function avoidedByAttendance(rows: Row[], frequentFrom: number, overall: number | null): GroupAvoided[] {
	return (['frequent', 'other'] as const).map((group) => {
		const a = avoidedIn(rows.filter((r) => text(r, 'attender') === group));
		return { ...a, key: group, name: attenderName(group, frequentFrom), benchmark: benchmarkLabel(a.interval, overall) };
	});
}
