/**
 * The practice reference beside the delivery (`reference/`), which the pipeline is pointed at
 * but never reads as part of the delivery: the practice map in NHS Digital's layout and a
 * two-column list size file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Geography } from './geography.js';

/** Write `reference/gp-reg-pat-prac-map.csv` and `reference/list-sizes.csv` under `dir`. */
export async function writeReference(dir: string, geo: Geography): Promise<void> {
	await mkdir(`${dir}/reference`, { recursive: true });
	await writeFile(`${dir}/reference/gp-reg-pat-prac-map.csv`, [geo.practiceMapHeader, ...geo.practiceMapLines].join('\n') + '\n');
	const sizes = geo.practices.map((p) => `${p.code},${p.listSize}`);
	await writeFile(`${dir}/reference/list-sizes.csv`, ['practice_code,list_size', ...sizes].join('\n') + '\n');
}
