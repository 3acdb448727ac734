/** Referral counts: the first figures the app shows. */
import { column, table, type Query } from './query.js';

const fy = column('referrals', 'financial_year');
const month = column('referrals', 'referral_month');

/** Referrals per NHS financial year, oldest first: columns `financial_year`, `referrals`. */
export function referralsPerFinancialYear(): Query {
	return {
		sql: `SELECT ${fy} AS financial_year, count(*)::INTEGER AS referrals FROM ${table('referrals')} GROUP BY ${fy} ORDER BY ${fy}`,
		params: [],
		tables: ['referrals']
	};
}

/** Referrals per calendar month within one financial year (e.g. '2024/25'): `referral_month` (epoch ms), `referrals`. */
export function referralsPerMonth(financialYear: string): Query {
	return {
		sql: `SELECT ${month} AS referral_month, count(*)::INTEGER AS referrals FROM ${table('referrals')} WHERE ${fy} = ? GROUP BY ${month} ORDER BY ${month}`,
		params: [financialYear],
		tables: ['referrals']
	};
}
