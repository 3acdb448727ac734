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

/** Rules of a file whose rows belong to a referral: it exists, and `date` is not before it (less `graceDays`). */
function notBeforeReferral(date: string, graceDays: number): CrossRules {
	const limit = graceDays > 0 ? `r.referral_date - INTERVAL ${graceDays} DAY` : 'r.referral_date';
	const words = graceDays > 0 ? `more than ${graceDays} days before the referral date` : 'before the referral date';
	return {
		join: `LEFT JOIN final_referrals r ON r.referral_id = b.referral_id`,
		rules: [
			referralExists,
			{
				when: `b.${date} < ${limit}`,
				reason: `'${date} ' || b.${date} || ' is ${words} ' || r.referral_date`,
				code: `'${date}: ${words}'`
			}
		]
	};
}

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
			return notBeforeReferral('contact_date', 0);
		case 'wellbeing':
			return notBeforeReferral('assessment_date', 30);
		case 'signposting':
			return notBeforeReferral('signpost_date', 0);
		default:
			return null;
	}
}
