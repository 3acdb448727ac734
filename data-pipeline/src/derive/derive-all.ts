/** Build every published table as `out_<name>` and check it against the shared schema. */
import { TABLES, type TableName } from '../../../src/lib/schema/index.js';
import { Db, ident, type Params } from '../db.js';
import { PipelineError } from '../errors.js';
import { contactsSql, practicesSql, referralNeedsSql, referralsSql, signpostingSql, workforceSql } from './activity.js';
import { CALENDAR_MACROS } from './macros.js';
import { gpGroupsSql, gpIndexSql, gpMonthlySql, gpUseSql, wellbeingSql } from './outcomes.js';

/** What the derivations need to know beyond the settled tables. */
export interface DeriveOptions {
	window_months: number;
	/** Which optional files were delivered (a table whose input is missing stays empty, never zero). */
	delivered: ReadonlySet<string>;
}

/**
 * Tables other derivations read (or that need the temporary GP tables) are built here; the
 * rest are views, worked out once when their Parquet file is written (see `writeParquet`), so
 * that millions of derived rows are not held in memory twice.
 */
const BUILT: ReadonlySet<TableName> = new Set(['practices', 'referrals', 'gp_use', 'gp_monthly']);

/** Create all `out_<name>` tables and views in dependency order. */
export async function deriveAll(db: Db, options: DeriveOptions): Promise<void> {
	await db.run(CALENDAR_MACROS);
	const has = (file: string) => options.delivered.has(file);
	const steps: [TableName, string, Params | undefined][] = [
		['practices', practicesSql(), undefined],
		['referrals', referralsSql(), { has_contacts: has('contacts') }],
		['referral_needs', referralNeedsSql(), undefined],
		['contacts', contactsSql(), undefined],
		['wellbeing', wellbeingSql(), undefined],
		['gp_use', has('gp_appointments') ? gpUseSql() : `SELECT * FROM (${gpUseSql()}) WHERE false`, { w: options.window_months }],
		['gp_monthly', has('gp_appointments') ? gpMonthlySql() : `SELECT * FROM (${gpMonthlySql()}) WHERE false`, undefined],
		['signposting', signpostingSql(), undefined],
		['workforce', workforceSql(), undefined]
	];
	for (const [name, sql, params] of steps) {
		// The GP tables read the index events and their groups, which need out_referrals.
		if (name === 'gp_use') {
			await db.run(`CREATE OR REPLACE TEMP TABLE gp_groups AS ${gpGroupsSql()}`);
			await db.run(`CREATE OR REPLACE TEMP TABLE gp_index AS ${gpIndexSql()}`);
		}
		if (BUILT.has(name)) await db.run(`CREATE OR REPLACE TABLE ${ident(`out_${name}`)} AS ${sql}`, params);
		else if (params === undefined) await db.run(`CREATE OR REPLACE VIEW ${ident(`out_${name}`)} AS ${sql}`);
		else throw new Error(`internal error: out_${name} is a view and cannot take parameters`);
		await checkAgainstSchema(db, name);
	}
	await db.run(`DROP TABLE gp_index; DROP TABLE gp_groups`);
}

/** Fail loudly if a derived table's columns drift from the schema the app reads. */
async function checkAgainstSchema(db: Db, name: TableName): Promise<void> {
	const spec = TABLES.find((t) => t.name === name)!;
	const actual = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${ident(`out_${name}`)}`);
	const got = actual.map((c) => `${c.column_name} ${c.column_type}`).join(', ');
	const want = spec.columns.map((c) => `${c.name} ${c.type}`).join(', ');
	if (got !== want) throw new PipelineError(`internal error: table ${name} does not match the schema.\n  built:    ${got}\n  expected: ${want}`);
}
