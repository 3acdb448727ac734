/**
 * The pipeline's account of its run (manifest.json) as the Data quality page shows it. These are
 * counts of rows in files, shown exactly: see FILE_COUNTS_POLICY.
 */
import type { Manifest, ManifestInput } from '../schema/manifest.js';

/**
 * Why file-level row counts are exact while counts of referrals and people are rounded. Shown on
 * the Data quality page and repeated in the README.
 */
export const FILE_COUNTS_POLICY =
	'Rows read, loaded, rejected and superseded, and rejects by reason, are shown exactly. They count lines in the files the pipeline was given, for the whole delivery, never split by practice or by anything about a person, so they say nothing about any group of people; the data owner needs them exact to reconcile with the export; and manifest.json, which holds them, is published beside the data, so rounding them here would hide nothing. Counts of referrals on this page (by practice, PCN or ICB) and the shares built on them follow NHS Digital disclosure control like every other page.';

/** One reason rows of one input file were rejected. */
export interface RejectReason {
	delivery: string;
	file: string;
	/** Column the rule is about (the reason's prefix before ': '), null for whole-row faults. */
	field: string | null;
	reason: string;
	rows: number;
}

/** Every reason of every input, by delivery and file in manifest order, then most rows first. */
export function rejectReasons(manifest: Manifest): RejectReason[] {
	return manifest.inputs.flatMap((input) =>
		Object.entries(input.rejects_by_reason)
			.map(([code, rows]) => {
				const at = code.indexOf(': ');
				return { delivery: input.delivery, file: input.file, field: at > 0 ? code.slice(0, at) : null, reason: at > 0 ? code.slice(at + 2) : code, rows };
			})
			.sort((a, b) => b.rows - a.rows || (a.field ?? '').localeCompare(b.field ?? '') || a.reason.localeCompare(b.reason))
	);
}

/**
 * Input file names with a rejects file: the pipeline writes `rejects/<file>` (every delivery's
 * rejected rows of that file together) when any delivery rejected a row of it.
 */
export function rejectsFiles(manifest: Manifest): string[] {
	const files = new Set<string>();
	for (const input of manifest.inputs) if (input.rows_rejected > 0) files.add(input.file);
	return [...files];
}

/** Totals over every input file. */
export function fileTotals(inputs: readonly ManifestInput[]): { read: number; loaded: number; rejected: number; superseded: number } {
	return inputs.reduce(
		(t, i) => ({ read: t.read + i.rows_read, loaded: t.loaded + i.rows_loaded, rejected: t.rejected + i.rows_rejected, superseded: t.superseded + i.rows_superseded }),
		{ read: 0, loaded: 0, rejected: 0, superseded: 0 }
	);
}

/** Human names of the encodings the pipeline detects. */
export const ENCODING_LABELS: Record<ManifestInput['encoding'], string> = {
	'utf-8': 'UTF-8',
	'utf-8-bom': 'UTF-8 with BOM',
	'windows-1252': 'Windows-1252'
};
