/**
 * Write a demo delivery for Signpost.
 *
 *   npm run demo-data -- --out DIR [--referrals N] [--seed S]
 *                        [--reference gp-reg-pat-prac-map.csv --icb CODE] [--dirty]
 *
 * DIR receives the seven files of the export format, `reference/` (practice map and list sizes
 * for the pipeline's --reference and --list-sizes) and `truth/planted.json`.
 */
import { parseArgs } from 'node:util';
import { generateDemo } from '../demo/generate.js';

const USAGE = `usage: npm run demo-data -- --out DIR [--referrals N] [--seed S] [--reference gp-reg-pat-prac-map.csv --icb CODE] [--dirty]

  --out DIR          folder to write (created; only the generator's own files are replaced)
  --referrals N      number of referrals (default 20000)
  --seed S           random seed (default 1); same seed and options, same bytes
  --reference FILE   NHS Digital gp-reg-pat-prac-map.csv: use a real ICB's practices and PCNs
  --icb CODE         the ICB to take from --reference, e.g. QNC
  --dirty            plant realistic faults and awkward-but-valid input (counted in truth/planted.json)`;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			out: { type: 'string' },
			referrals: { type: 'string', default: '20000' },
			seed: { type: 'string', default: '1' },
			reference: { type: 'string' },
			icb: { type: 'string' },
			dirty: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false }
		},
		strict: true
	});
	if (values.help) {
		console.log(USAGE);
		return;
	}
	if (!values.out) throw new Error('--out is required');
	if (!/^[0-9]+$/.test(values.referrals)) throw new Error('--referrals must be a positive whole number');
	if ((values.reference === undefined) !== (values.icb === undefined)) throw new Error('--reference and --icb go together');
	// A numeric seed stays a number in planted.json; anything else is used as text.
	const seed = /^-?[0-9]+$/.test(values.seed) ? Number(values.seed) : values.seed;
	await generateDemo({
		out: values.out,
		referrals: Number(values.referrals),
		seed,
		reference: values.reference && values.icb ? { file: values.reference, icb: values.icb } : undefined,
		dirty: values.dirty,
		log: (message) => process.stderr.write(`demo-data ${message}\n`)
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`demo-data: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
	process.exit(1);
});
