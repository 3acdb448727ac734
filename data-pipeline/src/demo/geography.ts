/** The practices, PCNs and sub-ICB locations a demo delivery is drawn for, and their list sizes. */
import type { Random } from './random.js';

/** A GP practice of the demo geography. */
export interface Practice {
	code: string;
	name: string;
	/** Index into {@link Geography.pcns}, or -1 when the practice is in no PCN (`U`). */
	pcn: number;
	listSize: number;
}

/** A primary care network. */
export interface Pcn {
	code: string;
	name: string;
}

/** Practices and PCNs, plus the practice map rows to write beside the delivery. */
export interface Geography {
	icbCode: string;
	icbName: string;
	practices: Practice[];
	pcns: Pcn[];
	/** Header record of `gp-reg-pat-prac-map.csv`. */
	practiceMapHeader: string;
	/** Records of `gp-reg-pat-prac-map.csv` (without line ends) in NHS Digital's layout. */
	practiceMapLines: string[];
	/** Where the geography came from: the fictional ICB or a reference file. */
	source: 'fictional' | 'reference';
}

/**
 * A registered list size between 2,000 and 20,000, skewed towards larger practices (mean about
 * 15,000) as English practices have grown through mergers.
 */
export function drawListSize(rng: Random): number {
	const x = 1 - Math.pow(1 - rng.next(), 2.5);
	return Math.round(2000 + 18000 * x);
}

/** Header of NHS Digital's `gp-reg-pat-prac-map.csv`, exactly as published. */
export const PRACTICE_MAP_COLUMNS = [
	'PUBLICATION',
	'EXTRACT_DATE',
	'PRACTICE_CODE',
	'PRACTICE_NAME',
	'PRACTICE_POSTCODE',
	'PCN_CODE',
	'PCN_NAME',
	'ONS_SUB_ICB_LOCATION_CODE',
	'SUB_ICB_LOCATION_CODE',
	'SUB_ICB_LOCATION_NAME',
	'ONS_ICB_CODE',
	'ICB_CODE',
	'ICB_NAME',
	'ONS_COMM_REGION_CODE',
	'COMM_REGION_CODE',
	'COMM_REGION_NAME',
	'SUPPLIER_NAME'
] as const;
