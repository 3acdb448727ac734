/** What the file writers of one demo delivery share. */
import { fileSpec, type FileName } from '../../../src/lib/schema/index.js';
import type { DateTable } from './calendar.js';
import type { Faults } from './dirty.js';
import type { Geography } from './geography.js';
import type { IdFormat } from './ids.js';
import type { PracticeTraits } from './practice-traits.js';
import type { Cohort } from './referrals.js';

/** Everything a writer needs to turn the model into rows. */
export interface DeliveryContext {
	/** Delivery folder. */
	dir: string;
	seed: number | string;
	geo: Geography;
	traits: PracticeTraits;
	cohort: Cohort;
	ids: IdFormat;
	dates: DateTable;
	faults: Faults;
	/** Per referral: 1 when its row carries a planted fault, so the pipeline rejects it. */
	rejected: Uint8Array;
	/** Progress messages (stderr in the CLI). */
	log: (message: string) => void;
}

/**
 * The contract's header of a file, after checking that a writer's field order matches it:
 * writers assemble rows positionally for speed, so a change to the schema must fail loudly
 * here rather than shift values into the wrong columns.
 */
export function contractHeader(name: FileName, writerOrder: readonly string[]): string[] {
	const header = fileSpec(name).columns.map((c) => c.name);
	if (header.join(',') !== writerOrder.join(',')) {
		throw new Error(`The ${name} writer's columns (${writerOrder.join(',')}) differ from the contract's (${header.join(',')})`);
	}
	return header;
}
