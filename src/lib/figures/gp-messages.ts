/**
 * What the GP time freed page's figures say, in words: the headline, chart titles and the raw
 * before/after sentence that sits beside the regression-to-the-mean caveat. Computed only from
 * shown (disclosed) figures. Pure.
 */
import { formatDisclosed, formatNumber } from '../charts/table.js';
import { missingFile } from './delivered.js';
import type { Assumptions } from './gp-assumptions.js';
import type { Avoided, GroupAvoided, MonthlyRates } from './gp-time.js';
import type { KeyFigure } from './key-figure.js';

const two = (v: number) => formatNumber(v, 2);

/** The page's headline: appointments avoided per person and what they add up to under the assumptions; `delivered` names a missing GP file. */
export function gpHeadline(all: Avoided, figures: KeyFigure[], assumptions: Assumptions, windowMonths: number, periodText: string, delivered?: readonly string[]): string {
	const per = all.perPerson.value;
	if (all.referredEligible === 0) return missingFile(delivered, 'gp_appointments') ?? `No one referred in ${periodText} has GP records covering the ${windowMonths} months before and after referral.`;
	if (per === null) return `Too few people have GP records covering both windows for appointments avoided to be shown (fewer than 8 in a cohort).`;
	const value = (key: string) => figures.find((f) => f.key === key)?.value.value ?? null;
	const hours = value('hours');
	const cost = value('cost');
	const fewer = per >= 0 ? `${two(per)} fewer` : `${two(-per)} more`;
	const than =
		all.method === 'did'
			? ' than in the same time before, beyond the change in a comparison cohort'
			: ' than in the same time before (a raw figure: with no comparison cohort it is overstated by regression to the mean)';
	const totals =
		hours !== null && cost !== null && per > 0
			? `: about ${formatNumber(value('appointments') ?? 0)} appointments in all, or ${formatNumber(hours)} GP hours worth £${formatNumber(cost)} at ${assumptions.priceYear} prices`
			: '';
	return `People referred in ${periodText} had ${fewer} GP appointments each in the ${windowMonths} months after referral${than}${totals}.`;
}

/** The raw before/after of each cohort in a sentence, for beside the regression-to-the-mean caveat. */
export function rawSentence(all: Avoided, windowMonths: number): string {
	const w = `${windowMonths} months`;
	const fall = (before: number | null, after: number | null) => (before === null || after === null ? '' : ` (${after <= before ? 'a fall' : 'a rise'} of ${two(Math.abs(before - after))})`);
	const cohort = (name: string, people: string, before: Avoided['referredBefore'], after: Avoided['referredAfter']) =>
		`${name} (${people} people): ${formatDisclosed(before, 2)} GP appointments per person in the ${w} before and ${formatDisclosed(after, 2)} in the ${w} after${fall(before.value, after.value)}.`;
	const referred = cohort('Referred', formatDisclosed(all.referredPeople), all.referredBefore, all.referredAfter);
	if (all.comparisonEligible === 0) return `${referred} There is no comparison cohort for these filters.`;
	return `${referred} ${cohort('Comparison cohort', formatDisclosed(all.comparisonPeople), all.comparisonBefore, all.comparisonAfter)}`;
}

/** Title of the monthly chart: the referred cohort's peak and where it was a year later, against the comparison. */
export function monthlyTitle(rates: MonthlyRates): string {
	const r = rates.referred.rate;
	const shown = rates.months.map((m, i) => ({ m, v: r[i]!.value })).filter((x): x is { m: number; v: number } => x.v !== null);
	if (shown.length === 0) return 'GP appointments per person around referral';
	const peak = shown.reduce((a, b) => (b.v > a.v ? b : a));
	const end = shown[shown.length - 1]!;
	const when = (m: number) => (m === 0 ? 'in the month of referral' : `${Math.abs(m)} month${Math.abs(m) === 1 ? '' : 's'} ${m < 0 ? 'before' : 'after'} referral`);
	const comparison = rates.comparison?.rate[rates.months.indexOf(end.m)]?.value;
	const against = comparison === null || comparison === undefined ? '' : ` (comparison cohort ${two(comparison)})`;
	return `GP use peaked at ${two(peak.v)} appointments per person a month ${when(peak.m)}; ${when(end.m)} it was ${two(end.v)}${against}`;
}

/** Title of a breakdown: the range of appointments avoided per person across its groups. */
export function groupsTitle(groups: GroupAvoided[], what: string): string {
	const shown = groups.filter((g) => g.perPerson.value !== null);
	if (shown.length === 0) return `GP appointments avoided per person by ${what}`;
	if (shown.length === 1) return `${shown[0]!.name}: ${two(shown[0]!.perPerson.value!)} GP appointments avoided per person`;
	const sorted = [...shown].sort((a, b) => a.perPerson.value! - b.perPerson.value!);
	const low = sorted[0]!;
	const high = sorted[sorted.length - 1]!;
	return `GP appointments avoided per person ranged from ${two(low.perPerson.value!)} (${low.name}) to ${two(high.perPerson.value!)} (${high.name})`;
}

/** Title of the attendance chart: frequent attenders against others. */
export function attendanceTitle(groups: GroupAvoided[]): string {
	const [frequent, other] = groups;
	const f = frequent?.perPerson.value;
	const o = other?.perPerson.value;
	if (f == null || o == null) return 'GP appointments avoided by frequent and other attenders';
	const more = f > o ? 'more' : 'fewer';
	return `Frequent attenders avoided ${more} GP appointments each (${two(f)}) than other attenders (${two(o)})`;
}

/** Text summary of the monthly chart: each cohort a year before, at its peak, in the referral month and 6 and 12 months after. */
export function monthlySummary(rates: MonthlyRates): string {
	const at = (rate: MonthlyRates['referred']['rate'], m: number) => formatDisclosed(rate[rates.months.indexOf(m)]!, 2);
	const cohort = (name: string, rate: MonthlyRates['referred']['rate']) => {
		const shown = rates.months.map((m, i) => ({ m, v: rate[i]!.value })).filter((x): x is { m: number; v: number } => x.v !== null);
		const peak = shown.length ? shown.reduce((a, b) => (b.v > a.v ? b : a)) : null;
		const peakText = peak && peak.m !== 0 ? `, highest ${two(peak.v)} in month ${peak.m > 0 ? `+${peak.m}` : peak.m}` : '';
		return `${name}: ${at(rate, -12)} GP appointments per person a month 12 months before referral${peakText}, ${at(rate, 0)} in the referral month, ${at(rate, 6)} 6 months after and ${at(rate, 12)} 12 months after.`;
	};
	return [cohort('Referred', rates.referred.rate), rates.comparison ? cohort('Comparison cohort', rates.comparison.rate) : 'No comparison cohort.'].join(' ') + ' Every month is in the table.';
}
