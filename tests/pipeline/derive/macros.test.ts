import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../../data-pipeline/src/db.js';
import { CALENDAR_MACROS } from '../../../data-pipeline/src/derive/macros.js';

describe('calendar macros', () => {
	let db: Db;
	beforeAll(async () => {
		db = await Db.open(':memory:', { threads: 1 });
		await db.run(CALENDAR_MACROS);
	});
	afterAll(() => db.close());

	it('financial year and quarter agree with the rule as first written, for every day of 1899-2201 and far-off years', async () => {
		const rows = await db.all<{ n: number; bad: number }>(
			`WITH d AS (
				SELECT DATE '1899-01-01' + i::INTEGER AS d FROM range(110700) t(i)
				UNION ALL SELECT * FROM (VALUES (DATE '0005-03-31'), (DATE '0099-04-01'), (DATE '2999-12-31'), (DATE '9999-01-01')) v(d)
			)
			SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE
				sp_fy(d) IS DISTINCT FROM CASE WHEN month(d) >= 4 THEN year(d)::VARCHAR || '/' || lpad(((year(d) + 1) % 100)::VARCHAR, 2, '0')
					ELSE (year(d) - 1)::VARCHAR || '/' || lpad((year(d) % 100)::VARCHAR, 2, '0') END
				OR sp_fyq(d) IS DISTINCT FROM 'Q' || ((((month(d) + 8) % 12) // 3) + 1)::VARCHAR)::INTEGER AS bad
			FROM d`
		);
		expect(rows[0]).toEqual({ n: 110704, bad: 0 });
	});

	it.each([
		['2024-03-31', '2023/24', 'Q4'],
		['2024-04-01', '2024/25', 'Q1'],
		['1999-12-31', '1999/00', 'Q3'],
		['2099-07-15', '2099/00', 'Q2']
	])('%s is in %s %s', async (date, fy, q) => {
		expect(await db.one(`SELECT sp_fy($1::DATE) AS fy, sp_fyq($1::DATE) AS q`, [date])).toEqual({ fy, q });
	});
});
