/**
 * ONS4 band movement: for the pairs starting in each ONS band, how many ended in a better band,
 * the same band or a worse one. Pure; from ons4BandPairs rows.
 */
import { ONS4_BANDS, ONS4_POOR_BAND, suppressHierarchy, type DisclosedValue, type Ons4Band, type Ons4Measure } from '../metrics/index.js';
import { count, text, type Row } from './rows.js';
import { percentOfShown } from './share.js';

/** Where a pair's follow-up band is relative to its baseline band. */
export const MOVEMENTS = ['better', 'same', 'worse'] as const;

/** One movement. */
export type Movement = (typeof MOVEMENTS)[number];

/** What each movement is called on screen. */
export const MOVEMENT_LABELS: Record<Movement, string> = { better: 'Moved to a better band', same: 'Stayed in the same band', worse: 'Moved to a worse band' };

/** The pairs that started in one band. */
export interface BandRow {
	band: Ons4Band;
	label: string;
	people: DisclosedValue;
	counts: Record<Movement, DisclosedValue>;
	/** Percentages of the band's people, from the shown (rounded) counts. */
	percents: Record<Movement, DisclosedValue>;
}

/** Band movement of one ONS4 measure. */
export interface BandMovementFigure {
	measure: Ons4Measure;
	/** Bands from the lowest score up. */
	rows: BandRow[];
	/** The band of poor wellbeing (low; high for anxiety). */
	poor: Ons4Band;
	/** Pairs counted (unrounded). */
	pairs: number;
}

/** Band names on screen: 'very_low' -> 'Very low'. */
export function bandLabel(band: Ons4Band): string {
	const words = band.replace('_', ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Movement between bands, with secondary suppression over the tree all pairs -> baseline band ->
 * movement, so a hidden count cannot be recovered from its band's other counts or total. A
 * better band is a higher one, except for anxiety, where lower is better.
 */
export function bandMovement(rows: Row[], measure: Ons4Measure): BandMovementFigure {
	const bands = ONS4_BANDS[measure].map(([band]) => band);
	const rank = (band: string | null) => bands.indexOf(band as Ons4Band);
	const better = measure === 'anxiety' ? -1 : 1;
	const tally = new Map<string, number>();
	for (const r of rows) {
		const from = rank(text(r, 'baseline_band'));
		const to = rank(text(r, 'follow_up_band'));
		if (from < 0 || to < 0) continue;
		const movement: Movement = to === from ? 'same' : Math.sign(to - from) === better ? 'better' : 'worse';
		const key = `${bands[from]}:${movement}`;
		tally.set(key, (tally.get(key) ?? 0) + count(r, 'pairs'));
	}
	const value = (band: Ons4Band, m?: Movement) => (m ? (tally.get(`${band}:${m}`) ?? 0) : MOVEMENTS.reduce((s, x) => s + (tally.get(`${band}:${x}`) ?? 0), 0));
	const pairs = bands.reduce((s, b) => s + value(b), 0);
	const cells = suppressHierarchy([
		{ id: 'all', parent_id: null, value: pairs },
		...bands.flatMap((b) => [{ id: b, parent_id: 'all', value: value(b) }, ...MOVEMENTS.map((m) => ({ id: `${b}:${m}`, parent_id: b, value: value(b, m) }))])
	]);
	const cell = (id: string) => cells.find((c) => c.id === id)!;
	const shown = (id: string): DisclosedValue => ({ value: cell(id).shown, suppressed: cell(id).suppressed });
	return {
		measure,
		poor: ONS4_POOR_BAND[measure],
		pairs,
		rows: bands.map((band) => ({
			band,
			label: bandLabel(band),
			people: shown(band),
			counts: Object.fromEntries(MOVEMENTS.map((m) => [m, shown(`${band}:${m}`)])) as Record<Movement, DisclosedValue>,
			percents: Object.fromEntries(MOVEMENTS.map((m) => [m, percentOfShown(cell(`${band}:${m}`).shown, cell(band).shown).value])) as Record<Movement, DisclosedValue>
		}))
	};
}
