/** Rows of a published table within a scope of ICBs or PCNs (the server's scoped publication). */
import { TABLES, type TableName } from '../schema/index.js';
import { column, table, type Query } from './query.js';

/** Create `table` from the Parquet at `path`, keeping only rows of the scope's ICBs or PCNs. */
export function createScopedTable(name: TableName, path: string, scope: { kind: 'icb' | 'pcn'; codes: readonly string[] }): Query {
	const spec = TABLES.find((t) => t.name === name)!;
	const by = column(name, scope.kind === 'icb' ? 'icb_code' : 'pcn_code');
	// Keep the published order so the scoped file reads like the original.
	const order = spec.order_by.map((c) => `${column(name, c)} NULLS FIRST`).join(', ');
	return {
		sql: `CREATE OR REPLACE TABLE ${table(name)} AS SELECT * FROM read_parquet(?) WHERE ${by} IN (${scope.codes.map(() => '?').join(', ')}) ORDER BY ${order}`,
		params: [path, ...scope.codes],
		tables: []
	};
}
