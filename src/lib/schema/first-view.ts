/**
 * Shape of `first-view.json`: what the app needs before DuckDB-WASM has started (about a second):
 * the data's months, the default period, the geography for the filters, and the Overview's
 * query results for the default view. The pipeline computes it by running the app's own query
 * builders (src/lib/queries) on the Parquet it has just written, so the figures drawn from it
 * are the figures DuckDB-WASM gives a moment later. It holds unrounded aggregates, like the
 * record-level tables beside it; disclosure control is applied when figures are drawn.
 */

/** A query's rows as plain objects. */
export type FirstViewRow = Record<string, string | number | boolean | null>;

/** The whole file. */
export interface FirstView {
	schema_version: number;
	created_at: string;
	/** Referral months in the data ('YYYY-MM'); null when there are no referrals. */
	months: { first: string; last: string } | null;
	/** The default financial year: the latest complete one, else the latest. */
	default_year: string | null;
	default_year_complete: boolean;
	/** Contract files delivered, by name without `.csv` (e.g. 'wellbeing'), sorted: a figure from a file never delivered says so. */
	delivered: string[];
	/** Practices with their PCN and ICB (areaList). */
	areas: FirstViewRow[];
	/** Overview query results for the default view (no filters, default year); null with no referrals. */
	overview: {
		year: string;
		referrals: FirstViewRow[];
		monthly: FirstViewRow[];
		pcns: FirstViewRow[];
		patients: FirstViewRow[];
		wellbeing: FirstViewRow[];
		gp: FirstViewRow[];
	} | null;
}

/** File name of the first view in the published folder. */
export const FIRST_VIEW_FILE = 'first-view.json';
