/**
 * How the pipeline prepares the published tables, in words, for the Methods page. Built from
 * the constants the pipeline's SQL uses, so the two cannot drift.
 */
import { ACCEPTED_STATUSES } from './enums.js';
import { EARLIEST_REFERRAL_DATE } from './contract.js';
import { MEASURES } from './instruments.js';

/** One data definition: a term and what it means in Signpost. */
export interface DataDefinition {
	term: string;
	definition: string;
}

const lowerIsBetter = MEASURES.filter((m) => !m.higher_is_better).map((m) => m.label);

/** Definitions of the prepared data, in reading order. */
export const DATA_DEFINITIONS: readonly DataDefinition[] = [
	{
		term: 'Referral',
		definition: `One row of referrals.csv that passed every rule of the export format (practice in NHS Digital's practice map, referral date from ${EARLIEST_REFERRAL_DATE} and not in the future, dates in order). Rejected rows are listed with their line and reason in the pipeline's rejects files and counted in its manifest; when several deliveries hold the same referral, the latest delivery's record is used.`
	},
	{
		term: 'Accepted',
		definition: `A referral whose status is ${ACCEPTED_STATUSES.join(', ')}: the person engaged with the link worker, whatever happened later. Referrals with no status recorded are neither accepted nor not accepted.`
	},
	{
		term: 'Financial year and quarter',
		definition: 'NHS financial years run April to March and are labelled 2024/25; Q1 is April-June and Q4 January-March. A referral belongs to the period of its referral date.'
	},
	{
		term: 'IMD quintile',
		definition: 'Index of Multiple Deprivation deciles paired into quintiles (deciles 1-2 are quintile 1, the most deprived fifth).'
	},
	{
		term: 'Wellbeing pair',
		definition: `For each referral and wellbeing measure, the baseline is the earliest score labelled baseline (or, without labels, the earliest score) and the follow-up is the latest score labelled follow-up (or, without labels, the latest score) dated after the baseline. Review scores are not paired. Change is follow-up minus baseline, reversed for ${lowerIsBetter.join(' and ')} where a lower score is better, so that a positive change is always an improvement. SWEMWBS raw totals are converted to Warwick's metric score before change is taken. Each pair is marked improved (change at least the instrument's meaningful change, within 1e-9), worse (at most minus it) or neither; the shares improved and worse count these marks.`
	},
	{
		term: 'GP appointments before and after',
		definition: 'Attended GP appointments in the W months before the month of referral and the W months after it (the referral month itself is left out; W is 6 unless set otherwise). A month missing from the GP extract is unknown, not zero: a person counts only when their record covers all 2W months. The comparison cohort is measured the same way around its index date.'
	}
];
