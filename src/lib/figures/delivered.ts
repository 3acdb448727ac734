/**
 * Telling "no file came" apart from "nothing matches": a figure drawn from a contract file that
 * was never delivered says so, rather than that there was none of it. `delivered` is the list in
 * first-view.json (contract file names without `.csv`); undefined when not known.
 */

/** "No <label> file was delivered." when `file` is not among those delivered; otherwise null. */
export function missingFile(delivered: readonly string[] | undefined, file: string, label: string): string | null {
	return delivered !== undefined && !delivered.includes(file) ? `No ${label} file was delivered.` : null;
}
