/** Progress and summary lines on stderr, so stdout stays free for data. */

/** Where the pipeline reports progress. */
export interface Logger {
	info(message: string): void;
	warn(message: string): void;
}

/** Logger that writes timestamped lines to stderr. */
export function stderrLogger(): Logger {
	const start = Date.now();
	const stamp = () => `[${((Date.now() - start) / 1000).toFixed(1).padStart(5)}s]`;
	return {
		info: (m) => process.stderr.write(`${stamp()} ${m}\n`),
		warn: (m) => process.stderr.write(`${stamp()} warning: ${m}\n`)
	};
}

/** Logger that keeps messages, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
	const lines: string[] = [];
	return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`) };
}
