/**
 * Rules that need another table: the practice reference, or the referral a record belongs to
 * (after referrals have been validated and superseded). Tables used: `ref_practices`,
 * `final_referrals`.
 */
import type { FileName } from '../../../src/lib/schema/index.js';
import type { RowRule } from './row-rules.js';

/** A join that brings in what the rules need, and the rules over the joined row. */
export interface CrossRules {
	join: string;
	rules: RowRule[];
}

const practiceRule: RowRule = {
	when: `b.practice_code IS NOT NULL AND p.practice_code IS NULL`,
	reason: `'practice_code ' || b.practice_code || ' is not in the practice reference'`,
	code: `'practice_code: not in the practice reference'`
};

const referralExists: RowRule = {
	when: `b.referral_id IS NOT NULL AND r.referral_id IS NULL`,
	reason: `'referral_id ''' || left(b.referral_id, 40) || ''' is not a loaded referral'`,
	code: `'referral_id: not a loaded referral'`
};

const referralJoin = `LEFT JOIN final_referrals r ON r.referral_id = b.referral_id`;

/** Cross-table rules of a file (none for files that stand alone). */
export function crossRules(file: FileName): CrossRules | null {
	switch (file) {
		case 'referrals':
			return { join: `LEFT JOIN ref_practices p ON p.practice_code = b.practice_code`, rules: [practiceRule] };
		case 'comparison':
			return {
				join: `LEFT JOIN ref_practices p ON p.practice_code = b.practice_code
					LEFT JOIN (SELECT DISTINCT person_id FROM final_referrals) rp ON rp.person_id = b.person_id`,
				rules: [
					practiceRule,
					{
						when: `rp.person_id IS NOT NULL`,
						reason: `'person_id ''' || left(b.person_id, 40) || ''' is a referred person'`,
						code: `'person_id: a referred person'`
					}
				]
			};
		case 'contacts':
			return {
				join: referralJoin,
				rules: [
					referralExists,
					{
						when: `b.contact_date < r.referral_date`,
						reason: `'contact_date ' || b.contact_date || ' is before the referral date ' || r.referral_date`,
						code: `'contact_date: before the referral date'`
					}
				]
			};
		case 'wellbeing':
			return {
				join: referralJoin,
				rules: [
					referralExists,
					{
						when: `b.assessment_date < r.referral_date - INTERVAL 30 DAY`,
						reason: `'assessment_date ' || b.assessment_date || ' is more than 30 days before the referral date ' || r.referral_date`,
						code: `'assessment_date: more than 30 days before the referral date'`
					}
				]
			};
		case 'signposting':
			return {
				join: referralJoin,
				rules: [
					referralExists,
					{
						when: `b.signpost_date < r.referral_date`,
						reason: `'signpost_date ' || b.signpost_date || ' is before the referral date ' || r.referral_date`,
						code: `'signpost_date: before the referral date'`
					}
				]
			};
		default:
			return null;
	}
}
