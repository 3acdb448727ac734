/** Wellbeing instruments and measures accepted in `wellbeing.csv`, with their score ranges. */

/** Instrument codes as written in exports. */
export const INSTRUMENTS = ['ons4', 'wemwbs', 'swemwbs', 'ucla3'] as const;

/** One instrument code. */
export type Instrument = (typeof INSTRUMENTS)[number];

/** A measure of an instrument, its valid range and whether a higher score is better. */
export interface MeasureSpec {
	instrument: Instrument;
	measure: string;
	label: string;
	min: number;
	max: number;
	/** Scores must be whole numbers. */
	integer: boolean;
	higher_is_better: boolean;
}

/** Every instrument/measure pair of the export format, in display order. */
export const MEASURES: readonly MeasureSpec[] = [
	{ instrument: 'ons4', measure: 'life_satisfaction', label: 'ONS4 life satisfaction', min: 0, max: 10, integer: true, higher_is_better: true },
	{ instrument: 'ons4', measure: 'worthwhile', label: 'ONS4 worthwhile', min: 0, max: 10, integer: true, higher_is_better: true },
	{ instrument: 'ons4', measure: 'happiness', label: 'ONS4 happiness', min: 0, max: 10, integer: true, higher_is_better: true },
	{ instrument: 'ons4', measure: 'anxiety', label: 'ONS4 anxiety', min: 0, max: 10, integer: true, higher_is_better: false },
	{ instrument: 'wemwbs', measure: 'total', label: 'WEMWBS', min: 14, max: 70, integer: true, higher_is_better: true },
	{ instrument: 'swemwbs', measure: 'total', label: 'SWEMWBS (raw)', min: 7, max: 35, integer: true, higher_is_better: true },
	{ instrument: 'ucla3', measure: 'total', label: 'UCLA 3-item loneliness', min: 3, max: 9, integer: true, higher_is_better: false }
];

/** Find the spec of an instrument/measure pair, or undefined when the pair is not in the format. */
export function measureSpec(instrument: string, measure: string): MeasureSpec | undefined {
	return MEASURES.find((m) => m.instrument === instrument && m.measure === measure);
}
