/**
 * What the Wellbeing page's figures say, in words: chart titles that state the message, the
 * page's headline and the key figures of the chosen measure. Computed only from shown
 * (disclosed) figures. Pure.
 */
import { formatDisclosed, formatNumber } from '../charts/table.js';
import { measureDigits } from '../charts/wellbeing-tables.js';
import type { MeasureSpec } from '../schema/instruments.js';
import { missingFile } from './delivered.js';
import type { KeyFigure } from './key-figure.js';
import type { BandMovementFigure } from './wellbeing-bands.js';
import type { Completeness, CompletenessRow } from './wellbeing-completeness.js';
import { measureLabel, type GroupChange, type MeasureSummary } from './wellbeing.js';

const points = (v: number, digits: number) => `${formatNumber(Math.abs(v), digits)} point${Math.abs(v) === 1 ? '' : 's'}`;

/** The chosen measure's change in a sentence, e.g. "ONS4 life satisfaction improved by 0.92 points on average". */
export function changeSentence(s: MeasureSummary): string | null {
	const mean = s.meanChange.value;
	if (mean === null) return null;
	const d = measureDigits(s.spec);
	const verb = mean > 0 ? 'improved' : mean < 0 ? 'got worse' : 'did not change';
	const by = mean === 0 ? '' : ` by ${points(mean, d)}`;
	return `${measureLabel(s.spec)} ${verb}${by} on average between baseline and follow-up`;
}

/**
 * The page's headline: the chosen measure's change, its base, and the shares improved and worse.
 * `delivered` (first-view.json) names a wellbeing file that never came.
 */
export function wellbeingHeadline(s: MeasureSummary | undefined, delivered?: readonly string[]): string {
	if (!s) return '';
	if (s.pairCount === 0) return missingFile(delivered, 'wellbeing') ?? `No one has both a baseline and a follow-up ${measureLabel(s.spec)} score for these filters.`;
	const sentence = changeSentence(s);
	if (!sentence) return `Fewer than 8 people have both a baseline and a follow-up ${measureLabel(s.spec)} score, so their change is not shown.`;
	const improved = s.improved.value === null ? '' : `; ${formatNumber(s.improved.value, 0)}% improved by at least ${s.threshold} point${s.threshold === 1 ? '' : 's'}`;
	const worse = s.worse.value === null ? '' : ` and ${formatNumber(s.worse.value, 0)}% got worse by as much`;
	return `${sentence} (${formatDisclosed(s.pairs)} people with both scores)${improved}${worse}.`;
}

/** Key figures of the chosen measure, and the share of accepted referrals with any pair; `delivered` as for wellbeingHeadline. */
export function wellbeingKeyFigures(s: MeasureSummary, completeness: CompletenessRow | null, delivered?: readonly string[]): KeyFigure[] {
	const d = measureDigits(s.spec);
	const none = s.pairCount === 0 ? { missing: missingFile(delivered, 'wellbeing') ?? 'No paired scores for the current filters.' } : {};
	const direction = s.spec.higher_is_better ? '' : ' (a fall in the score, since lower is better)';
	return [
		{ key: 'pairs', label: 'People with both scores', value: s.pairs, digits: 0, unit: '', interval: null, detail: `Referrals with a baseline and a later follow-up ${measureLabel(s.spec)} score.` },
		{
			key: 'change',
			label: 'Mean change',
			value: s.meanChange,
			digits: d,
			unit: ' points',
			interval: s.changeInterval,
			detail: `Mean paired change in ${measureLabel(s.spec)}, positive = better${direction}, with a 95% t-interval.`,
			...none
		},
		{
			key: 'improved',
			label: 'Meaningfully improved',
			value: s.improved,
			digits: 1,
			unit: '%',
			interval: s.improvedInterval,
			detail: `Share of pairs that improved by at least ${s.threshold} point${s.threshold === 1 ? '' : 's'}${s.spec.instrument === 'ons4' || s.spec.instrument === 'ucla3' ? ' (a convention, not a validated threshold)' : ''}, with a 95% Wilson interval.`,
			...none
		},
		{
			key: 'worse',
			label: 'Meaningfully worse',
			value: s.worse,
			digits: 1,
			unit: '%',
			interval: s.worseInterval,
			detail: `Share of pairs that got worse by at least ${s.threshold} point${s.threshold === 1 ? '' : 's'}, with a 95% Wilson interval.`,
			...none
		},
		{
			key: 'completeness',
			label: 'Accepted referrals with a pair',
			value: completeness?.pairedPercent ?? { value: null, suppressed: null },
			digits: 1,
			unit: '%',
			interval: completeness?.pairedInterval ?? null,
			detail: 'Share of accepted referrals with a baseline and follow-up on any instrument, with a 95% Wilson interval.',
			...(completeness ? {} : { missing: 'No accepted referrals for the current filters.' })
		}
	];
}

/** Title of the summary table: how many measures improved with intervals above zero. */
export function summaryTitle(rows: MeasureSummary[]): string {
	const measured = rows.filter((r) => r.meanChange.value !== null);
	if (measured.length === 0) return 'Wellbeing by instrument and measure';
	const up = measured.filter((r) => r.changeInterval && r.changeInterval.lower > 0).length;
	if (up === measured.length) return `All ${measured.length} measures shown improved on average, with 95% intervals above zero`;
	return `${up} of ${measured.length} measures shown improved on average with 95% intervals above zero`;
}

/** Title of the distributions: the mean of the same people at baseline and at follow-up. */
export function distributionTitle(s: MeasureSummary): string {
	const b = s.meanBaseline.value;
	const f = s.meanFollowUp.value;
	if (b === null || f === null) return `${measureLabel(s.spec)} at baseline and follow-up`;
	const d = measureDigits(s.spec);
	const moved = f > b ? 'rose' : f < b ? 'fell' : 'stayed';
	const note = s.spec.higher_is_better ? '' : ' (lower is better)';
	return `Mean ${measureLabel(s.spec)} ${moved} from ${formatNumber(b, d)} at baseline to ${formatNumber(f, d)} at follow-up${note}`;
}

/** Title of the breakdown: the groups that differ from everyone, or that none do. */
export function changeTitle(groups: GroupChange[], dimensionName: string): string {
	const better = groups.filter((g) => g.benchmark === 'better').map((g) => g.name);
	const worse = groups.filter((g) => g.benchmark === 'worse').map((g) => g.name);
	const list = (names: string[]) => (names.length <= 2 ? names.join(' and ') : `${names.length} groups`);
	if (groups.every((g) => g.benchmark === 'not_compared')) return `Too few people with both scores in any ${dimensionName} to compare with the average`;
	if (better.length === 0 && worse.length === 0) return `Change was similar to the average in every ${dimensionName} that could be compared`;
	const parts = [...(better.length ? [`better than average in ${list(better)}`] : []), ...(worse.length ? [`worse than average in ${list(worse)}`] : [])];
	return `Change was ${parts.join(' and ')}`;
}

/** Title of band movement: how many of those in the poor band moved out of it. */
export function bandTitle(f: BandMovementFigure, spec: MeasureSpec): string {
	const poor = f.rows.find((r) => r.band === f.poor);
	const pct = poor?.percents.better.value;
	const what = spec.measure === 'anxiety' ? 'high anxiety' : `low ${measureLabel(spec).replace('ONS4 ', '')}`;
	if (pct === null || pct === undefined) return `${measureLabel(spec)}: movement between ONS bands`;
	return `${formatNumber(pct, 0)}% of people with ${what} at baseline were out of that band at follow-up`;
}

/** Title of completeness: the share with a pair, and its range across PCNs. */
export function completenessTitle(c: Completeness): string {
	const all = c.total ?? c.rows[0];
	const pct = all?.pairedPercent.value;
	if (pct === null || pct === undefined) return 'Accepted referrals with wellbeing scores';
	const shown = c.rows.filter((r) => r.pairedPercent.value !== null).map((r) => r.pairedPercent.value!);
	const range = c.total && shown.length > 1 ? `; PCNs ranged from ${formatNumber(Math.min(...shown), 0)}% to ${formatNumber(Math.max(...shown), 0)}%` : '';
	return `${formatNumber(pct, 0)}% of accepted referrals have a baseline and follow-up pair${range}`;
}
