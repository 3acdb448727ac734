/**
 * The tables behind the Wellbeing page's charts (what the table view shows, screen readers read
 * and the CSV holds), from the page's figures. Pure.
 */
import type { BenchmarkLabel } from '../metrics/index.js';
import type { MeasureSpec } from '../schema/instruments.js';
import { INSTRUMENTS } from '../schema/instruments.js';
import { measureLabel, type Distribution, type GroupChange, type MeasureSummary } from '../figures/wellbeing.js';
import { MOVEMENTS, MOVEMENT_LABELS, type BandMovementFigure } from '../figures/wellbeing-bands.js';
import { INSTRUMENT_NAMES, type Completeness, type CompletenessRow } from '../figures/wellbeing-completeness.js';
import { disclosedCell, numberCell, textCell, type FigureTable } from './table.js';

/** Decimal places of a measure's scores and changes: 2 for 0-10 scales, else 1. */
export function measureDigits(spec: MeasureSpec): number {
	return spec.max - spec.min <= 10 ? 2 : 1;
}

/** Every measure: counts, means of the pairs, mean change with its interval, shares improved and worse, SRM. */
export function summaryTable(rows: MeasureSummary[], periodText: string): FigureTable {
	return {
		caption: `Wellbeing by instrument and measure, referrals in ${periodText}`,
		columns: [
			{ label: 'Measure' },
			{ label: 'People with a baseline', numeric: true },
			{ label: 'With a follow-up', numeric: true },
			{ label: 'Pairs', numeric: true },
			{ label: 'Mean baseline', numeric: true },
			{ label: 'Mean follow-up', numeric: true },
			{ label: 'Mean change', numeric: true },
			{ label: '95% lower', numeric: true },
			{ label: '95% upper', numeric: true },
			{ label: '% improved', numeric: true },
			{ label: '% worse', numeric: true },
			{ label: 'SRM', numeric: true }
		],
		rows: rows.map((r) => {
			const d = measureDigits(r.spec);
			return [
				textCell(measureLabel(r.spec) + (r.spec.higher_is_better ? '' : ' (lower is better)')),
				disclosedCell(r.baseline),
				disclosedCell(r.followUp),
				disclosedCell(r.pairs),
				disclosedCell(r.meanBaseline, d),
				disclosedCell(r.meanFollowUp, d),
				disclosedCell(r.meanChange, d),
				numberCell(r.changeInterval?.lower ?? null, d),
				numberCell(r.changeInterval?.upper ?? null, d),
				disclosedCell(r.improved, 1),
				disclosedCell(r.worse, 1),
				disclosedCell(r.srm, 2)
			];
		})
	};
}

/** Baseline and follow-up counts per score bin. */
export function distributionTable(d: Distribution, spec: MeasureSpec, periodText: string): FigureTable {
	return {
		caption: `${measureLabel(spec)} scores at baseline and follow-up of people with both, referrals in ${periodText}`,
		columns: [{ label: 'Score' }, { label: 'Baseline', numeric: true }, { label: 'Follow-up', numeric: true }],
		rows: d.labels.map((label, i) => [textCell(label), disclosedCell(d.baseline[i]!), disclosedCell(d.followUp[i]!)])
	};
}

/** Fingertips-style comparison with the overall figure, in words. */
export function benchmarkText(label: BenchmarkLabel): string {
	return { better: 'Better', worse: 'Worse', higher: 'Higher', lower: 'Lower', similar: 'Similar', not_compared: 'Not compared' }[label];
}

/** Mean paired change by group, with intervals and the comparison with the overall mean. */
export function changeTable(groups: GroupChange[], dimensionName: string, spec: MeasureSpec, periodText: string): FigureTable {
	const d = measureDigits(spec);
	return {
		caption: `Mean paired change in ${measureLabel(spec)} by ${dimensionName}, referrals in ${periodText}`,
		columns: [
			{ label: dimensionName.charAt(0).toUpperCase() + dimensionName.slice(1) },
			{ label: 'Pairs', numeric: true },
			{ label: 'Mean change', numeric: true },
			{ label: '95% lower', numeric: true },
			{ label: '95% upper', numeric: true },
			{ label: 'Compared with everyone' }
		],
		rows: groups.map((g) => [
			textCell(g.name),
			disclosedCell(g.pairs),
			disclosedCell(g.mean, d),
			numberCell(g.interval?.lower ?? null, d),
			numberCell(g.interval?.upper ?? null, d),
			textCell(benchmarkText(g.benchmark))
		])
	};
}

/** Band movement: people per baseline band and how many moved to a better band, stayed or moved to a worse one. */
export function bandTable(f: BandMovementFigure, spec: MeasureSpec, periodText: string): FigureTable {
	return {
		caption: `${measureLabel(spec)}: ONS band at follow-up compared with baseline, by band at baseline, referrals in ${periodText}`,
		columns: [
			{ label: 'Band at baseline' },
			{ label: 'People', numeric: true },
			...MOVEMENTS.flatMap((m) => [
				{ label: MOVEMENT_LABELS[m], numeric: true },
				{ label: '%', numeric: true }
			])
		],
		rows: f.rows.map((r) => [textCell(r.label), disclosedCell(r.people), ...MOVEMENTS.flatMap((m) => [disclosedCell(r.counts[m]), disclosedCell(r.percents[m], 1)])])
	};
}

/** Completeness per PCN and in total. */
export function completenessTable(c: Completeness, periodText: string): FigureTable {
	const row = (r: CompletenessRow) => [
		textCell(r.name),
		disclosedCell(r.accepted),
		disclosedCell(r.baseline),
		disclosedCell(r.followUp),
		disclosedCell(r.paired),
		disclosedCell(r.pairedPercent, 1),
		...INSTRUMENTS.map((i) => disclosedCell(r.pairedBy[i]))
	];
	return {
		caption: `Accepted referrals with wellbeing scores by PCN, referrals in ${periodText}`,
		columns: [
			{ label: 'PCN' },
			{ label: 'Accepted referrals', numeric: true },
			{ label: 'With a baseline', numeric: true },
			{ label: 'With a follow-up', numeric: true },
			{ label: 'With a pair', numeric: true },
			{ label: '% with a pair', numeric: true },
			...INSTRUMENTS.map((i) => ({ label: `Pairs: ${INSTRUMENT_NAMES[i]}`, numeric: true }))
		],
		rows: [...c.rows.map(row), ...(c.total ? [row(c.total)] : [])]
	};
}
