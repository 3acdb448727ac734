/**
 * Rules that compare values within one row (dates in order, a score within its measure's range).
 * Each is SQL over the typed columns of that file; the run date is the DuckDB variable
 * `sp_today`, set (as a bound parameter) once per run.
 */
import { EARLIEST_REFERRAL_DATE, MEASURES, type FileName } from '../../../src/lib/schema/index.js';
import { str } from './column-sql.js';

/** One rule: a condition that makes the row invalid, its detailed reason and its reason code. */
export interface RowRule {
	when: string;
	reason: string;
	code: string;
}

/** Same-row rules for a file, in the order they are reported. */
export function rowRules(file: FileName): RowRule[] {
	switch (file) {
		case 'referrals':
			return [
				{
					when: `referral_date < DATE ${str(EARLIEST_REFERRAL_DATE)}`,
					reason: `'referral_date ' || referral_date || ${str(` is before ${EARLIEST_REFERRAL_DATE}`)}`,
					code: `'referral_date: before ${EARLIEST_REFERRAL_DATE}'`
				},
				{
					when: `referral_date > getvariable('sp_today')`,
					reason: `'referral_date ' || referral_date || ' is in the future'`,
					code: `'referral_date: in the future'`
				},
				{
					when: `first_contact_date < referral_date`,
					reason: `'first_contact_date ' || first_contact_date || ' is before referral_date ' || referral_date`,
					code: `'first_contact_date: before referral_date'`
				},
				{
					when: `discharge_date < referral_date`,
					reason: `'discharge_date ' || discharge_date || ' is before referral_date ' || referral_date`,
					code: `'discharge_date: before referral_date'`
				},
				{
					when: `discharge_date < first_contact_date`,
					reason: `'discharge_date ' || discharge_date || ' is before first_contact_date ' || first_contact_date`,
					code: `'discharge_date: before first_contact_date'`
				}
			];
		case 'wellbeing': {
			const known = MEASURES.map((m) => `(instrument = ${str(m.instrument)} AND measure = ${str(m.measure)})`).join(' OR ');
			const inRange = MEASURES.map(
				(m) =>
					`(instrument = ${str(m.instrument)} AND measure = ${str(m.measure)} AND score BETWEEN ${m.min} AND ${m.max}${m.integer ? ' AND score = round(score)' : ''})`
			).join(' OR ');
			const rangeText = `CASE ${MEASURES.map((m) => `WHEN instrument = ${str(m.instrument)} AND measure = ${str(m.measure)} THEN ${str(`${m.integer ? 'whole numbers ' : ''}${m.min} to ${m.max}`)}`).join(' ')} END`;
			return [
				{
					when: `NOT (${known})`,
					reason: `'measure ''' || left(measure, 40) || ''' is not a measure of ' || instrument`,
					code: `'measure: not a measure of the instrument'`
				},
				{
					when: `(${known}) AND NOT (${inRange})`,
					reason: `'score ' || score || ' is outside the range of ' || instrument || ' ' || measure || ' (' || ${rangeText} || ')'`,
					code: `'score: outside the measure''s range'`
				}
			];
		}
		default:
			return [];
	}
}
