/** SQL macros for NHS calendars, shared by the derived tables. */

/** Financial years whose labels are looked up rather than built, by the year they start in. */
const FIRST_LISTED = 1900;
const LAST_LISTED = 2199;

/** The label of the financial year starting in April of `year`, e.g. 2024 -> '2024/25'. */
function label(year: number): string {
	return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

const labels = Array.from({ length: LAST_LISTED - FIRST_LISTED + 1 }, (_, i) => `'${label(FIRST_LISTED + i)}'`).join(', ');

/**
 * Financial year label ('2024/25'), quarter ('Q1' = Apr-Jun) and month start of a date. The
 * labels are picked from lists (building the text per row cost ten times as much on millions of
 * rows); a year outside the list is built as text.
 */
export const CALENDAR_MACROS = `
CREATE OR REPLACE MACRO sp_fy_start(d) AS year(d) - (month(d) < 4)::INTEGER;
CREATE OR REPLACE MACRO sp_fy(d) AS
	CASE WHEN sp_fy_start(d) BETWEEN ${FIRST_LISTED} AND ${LAST_LISTED} THEN [${labels}][sp_fy_start(d) - ${FIRST_LISTED - 1}]
	ELSE sp_fy_start(d)::VARCHAR || '/' || lpad(((sp_fy_start(d) + 1) % 100)::VARCHAR, 2, '0') END;
CREATE OR REPLACE MACRO sp_fyq(d) AS ['Q4', 'Q4', 'Q4', 'Q1', 'Q1', 'Q1', 'Q2', 'Q2', 'Q2', 'Q3', 'Q3', 'Q3'][month(d)];
CREATE OR REPLACE MACRO sp_month(d) AS date_trunc('month', d)::DATE;
CREATE OR REPLACE MACRO sp_quintile(decile) AS ((decile + 1) // 2)::INTEGER;
`;
