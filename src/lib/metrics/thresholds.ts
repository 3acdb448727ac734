import type { Instrument } from '../schema/instruments.js';

/** A meaningful-change threshold on an instrument's analysis scale, with where it comes from. */
export interface ChangeThreshold {
	instrument: Instrument;
	/** Points of improvement on the analysis scale (SWEMWBS: metric score). */
	points: number;
	/** Whether the threshold is validated or a convention: shown on the Methods page. */
	basis: 'published' | 'convention';
	source: string;
}

/**
 * Default meaningful change per instrument. A person counts as improved when their
 * improvement-positive change is at least this, and as worse when it is at most minus this.
 */
export const DEFAULT_CHANGE_THRESHOLDS: Readonly<Record<Instrument, ChangeThreshold>> = {
	wemwbs: {
		instrument: 'wemwbs',
		points: 3,
		basis: 'published',
		source: 'Maheswaran et al. 2012, Health Qual Life Outcomes 10:156: SEM 2.4-3.1; a change of 3 points is about one SEM'
	},
	swemwbs: {
		instrument: 'swemwbs',
		points: 1,
		basis: 'published',
		source: 'Shah et al. 2018, Health Qual Life Outcomes 16:239: 1 to 3 metric points is statistically important at individual level (SEM 1.03)'
	},
	ons4: {
		instrument: 'ons4',
		points: 1,
		basis: 'convention',
		source: 'Convention: ONS publishes no validated minimal important change for ONS4 items'
	},
	ucla3: {
		instrument: 'ucla3',
		points: 1,
		basis: 'convention',
		source: 'Convention: the UCLA 3-item loneliness scale has no validated minimal important difference'
	}
};

/** UCLA-3 totals at or above this count as lonely (Hughes et al. 2004 scoring, ONS guidance). */
export const UCLA3_LONELY_FROM = 6;
