/**
 * `npm run pipeline -- --input DIR [--input DIR ...] --out DIR --reference FILE [--list-sizes FILE]
 * [--window-months 6] [--today YYYY-MM-DD] [--no-datasets]`. Exit 0 on success (rejects allowed), 1 on a fatal
 * error, 2 when the delivery carries identifiers.
 */
import { parseArgs } from 'node:util';
import { PipelineError } from '../errors.js';
import { stderrLogger } from '../log.js';
import { runPipeline } from '../run.js';

const USAGE = `usage: npm run pipeline -- --input DIR [--input DIR ...] --out DIR --reference gp-reg-pat-prac-map.csv
       [--list-sizes FILE] [--window-months 6] [--today YYYY-MM-DD] [--no-datasets]`;

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			input: { type: 'string', multiple: true },
			out: { type: 'string' },
			reference: { type: 'string' },
			'list-sizes': { type: 'string' },
			'window-months': { type: 'string', default: '6' },
			today: { type: 'string' },
			// The researcher datasets' suppression takes minutes for thousands of practices (README).
			'no-datasets': { type: 'boolean' },
			help: { type: 'boolean' }
		}
	});
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	const window = Number(values['window-months']);
	if (!values.input?.length || !values.out || !values.reference) throw new PipelineError(`--input, --out and --reference are required\n${USAGE}`);
	if (!Number.isInteger(window) || window < 1 || window > 12) throw new PipelineError('--window-months must be a whole number from 1 to 12 (6 by default, 12 allowed)');
	const today = values.today ?? new Date().toISOString().slice(0, 10);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new PipelineError('--today must be YYYY-MM-DD');
	await runPipeline({
		inputs: values.input,
		out: values.out,
		reference: values.reference,
		list_sizes: values['list-sizes'],
		window_months: window,
		today,
		datasets: !values['no-datasets'],
		log: stderrLogger()
	});
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (error instanceof PipelineError) {
			process.stderr.write(`pipeline: ${error.message}\n`);
			process.exit(error.exitCode);
		}
		process.stderr.write(`pipeline: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	}
);
