/**
 * Generate a demo delivery: the contract's seven files, the practice reference beside them and
 * the truth of what was planted. Output depends only on the options, never on the clock.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DateTable } from './calendar.js';
import { buildComparison, writeComparison } from './comparison.js';
import type { DeliveryContext } from './context.js';
import { Faults } from './dirty.js';
import { fictionalGeography } from './fictional-icb.js';
import { writeGpAppointments } from './gp-appointments.js';
import { IdFormat } from './ids.js';
import { AS_AT_DAY, REFERRAL_FIRST_DAY } from './period.js';
import { drawPracticeTraits } from './practice-traits.js';
import { referenceGeography } from './reference-icb.js';
import { buildReferrals } from './referrals.js';
import { plantedTruth } from './truth.js';
import { writeWellbeing } from './wellbeing.js';
import { writeActivity } from './write-activity.js';
import { writeReference } from './write-reference.js';
import { writeReferrals } from './write-referrals.js';
import { writeWorkforce } from './workforce.js';

/** Options of one generated delivery. */
export interface DemoOptions {
	/** Output folder (created; only the files this generator writes are replaced). */
	out: string;
	referrals: number;
	seed: number | string;
	/** NHS Digital practice map and ICB code to draw practices from, instead of the fictional ICB. */
	reference?: { file: string; icb: string };
	dirty: boolean;
	/** Progress messages; silent when absent. */
	log?: (message: string) => void;
}

/** Generate the delivery and return the planted truth (also written to `truth/planted.json`). */
export async function generateDemo(options: DemoOptions): Promise<object> {
	if (!Number.isInteger(options.referrals) || options.referrals < 1) throw new Error('--referrals must be a positive whole number');
	const started = performance.now();
	const log = (message: string): void => options.log?.(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`);
	const geo = options.reference
		? referenceGeography(options.reference.file, options.reference.icb, options.seed)
		: fictionalGeography(options.referrals, options.seed);
	const traits = drawPracticeTraits(geo, options.seed);
	log(`${geo.practices.length} practices in ${geo.pcns.length} PCNs (${geo.icbCode}); drawing ${options.referrals} referrals`);
	const cohort = buildReferrals(geo, traits, options.referrals, options.seed);
	await mkdir(options.out, { recursive: true });
	await mkdir(`${options.out}/truth`, { recursive: true });
	const ctx: DeliveryContext = {
		dir: options.out,
		seed: options.seed,
		geo,
		traits,
		cohort,
		ids: new IdFormat(options.referrals),
		dates: new DateTable(REFERRAL_FIRST_DAY - 2000, AS_AT_DAY),
		faults: new Faults(options.dirty, options.seed),
		rejected: new Uint8Array(options.referrals),
		log
	};
	const rows: Record<string, number> = {};
	rows.referrals = await writeReferrals(ctx);
	log(`referrals.csv: ${rows.referrals} rows`);
	Object.assign(rows, await writeActivity(ctx));
	log(`contacts.csv: ${rows.contacts} rows; signposting.csv: ${rows.signposting} rows`);
	const wellbeing = await writeWellbeing(ctx);
	rows.wellbeing = wellbeing.rows;
	log(`wellbeing.csv: ${rows.wellbeing} rows`);
	const comparison = buildComparison(cohort, options.seed);
	rows.comparison = await writeComparison(ctx, comparison);
	log(`comparison.csv: ${rows.comparison} rows`);
	const gp = await writeGpAppointments(ctx, comparison);
	rows.gp_appointments = gp.rows;
	log(`gp_appointments.csv: ${rows.gp_appointments} rows`);
	rows.workforce = await writeWorkforce(ctx);
	await writeReference(options.out, geo);
	const truth = plantedTruth(ctx, {
		parameters: {
			referrals: options.referrals,
			seed: options.seed,
			dirty: options.dirty,
			reference: options.reference ? basename(options.reference.file) : null,
			icb: options.reference ? options.reference.icb : null
		},
		rows,
		comparisonPeople: comparison.people.n,
		wellbeing: wellbeing.tally,
		did: gp.did
	});
	await writeFile(`${options.out}/truth/planted.json`, JSON.stringify(truth, null, 2) + '\n');
	log('done');
	return truth;
}
