/**
 * Write `first-view.json` (src/lib/schema/first-view.ts): what the app draws while DuckDB-WASM
 * starts. It runs the app's own query builders on the Parquet just written, in a separate
 * DuckDB, so the figures are the ones the browser computes a moment later from the same files.
 */
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NO_FILTERS } from '../../../src/lib/filters/filters.js';
import { latestCompleteFinancialYear, financialYearOfMonth, periodMonths } from '../../../src/lib/filters/period.js';
import { createViewOfParquet } from '../../../src/lib/queries/load.js';
import { areaList, overviewQueries, overviewReferralParts, referralMonthRange } from '../../../src/lib/queries/overview.js';
import type { Query } from '../../../src/lib/queries/query.js';
import { FIRST_VIEW_FILE, SCHEMA_VERSION, TABLES, type FirstView, type FirstViewRow } from '../../../src/lib/schema/index.js';
import { Db } from '../db.js';
import { sha256File } from '../hash.js';

/** What the manifest records of the file. */
export interface FirstViewOutput {
	file: string;
	sha256: string;
	bytes: number;
}

/** Compute the first view from the Parquet in `dir` and write it there. */
export async function writeFirstView(dir: string, delivered: Iterable<string>): Promise<FirstViewOutput> {
	const db = await Db.open(':memory:');
	try {
		// Views, not tables: each query reads only the Parquet columns it needs.
		for (const spec of TABLES) {
			const q = createViewOfParquet(spec.name, join(dir, `${spec.name}.parquet`));
			await db.run(q.sql, q.params);
		}
		const rows = async (q: Query) => (await db.all(q.sql, q.params)) as FirstViewRow[];
		const range = (await rows(referralMonthRange()))[0];
		const first = typeof range?.first === 'string' ? range.first : null;
		const last = typeof range?.last === 'string' ? range.last : null;
		const complete = first && last ? latestCompleteFinancialYear(last, first) : null;
		const year = complete ?? (last ? financialYearOfMonth(last) : null);
		const view: FirstView = {
			schema_version: SCHEMA_VERSION,
			created_at: new Date().toISOString(),
			months: first && last ? { first, last } : null,
			default_year: year,
			default_year_complete: complete !== null,
			delivered: [...new Set(delivered)].sort(),
			areas: await rows(areaList()),
			overview: null
		};
		if (year) {
			const period = periodMonths({ kind: 'year', year });
			const q = overviewQueries(NO_FILTERS, period);
			view.overview = {
				year,
				...overviewReferralParts(await rows(q.referrals), await rows(q.practices), NO_FILTERS),
				wellbeing: await rows(q.wellbeing),
				gp: await rows(q.gp)
			};
		}
		const path = join(dir, FIRST_VIEW_FILE);
		await writeFile(path, JSON.stringify(view) + '\n');
		return { file: FIRST_VIEW_FILE, sha256: await sha256File(path), bytes: (await stat(path)).size };
	} finally {
		db.close();
	}
}
