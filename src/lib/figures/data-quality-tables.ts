/**
 * The Data quality page's tables (what the page shows, what screen readers read and what tests
 * compare with node DuckDB), built from the figures in ./data-quality.ts.
 */
import { disclosedCell, formatNumber, percentCell, textCell, type Cell, type FigureTable } from '../charts/table.js';
import { monthName } from '../filters/period.js';
import type { DisclosedValue } from '../metrics/index.js';
import { LATEST_SOURCES } from '../queries/data-quality.js';
import { BASE_LABELS, type CompletenessField } from '../schema/completeness.js';
import { lagText, SOURCE_LABELS, type FieldShare, type PracticeCompleteness, type PracticeLatest, type SourceMonth } from './data-quality.js';

/** A disclosed percentage (0-100) with a '%' sign; '*' when suppressed. */
export function disclosedPercentCell(value: DisclosedValue, digits = 1): Cell {
	return value.value === null ? disclosedCell(value) : percentCell(value.value / 100, digits);
}

/** "Mar 2026", "Jan 2026 (2 months behind)" or "None". */
export function sourceMonthText(source: SourceMonth): string {
	if (source.month === null) return 'None';
	const name = monthName(source.month);
	return source.behind !== null && source.behind > 0 ? `${name} (${lagText(source.behind)})` : name;
}

/** What the data owner should check at a practice: its referral feed, the clearest sign of a missing extract. */
export function practiceCheck(practice: PracticeLatest): string {
	const referrals = practice.sources.referrals;
	if (referrals.month === null) return 'No referrals';
	if (referrals.behind !== null && referrals.behind > 0) return `Referrals ${lagText(referrals.behind)}`;
	return 'Up to date';
}

/** A practice's name with its code, as row headers show it. */
export const practiceLabel = (p: { name: string; code: string }) => `${p.name} (${p.code})`;

/** Latest month of each source per practice. */
export function latestMonthsTable(practices: PracticeLatest[], area: string): FigureTable {
	return {
		caption: `Latest month of data by practice, ${area}`,
		columns: [{ label: 'Practice' }, { label: 'PCN' }, ...LATEST_SOURCES.map((s) => ({ label: SOURCE_LABELS[s] })), { label: 'Referral feed' }],
		rows: practices.map((p) => [
			textCell(practiceLabel(p)),
			textCell(p.pcnName),
			...LATEST_SOURCES.map((s) => textCell(sourceMonthText(p.sources[s]))),
			textCell(practiceCheck(p))
		])
	};
}

/** A field's label, with its base when it is not every row. */
export function fieldLabel(field: CompletenessField): string {
	return field.base === 'all' ? field.label : `${field.label} (of ${field.base} referrals)`;
}

/** Share recorded of each referral field per practice. */
export function completenessPracticeTable(practices: PracticeCompleteness[], fields: readonly CompletenessField[], area: string): FigureTable {
	return {
		caption: `Share of referrals with each optional field recorded, by practice, ${area}`,
		columns: [{ label: 'Practice' }, { label: 'Referrals', numeric: true }, ...fields.map((f) => ({ label: fieldLabel(f), numeric: true }))],
		rows: practices.map((p) => [textCell(practiceLabel(p)), disclosedCell(p.referrals), ...p.percents.map((v) => disclosedPercentCell(v))])
	};
}

/** Recorded, out of and share recorded per field over the area. */
export function completenessOverallTable(shares: FieldShare[], caption: string): FigureTable {
	return {
		caption,
		columns: [{ label: 'Field' }, { label: 'Recorded', numeric: true }, { label: 'Out of', numeric: true }, { label: 'Share recorded', numeric: true }],
		rows: shares.map((s) => [textCell(fieldLabel(s.field)), disclosedCell(s.recorded), disclosedCell(s.base), disclosedPercentCell(s.percent)])
	};
}

/** What counts as recorded and what each base means, for notes under the tables. */
export function fieldNotes(fields: readonly CompletenessField[]): string[] {
	const bases = [...new Set(fields.map((f) => f.base))].filter((b) => b !== 'all');
	const unknown = fields.filter((f) => f.not_recorded.length > 0).map((f) => `${f.label.toLowerCase()} ${f.not_recorded.map((v) => `'${v.replaceAll('_', ' ')}'`).join(' or ')}`);
	return [
		...bases.map((b) => `Fields marked "of ${b} referrals" are shares of ${BASE_LABELS[b]} only.`),
		...(unknown.length > 0 ? [`A blank counts as not recorded, and so do ${unknown.join(', ')}.`] : [])
	];
}

/** "12,345" for exact file counts. */
export const exact = (n: number) => formatNumber(n);
