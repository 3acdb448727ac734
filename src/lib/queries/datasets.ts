/** Queries on the researcher datasets (`datasets/*.parquet`), for the Downloads page's previews. */
import { DATASETS, type DatasetName } from '../schema/datasets.js';
import type { Query } from './query.js';

/** A dataset's table name in DuckDB, quoted; throws for a name not in the dataset list. */
export function datasetTable(name: DatasetName): string {
	if (!DATASETS.some((d) => d.name === name)) throw new Error(`Unknown dataset: ${name}`);
	return `"dataset_${name}"`;
}

/** Create a dataset's table from its Parquet URL with DuckDB's parquet extension (self-hosted deployments). */
export function createDatasetTableFromParquet(name: DatasetName, url: string): Query {
	return { sql: `CREATE OR REPLACE TABLE ${datasetTable(name)} AS SELECT * FROM read_parquet(?)`, params: [url], tables: [] };
}

/** The first `limit` rows in the file's own order (the order the CSV has too). */
export function datasetPreview(name: DatasetName, limit = 10): Query {
	return { sql: `SELECT * FROM ${datasetTable(name)} LIMIT ?`, params: [limit], tables: [] };
}

/** Rows, the periods covered (first and last period label) and the area types of a dataset. */
export function datasetCoverage(name: DatasetName): Query {
	return {
		sql: `SELECT count(*)::INTEGER AS rows, min("period_start")::VARCHAR AS first_start, max("period_end")::VARCHAR AS last_end,
	string_agg(DISTINCT "area_type", ', ' ORDER BY "area_type") AS area_types
FROM ${datasetTable(name)}`,
		params: [],
		tables: []
	};
}
