/**
 * The tables behind the GP time freed page's charts, from its figures. Pure.
 */
import type { Avoided, GroupAvoided, MonthlyCohort, MonthlyRates } from '../figures/gp-time.js';
import { benchmarkText } from './wellbeing-tables.js';
import { disclosedCell, numberCell, textCell, type Cell, type FigureTable } from './table.js';

/** A relative month in words: '-3', '0 (referral month)', '+3'. */
export function relativeMonthLabel(m: number): string {
	return m === 0 ? '0 (referral month)' : m > 0 ? `+${m}` : String(m);
}

/** Appointments per person by month relative to referral, both cohorts. */
export function monthlyTable(rates: MonthlyRates, caption: string): FigureTable {
	const cohort = (c: MonthlyCohort | null, i: number): Cell[] =>
		c ? [disclosedCell(c.people[i]!), disclosedCell(c.appointments[i]!), disclosedCell(c.rate[i]!, 2)] : [];
	return {
		caption,
		columns: [
			{ label: 'Month from referral' },
			{ label: 'Referred: people', numeric: true },
			{ label: 'Referred: appointments', numeric: true },
			{ label: 'Referred: per person', numeric: true },
			...(rates.comparison
				? [
						{ label: 'Comparison: people', numeric: true },
						{ label: 'Comparison: appointments', numeric: true },
						{ label: 'Comparison: per person', numeric: true }
					]
				: [])
		],
		rows: rates.months.map((m, i) => [textCell(relativeMonthLabel(m)), ...cohort(rates.referred, i), ...cohort(rates.comparison, i)])
	};
}

/** How a group's figure was made, in a table cell. */
export function methodLabel(a: Avoided): string {
	return a.method === 'did' ? 'Difference-in-differences' : 'Raw before/after (no comparison)';
}

/** Appointments avoided per group (PCN or attendance), with each cohort's before and after. */
export function avoidedTable(groups: GroupAvoided[], groupLabel: string, windowMonths: number, caption: string): FigureTable {
	const w = `${windowMonths} months`;
	return {
		caption,
		columns: [
			{ label: groupLabel },
			{ label: 'Method' },
			{ label: 'Referred people', numeric: true },
			{ label: 'Comparison people', numeric: true },
			{ label: `Referred: appointments per person, ${w} before`, numeric: true },
			{ label: `Referred: ${w} after`, numeric: true },
			{ label: `Comparison: ${w} before`, numeric: true },
			{ label: `Comparison: ${w} after`, numeric: true },
			{ label: 'Avoided per person', numeric: true },
			{ label: '95% lower', numeric: true },
			{ label: '95% upper', numeric: true },
			{ label: 'Compared with everyone' }
		],
		rows: groups.map((g) => [
			textCell(g.name),
			textCell(methodLabel(g)),
			disclosedCell(g.referredPeople),
			disclosedCell(g.comparisonPeople),
			disclosedCell(g.referredBefore, 2),
			disclosedCell(g.referredAfter, 2),
			disclosedCell(g.comparisonBefore, 2),
			disclosedCell(g.comparisonAfter, 2),
			disclosedCell(g.perPerson, 2),
			numberCell(g.interval?.lower ?? null, 2),
			numberCell(g.interval?.upper ?? null, 2),
			textCell(benchmarkText(g.benchmark))
		])
	};
}
