/** SQL macros for NHS calendars, shared by the derived tables. */

/** Financial year label ('2024/25'), quarter ('Q1' = Apr-Jun) and month start of a date. */
export const CALENDAR_MACROS = `
CREATE OR REPLACE MACRO sp_fy(d) AS
	CASE WHEN month(d) >= 4 THEN year(d)::VARCHAR || '/' || lpad(((year(d) + 1) % 100)::VARCHAR, 2, '0')
	ELSE (year(d) - 1)::VARCHAR || '/' || lpad((year(d) % 100)::VARCHAR, 2, '0') END;
CREATE OR REPLACE MACRO sp_fyq(d) AS 'Q' || ((((month(d) + 8) % 12) // 3) + 1)::VARCHAR;
CREATE OR REPLACE MACRO sp_month(d) AS date_trunc('month', d)::DATE;
CREATE OR REPLACE MACRO sp_quintile(decile) AS ((decile + 1) // 2)::INTEGER;
`;
