/**
 * The fixed period the demo delivery covers. Output never depends on today's date: the data are
 * "as at" the end of September 2026, six months after the last referral, so every referral has
 * a six-month GP follow-up window.
 */
import { dayOf, monthOf } from './calendar.js';

/** First referral date: start of financial year 2023/24. */
export const REFERRAL_FIRST_DAY = dayOf('2023-04-01');
/** Last referral date: end of financial year 2025/26. */
export const REFERRAL_LAST_DAY = dayOf('2026-03-31');
/** First month of referrals. */
export const REFERRAL_FIRST_MONTH = monthOf('2023-04');
/** Number of referral months (three financial years). */
export const REFERRAL_MONTHS = 36;
/** Date the extract was taken: no date in the delivery is later. */
export const AS_AT_DAY = dayOf('2026-09-30');
/** Last month of the GP appointment extract. */
export const GP_LAST_MONTH = monthOf('2026-09');
/** Months of GP history before a person's first referral (before the random extra). */
export const GP_MONTHS_BEFORE = 12;
/** Months of GP history after a person's last referral (before the random extra). */
export const GP_MONTHS_AFTER = 12;
/** The extract may reach up to this many further months either side, at random per person. */
export const GP_EXTRA_MONTHS = 6;
/** First month any GP row can fall in. */
export const GP_FIRST_MONTH = REFERRAL_FIRST_MONTH - GP_MONTHS_BEFORE - GP_EXTRA_MONTHS;
/** Workforce rows run from the first referral month to the extract month. */
export const WORKFORCE_FIRST_MONTH = REFERRAL_FIRST_MONTH;
