/**
 * The Overview page's figures from its query results: disclosure control first, then every
 * percentage, mean and interval from what may be shown. Pure, so the pipeline computes the
 * first view with exactly this code (data-pipeline/src/publish/first-view.ts).
 */
import {
	CONFIDENCE_95,
	DEFAULT_MINUTES_PER_APPOINTMENT,
	DEFAULT_UNIT_COST_GBP,
	DEFAULT_PRICE_YEAR,
	disclose,
	discloseCount,
	meanIntervalFromSummary,
	proRataAmbition,
	welchDifferenceFromSummaries,
	wilsonInterval,
	type DisclosedValue
} from '../metrics/index.js';
import { measureSpec } from '../schema/instruments.js';
import { missingFile, notDeliveredText } from './delivered.js';
import { annualisedRate } from './rates.js';
import { count, num, text, type Row } from './rows.js';

/** An interval as shown (already on the figure's scale). */
export interface ShownInterval {
	lower: number;
	upper: number;
}

/** One headline figure. */
export interface Headline {
	key: 'referrals' | 'people' | 'accepted' | 'contacts' | 'wellbeing_change' | 'improved' | 'appointments_avoided' | 'gp_hours';
	label: string;
	value: DisclosedValue;
	/** Decimal places on screen. */
	digits: number;
	/** e.g. '%', ' points'. */
	unit: string;
	interval: ShownInterval | null;
	/** What the number is, in a sentence (base, method). */
	detail: string;
	/** Why there is no figure, when there is none and it is not suppressed. */
	missing?: string;
	/** Methods page section (src/lib/metrics/definitions.ts id) that defines it. */
	method: string;
}

/** The measure the Overview headlines wellbeing on: ONS4 life satisfaction, the most widely collected. */
export const HEADLINE_MEASURE = { instrument: 'ons4', measure: 'life_satisfaction' } as const;

/**
 * A percentage under disclosure control with its 95% Wilson interval: both from the rounded
 * numerator and denominator (NHS Digital rule); no interval when either is hidden.
 */
function disclosedShare(numerator: number, denominator: number): { value: DisclosedValue; interval: ShownInterval | null } {
	const value = disclose({ kind: 'percentage', numerator, denominator });
	const n = discloseCount(numerator).value;
	const d = discloseCount(denominator).value;
	if (value.value === null || n === null || !d) return { value, interval: null };
	const w = wilsonInterval(n, d);
	return { value, interval: { lower: 100 * w.lower, upper: 100 * w.upper } };
}

/**
 * Headline figures. `referrals` is the 'total' row of overviewReferrals (see overviewReferralParts); `wellbeing` the rows of
 * wellbeingByMeasure; `gp` the rows of gpUseByCohort; `delivered` the contract files delivered
 * (first-view.json), so that a figure whose file never came says so rather than "none".
 */
export function overviewHeadlines(referrals: Row | undefined, wellbeing: Row[], gp: Row[], delivered?: readonly string[]): Headline[] {
	const noPairs = missingFile(delivered, 'wellbeing') ?? 'No paired scores for the current filters.';
	const out: Headline[] = [];
	const n = count(referrals, 'referrals');
	out.push({ key: 'referrals', method: 'disclosure', label: 'Referrals', value: discloseCount(n), digits: 0, unit: '', interval: null, detail: 'Referrals received in the period.' });
	out.push({
		key: 'people',
		method: 'disclosure',
		label: 'People referred', value: discloseCount(count(referrals, 'people')), digits: 0, unit: '', interval: null, detail: 'Different people among those referrals.'
	});

	out.push({
		key: 'accepted',
		method: 'proportion',
		label: 'Accepted',
		...disclosedShare(count(referrals, 'accepted'), count(referrals, 'with_status')),
		digits: 1,
		unit: '%',
		detail: 'Share of referrals with a recorded status that the person took up (accepted, in progress or completed), with a 95% Wilson interval.'
	});

	const contacts = num(referrals, 'contacts');
	out.push({
		key: 'contacts',
		method: 'disclosure',
		label: 'Link worker contacts',
		value: contacts === null ? { value: null, suppressed: null } : discloseCount(Math.round(contacts)),
		digits: 0,
		unit: '',
		interval: null,
		detail: 'Contacts between link workers and the people referred in the period.',
		...(contacts === null ? { missing: notDeliveredText('contacts') } : {})
	});

	const spec = measureSpec(HEADLINE_MEASURE.instrument, HEADLINE_MEASURE.measure)!;
	const w = wellbeing.find((r) => text(r, 'instrument') === HEADLINE_MEASURE.instrument && text(r, 'measure') === HEADLINE_MEASURE.measure);
	const pairs = count(w, 'n_paired');
	const mean = num(w, 'mean_change');
	const sd = num(w, 'sd_change');
	const change = disclose({ kind: 'mean', value: mean, n: pairs });
	const changeInterval = change.value !== null && sd !== null && pairs >= 2 ? meanIntervalFromSummary({ n: pairs, mean: mean!, sd }, CONFIDENCE_95) : null;
	out.push({
		key: 'wellbeing_change',
		method: 'wellbeing_change',
		label: `Wellbeing change (${spec.label})`,
		value: change,
		digits: 2,
		unit: ' points',
		interval: changeInterval ? { lower: changeInterval.lower, upper: changeInterval.upper } : null,
		detail: `Mean change from baseline to follow-up on a 0-10 scale, positive = better, among people with both scores (95% t-interval).`,
		...(pairs === 0 ? { missing: noPairs } : {})
	});
	out.push({
		key: 'improved',
		method: 'wellbeing_change',
		label: 'Meaningfully improved',
		...disclosedShare(count(w, 'improved'), pairs),
		digits: 1,
		unit: '%',
		detail: `Share of people with paired ${spec.label} scores whose score improved by at least 1 point (a convention; see Methods), with a 95% Wilson interval.`,
		...(pairs === 0 ? { missing: noPairs } : {})
	});

	out.push(...gpHeadlines(gp, DEFAULT_MINUTES_PER_APPOINTMENT, delivered));
	return out;
}

/**
 * Appointments avoided (difference-in-differences where a comparison cohort exists) and GP hours
 * freed. `delivered`, the contract files delivered, lets a missing GP file be named as such.
 */
export function gpHeadlines(gp: Row[], minutes = DEFAULT_MINUTES_PER_APPOINTMENT, delivered?: readonly string[]): Headline[] {
	const noPeople = missingFile(delivered, 'gp_appointments') ?? 'No referred people with GP records covering both windows.';
	const cohort = (name: string) => gp.find((r) => text(r, 'cohort') === name);
	const referred = cohort('referred');
	const comparison = cohort('comparison');
	const nA = count(referred, 'eligible');
	const nB = count(comparison, 'eligible');
	const moments = (row: Row | undefined, n: number) => ({ n, mean: num(row, 'mean_avoided'), sd: num(row, 'sd_avoided') });
	const did = nB > 0 ? welchDifferenceFromSummaries(moments(referred, nA), moments(comparison, nB)) : null;
	const raw = num(referred, 'mean_avoided');
	// Suppressed when either cohort behind the figure has 1-7 people.
	const base = did ? Math.min(nA, nB) : nA;
	const gpMethod = did ? 'gp_difference_in_differences' : 'gp_time_freed';
	const perPerson = disclose({ kind: 'mean', value: did ? (did.interval?.estimate ?? null) : raw, n: base });
	const method = did
		? 'difference-in-differences: the fall in the referred cohort minus the fall in the comparison cohort'
		: 'raw before/after fall in the referred cohort (no comparison cohort; overstated by regression to the mean)';
	const interval = did?.interval ?? null;
	const perPersonHeadline: Headline = {
		key: 'appointments_avoided',
		method: gpMethod,
		label: 'GP appointments avoided per person',
		value: perPerson,
		digits: 2,
		unit: '',
		interval: perPerson.value !== null && interval ? { lower: interval.lower, upper: interval.upper } : null,
		detail: `Per person referred with GP records covering both windows, by ${method} (95% Welch interval).`,
		...(nA === 0 ? { missing: noPeople } : {})
	};
	// Hours: per-person figure times the referred people it applies to, at the stated minutes.
	const hoursValue = perPerson.value === null ? null : (perPerson.value * nA * minutes) / 60;
	const hours: Headline = {
		key: 'gp_hours',
		method: 'gp_time_freed',
		label: 'GP hours freed',
		value: perPerson.value === null ? { value: null, suppressed: perPerson.suppressed } : { value: hoursValue, suppressed: null },
		digits: 0,
		unit: '',
		interval: perPerson.value !== null && interval ? { lower: (interval.lower * nA * minutes) / 60, upper: (interval.upper * nA * minutes) / 60 } : null,
		detail: `Appointments avoided per person × ${nA >= 8 ? discloseCount(nA).value!.toLocaleString('en-GB') : 'the'} people × ${minutes} minutes per appointment (PSSRU), worth about £${DEFAULT_UNIT_COST_GBP} per appointment at ${DEFAULT_PRICE_YEAR} prices.`,
		...(nA === 0 ? { missing: noPeople } : {})
	};
	return [perPersonHeadline, hours];
}

/** Referrals and accepted per month as columns for Plot, with disclosed values. */
export interface MonthlySeries {
	months: string[];
	referrals: DisclosedValue[];
	accepted: DisclosedValue[];
}

/** Monthly referrals from the 'month' rows of overviewReferrals (see overviewReferralParts), months with none filled with 0 across the period. */
export function monthlySeries(rows: Row[], months: string[]): MonthlySeries {
	const byMonth = new Map(rows.map((r) => [text(r, 'month'), r]));
	return {
		months,
		referrals: months.map((m) => discloseCount(count(byMonth.get(m), 'referrals'))),
		accepted: months.map((m) => discloseCount(count(byMonth.get(m), 'accepted')))
	};
}

/** One PCN's referral rate per 1,000 registered patients. */
export interface PcnRate {
	code: string;
	name: string;
	referrals: DisclosedValue;
	patients: number | null;
	rate: DisclosedValue;
	interval: ShownInterval | null;
}

/**
 * Referral rate per 1,000 registered patients per PCN (Byar's / exact Poisson interval), from
 * the rounded referral count. `months` in the period: rates are annualised when it is not 12.
 */
export function pcnRates(rows: Row[], months: number): PcnRate[] {
	return rows.map((r) => {
		const referrals = discloseCount(count(r, 'referrals'));
		const patients = num(r, 'patients');
		return {
			code: text(r, 'pcn_code') ?? '',
			name: text(r, 'pcn_name') ?? text(r, 'pcn_code') ?? '',
			referrals,
			patients,
			...annualisedRate(referrals, patients, months)
		};
	});
}

/** Referrals in the period against the Long Term Plan ambition pro-rated to the area's patients. */
export interface AmbitionProgress {
	patients: number;
	/** Pro-rata referrals for the months of the period. */
	ambition: number;
	referrals: DisclosedValue;
	/** Rounded referrals / ambition, as a percentage. */
	percent: number | null;
}

/** Progress against the pro-rated ambition (900,000 a year nationally); null without list sizes. */
export function ambitionProgress(referrals: Row | undefined, patients: number | null, months: number): AmbitionProgress | null {
	if (patients === null || patients <= 0) return null;
	const yearly = proRataAmbition(patients).referrals_per_year;
	const ambition = (yearly * months) / 12;
	const shown = discloseCount(count(referrals, 'referrals'));
	return { patients, ambition, referrals: shown, percent: shown.value === null ? null : (100 * shown.value) / ambition };
}
