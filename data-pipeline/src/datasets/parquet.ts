/** Write a dataset's Parquet from its CSV, so the two hold exactly the same values and types. */
import type { DatasetColumn, DatasetFieldType } from '../../../src/lib/schema/index.js';
import { Db, literal } from '../db.js';

const SQL_TYPE: Record<DatasetFieldType, string> = { string: 'VARCHAR', integer: 'INTEGER', number: 'DOUBLE', date: 'DATE' };

/** DuckDB reads the CSV with the dictionary's types (no guessing) and writes zstd Parquet in the same row order. */
export async function csvToParquet(db: Db, columns: readonly DatasetColumn[], csvPath: string, parquetPath: string): Promise<void> {
	const types = `{${columns.map((c) => `${literal(c.name)}: ${literal(SQL_TYPE[c.type])}`).join(', ')}}`;
	await db.run(
		`COPY (SELECT * FROM read_csv(${literal(csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${types}))
		TO ${literal(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`
	);
}
