/**
 * workforce.csv: social prescribing link worker FTE per PCN per month. Each PCN starts with
 * 1-4 FTE and changes in steps as link workers join and leave (more joins than leaves, as the
 * national workforce grew), kept between 1 and 6.
 */
import { monthText } from './calendar.js';
import { contractHeader, type DeliveryContext } from './context.js';
import { GP_LAST_MONTH, WORKFORCE_FIRST_MONTH } from './period.js';
import { Random } from './random.js';
import { CsvSink } from './sink.js';

const ORDER = ['pcn_code', 'month', 'fte'] as const;

/** Write workforce.csv (PCNs of unallocated practices have no row). */
export async function writeWorkforce(ctx: DeliveryContext): Promise<number> {
	const rng = new Random(ctx.seed, 'workforce');
	const sink = new CsvSink(`${ctx.dir}/workforce.csv`, contractHeader('workforce', ORDER));
	for (const pcn of ctx.geo.pcns) {
		let fte = 1 + 3 * rng.next();
		for (let month = WORKFORCE_FIRST_MONTH; month <= GP_LAST_MONTH; month++) {
			if (rng.chance(0.08)) fte += (rng.chance(0.6) ? 1 : -1) * (0.2 + 0.8 * rng.next());
			fte = Math.min(6, Math.max(1, fte));
			sink.row(`${pcn.code},${monthText(month)},${fte.toFixed(2)}`);
		}
		await sink.flushIfFull();
	}
	await sink.close();
	return sink.rows;
}
