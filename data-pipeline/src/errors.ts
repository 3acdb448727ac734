/** A failure the pipeline explains to its user; `exitCode` 1 = fatal error, 2 = identifiers found. */
export class PipelineError extends Error {
	constructor(
		message: string,
		readonly exitCode: 1 | 2 = 1
	) {
		super(message);
		this.name = 'PipelineError';
	}
}
