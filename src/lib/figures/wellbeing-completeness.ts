/**
 * Completeness of wellbeing measurement: of accepted referrals, how many have a baseline, a
 * follow-up and a pair, per PCN and in total, overall and per instrument. Pure; from
 * wellbeingCompleteness rows.
 */
import { suppressHierarchy, type DisclosedValue } from '../metrics/index.js';
import { INSTRUMENTS, type Instrument } from '../schema/instruments.js';
import type { ShownInterval } from './overview.js';
import { count, text, type Row } from './rows.js';
import { percentOfShown } from './share.js';

/** Instrument names in table headings. */
export const INSTRUMENT_NAMES: Record<Instrument, string> = { ons4: 'ONS4', wemwbs: 'WEMWBS', swemwbs: 'SWEMWBS', ucla3: 'UCLA-3' };

/** The counts of one area. */
export interface CompletenessRow {
	/** PCN code; null for the total. */
	code: string | null;
	name: string;
	accepted: DisclosedValue;
	baseline: DisclosedValue;
	followUp: DisclosedValue;
	paired: DisclosedValue;
	/** Share of accepted referrals with a pair on any instrument (from the shown counts). */
	pairedPercent: DisclosedValue;
	pairedInterval: ShownInterval | null;
	/** Accepted referrals with a pair on each instrument. */
	pairedBy: Record<Instrument, DisclosedValue>;
}

/** PCN rows (sorted by name) and the total (null when there is only one PCN: it would repeat it). */
export interface Completeness {
	rows: CompletenessRow[];
	total: CompletenessRow | null;
}

type Column = 'accepted' | 'baseline' | 'follow_up' | 'paired';

/**
 * Completeness per PCN. Each column (accepted, baseline, follow-up, pair, pairs per instrument)
 * goes through secondary suppression over total -> PCNs, so the total cannot reveal a hidden PCN.
 */
export function completeness(rows: Row[], pcnName: (code: string) => string | undefined): Completeness {
	const areas = [...new Set(rows.map((r) => text(r, 'pcn_code')).filter((c): c is string => c !== null))];
	const value = (pcn: string | null, instrument: string, column: Column) =>
		count(
			rows.find((r) => text(r, 'pcn_code') === pcn && text(r, 'instrument') === instrument),
			column
		);
	const disclosed = (instrument: string, column: Column) => {
		const cells = suppressHierarchy([
			{ id: '', parent_id: null, value: value(null, instrument, column) },
			...areas.map((pcn) => ({ id: pcn, parent_id: '', value: value(pcn, instrument, column) }))
		]);
		return new Map(cells.map((c) => [c.id === '' ? null : c.id, { value: c.shown, suppressed: c.suppressed } as DisclosedValue]));
	};
	const columns = {
		accepted: disclosed('any', 'accepted'),
		baseline: disclosed('any', 'baseline'),
		followUp: disclosed('any', 'follow_up'),
		paired: disclosed('any', 'paired'),
		pairedBy: Object.fromEntries(INSTRUMENTS.map((i) => [i, disclosed(i, 'paired')])) as Record<Instrument, Map<string | null, DisclosedValue>>
	};
	const row = (code: string | null): CompletenessRow => {
		const accepted = columns.accepted.get(code)!;
		const paired = columns.paired.get(code)!;
		const share = percentOfShown(paired.value, accepted.value);
		return {
			code,
			name: code === null ? 'All PCNs' : (pcnName(code) ?? code),
			accepted,
			baseline: columns.baseline.get(code)!,
			followUp: columns.followUp.get(code)!,
			paired,
			pairedPercent: paired.value === null || accepted.value === null ? { value: null, suppressed: paired.suppressed ?? accepted.suppressed } : share.value,
			pairedInterval: share.interval,
			pairedBy: Object.fromEntries(INSTRUMENTS.map((i) => [i, columns.pairedBy[i].get(code)!])) as Record<Instrument, DisclosedValue>
		};
	};
	const pcnRows = areas.map(row).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
	const hasTotal = rows.some((r) => text(r, 'pcn_code') === null);
	return { rows: pcnRows, total: hasTotal && pcnRows.length > 1 ? row(null) : null };
}
