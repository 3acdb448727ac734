/** Shape of `manifest.json`, the pipeline's account of a run, read by the app at start-up. */

/** Rows of one input file and what became of them. */
export interface ManifestInput {
	/** Delivery folder label (its base name, or the path when names collide). */
	delivery: string;
	file: string;
	sha256: string;
	bytes: number;
	encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	/** Loaded rows replaced by a later delivery's record with the same key. */
	rows_superseded: number;
	rejects_by_reason: Record<string, number>;
	unknown_columns: string[];
}

/** One published table. */
export interface ManifestOutput {
	name: string;
	file: string;
	rows: number;
	sha256: string;
	bytes: number;
}

/** One file of the researcher datasets (`datasets/`), with the checksum its data dictionary also carries. */
export interface ManifestDatasetFile {
	/** Dataset name (e.g. 'indicators'), or 'datapackage', 'readme', 'citation'. */
	name: string;
	format: 'csv' | 'parquet' | 'json' | 'markdown' | 'cff';
	/** Path under the output folder, e.g. 'datasets/indicators.csv'. */
	file: string;
	/** Data rows (CSV and Parquet); null for the other files. */
	rows: number | null;
	sha256: string;
	bytes: number;
}

/** The researcher datasets of a run. */
export interface ManifestDatasets {
	/** Layout version (DATASETS_VERSION). */
	version: string;
	files: ManifestDatasetFile[];
}

/** The whole manifest. */
export interface Manifest {
	schema_version: number;
	export_format_version: number;
	created_at: string;
	generator: string;
	parameters: { window_months: number; today: string };
	reference: { practices: { file: string; sha256: string; rows: number } | null; list_sizes: { file: string; sha256: string; rows: number } | null };
	inputs: ManifestInput[];
	outputs: ManifestOutput[];
	/** `first-view.json`: the app's figures for its first view (src/lib/schema/first-view.ts). */
	first_view: { file: string; sha256: string; bytes: number };
	datasets: ManifestDatasets;
	warnings: string[];
}
