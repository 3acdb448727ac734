/**
 * The geography of one real ICB, read from NHS Digital's `gp-reg-pat-prac-map.csv`. Practices
 * whose PCN_CODE is `U` are unallocated (kept as practices, no PCN); a PCN that spans two ICBs
 * keeps only this ICB's practices. Names are read with a real CSV reader because some contain
 * commas, and the selected records are copied out byte for byte. The map has no list sizes, so
 * they are drawn per practice from the seed.
 */
import { readFileSync } from 'node:fs';
import { readCsv } from './csv.js';
import { drawListSize, PRACTICE_MAP_COLUMNS, type Geography, type Pcn, type Practice } from './geography.js';
import { Random } from './random.js';

/** PCN_CODE of practices in no PCN. */
const UNALLOCATED_PCN = 'U';

/** Read one ICB's practices and PCNs from a practice map file. */
export function referenceGeography(file: string, icbCode: string, seed: number | string): Geography {
	const records = readCsv(readFileSync(file, 'utf8'));
	const header = records[0]?.fields.map((h) => h.trim().toUpperCase()) ?? [];
	const col = (name: (typeof PRACTICE_MAP_COLUMNS)[number]): number => {
		const i = header.indexOf(name);
		if (i < 0) throw new Error(`${file}: no column ${name}; is this NHS Digital's gp-reg-pat-prac-map.csv?`);
		return i;
	};
	const [cPractice, cName, cPcn, cPcnName, cIcb, cIcbName] = (
		['PRACTICE_CODE', 'PRACTICE_NAME', 'PCN_CODE', 'PCN_NAME', 'ICB_CODE', 'ICB_NAME'] as const
	).map(col) as [number, number, number, number, number, number];

	const rng = new Random(seed, `reference-icb:${icbCode}`);
	const practices: Practice[] = [];
	const pcns: Pcn[] = [];
	const pcnIndex = new Map<string, number>();
	const practiceMapLines: string[] = [];
	let icbName = '';
	for (const { fields, raw } of records.slice(1)) {
		if (fields[cIcb]?.trim().toUpperCase() !== icbCode.toUpperCase()) continue;
		icbName = fields[cIcbName] ?? '';
		const pcnCode = fields[cPcn]?.trim() ?? UNALLOCATED_PCN;
		let pcn = -1;
		if (pcnCode !== UNALLOCATED_PCN) {
			pcn = pcnIndex.get(pcnCode) ?? -1;
			if (pcn < 0) {
				pcn = pcns.length;
				pcnIndex.set(pcnCode, pcn);
				pcns.push({ code: pcnCode, name: fields[cPcnName] ?? '' });
			}
		}
		practices.push({ code: fields[cPractice]!.trim(), name: fields[cName] ?? '', pcn, listSize: drawListSize(rng) });
		practiceMapLines.push(raw);
	}
	if (practices.length === 0) throw new Error(`${file}: no practices with ICB_CODE ${icbCode}`);
	return { icbCode: icbCode.toUpperCase(), icbName, practices, pcns, practiceMapHeader: records[0]!.raw, practiceMapLines, source: 'reference' };
}
