/**
 * Telling "no file came" apart from "nothing matches": a figure drawn from a contract file that
 * was never delivered says so, rather than that there was none of it. `delivered` is the list in
 * first-view.json (contract file names without `.csv`); undefined when not known.
 */
import type { FileName } from '../schema/index.js';

/** "No <file> file was delivered.", the file named as people say it (GP appointments, wellbeing). */
export function notDeliveredText(file: FileName): string {
	const name = file === 'gp_appointments' ? 'GP appointments' : file.replaceAll('_', ' ');
	return `No ${name} file was delivered.`;
}

/** `notDeliveredText(file)` when `file` is not among those delivered; otherwise null. */
export function missingFile(delivered: readonly string[] | undefined, file: FileName): string | null {
	return delivered !== undefined && !delivered.includes(file) ? notDeliveredText(file) : null;
}
