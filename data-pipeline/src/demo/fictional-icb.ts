/**
 * A fictional ICB in the real Midlands region: codes follow the ODS patterns but sit in ranges
 * no real organisation uses (ICB QZZ, practices Z00001.., PCNs U90001.., sub-ICB locations Z01..),
 * and every PCN name says DEMO. It grows with the number of referrals: practices are added
 * until their lists, at the mean referral propensity, expect the requested referrals over
 * three years (about 35 practices for 20,000), so rates stay within 0.5-2% of a list a year.
 */
import { csvField } from './csv.js';
import { drawListSize, PRACTICE_MAP_COLUMNS, type Geography, type Pcn, type Practice } from './geography.js';
import { REFERRAL_RATE_RANGE } from './model.js';
import { REFERRAL_MONTHS } from './period.js';
import { Random } from './random.js';

/** Code of the fictional ICB. */
export const FICTIONAL_ICB_CODE = 'QZZ';
const ICB_NAME = 'NHS Demoshire Integrated Care Board';
const EXTRACT_DATE = '01Apr2026';
const MIN_PRACTICES = 6;

const STEMS = ['Ash', 'Bram', 'Cald', 'Dun', 'Elm', 'Fen', 'Fox', 'Gold', 'Hazel', 'Ivy', 'Kestrel', 'Lark', 'Mill', 'Nether', 'Oak', 'Pen', 'Quill', 'Rook', 'Sedge', 'Thorn', 'Wil', 'Yew', 'Bright', 'Cole', 'Marsh', 'Stone'];
const ENDINGS = ['wick', 'ford', 'bury', 'ley', 'combe', 'thorpe', 'stead', 'mere', 'by', 'ton', 'field', 'well', 'hurst', 'brook'];
const PRACTICE_KINDS = ['SURGERY', 'MEDICAL CENTRE', 'HEALTH CENTRE', 'MEDICAL PRACTICE', 'FAMILY PRACTICE', 'GROUP PRACTICE'];
const SUPPLIERS = ['EMIS', 'EMIS', 'EMIS', 'TPP', 'TPP'];

/** Build the fictional ICB sized for a number of referrals. */
export function fictionalGeography(referrals: number, seed: number | string): Geography {
	const rng = new Random(seed, 'fictional-icb');
	const meanRate = (REFERRAL_RATE_RANGE[0] + REFERRAL_RATE_RANGE[1]) / 200;
	const listSizes: number[] = [];
	for (let expected = 0; expected < referrals || listSizes.length < MIN_PRACTICES; ) {
		const size = drawListSize(rng);
		listSizes.push(size);
		expected += size * meanRate * (REFERRAL_MONTHS / 12);
	}
	const nPractices = listSizes.length;
	const nPcns = Math.max(1, Math.round(nPractices / 6));
	const nSubIcbs = Math.min(36 * 36, Math.max(1, Math.round(nPractices / 12)));
	const names = new PlaceNames(rng);

	const pcns: Pcn[] = [];
	for (let j = 0; j < nPcns; j++) {
		pcns.push({ code: `U${String(90001 + j).padStart(5, '0')}`, name: `${names.next()} DEMO PCN` });
	}
	const practices: Practice[] = [];
	const practiceMapLines: string[] = [];
	for (let i = 0; i < nPractices; i++) {
		const pcn = Math.floor((i * nPcns) / nPractices);
		const sub = Math.floor((pcn * nSubIcbs) / nPcns);
		const place = names.next();
		const kind = PRACTICE_KINDS[rng.int(0, PRACTICE_KINDS.length - 1)]!;
		// Some real practice names carry a branch after a comma; keep that trap in the demo.
		const name = rng.chance(0.08) ? `${place} ${kind}, ${names.next()}` : `${place} ${kind}`;
		const practice: Practice = { code: `Z${String(i + 1).padStart(5, '0')}`, name, pcn, listSize: listSizes[i]! };
		practices.push(practice);
		const subCode = `Z${(sub + 1).toString(36).toUpperCase().padStart(2, '0')}`;
		const row = [
			'GP_PRAC_PAT_LIST',
			EXTRACT_DATE,
			practice.code,
			practice.name,
			// Fictional practices have no address; an empty postcode keeps anything postcode-shaped out.
			'',
			pcns[pcn]!.code,
			pcns[pcn]!.name,
			`E38999${String(sub + 1).padStart(3, '0')}`,
			subCode,
			`NHS Demoshire ICB - ${subCode}`,
			'E54999999',
			FICTIONAL_ICB_CODE,
			ICB_NAME,
			'E40000011',
			'Y60',
			'Midlands',
			SUPPLIERS[rng.int(0, SUPPLIERS.length - 1)]!
		];
		if (row.length !== PRACTICE_MAP_COLUMNS.length) throw new Error('practice map row does not match the header');
		practiceMapLines.push(row.map(csvField).join(','));
	}
	return { icbCode: FICTIONAL_ICB_CODE, icbName: ICB_NAME, practices, pcns, practiceMapHeader: PRACTICE_MAP_COLUMNS.join(','), practiceMapLines, source: 'fictional' };
}

/** Invented English-sounding place names, each used once. */
class PlaceNames {
	private readonly used = new Set<string>();

	constructor(private readonly rng: Random) {}

	/** The next unused name, upper case as NHS Digital writes names. */
	next(): string {
		for (let attempt = 0; ; attempt++) {
			const stem = STEMS[this.rng.int(0, STEMS.length - 1)]!;
			const ending = ENDINGS[this.rng.int(0, ENDINGS.length - 1)]!;
			let name = `${stem}${ending}`.toUpperCase();
			// Past a few collisions the stem/ending pairs are running out: qualify the name instead.
			if (attempt > 8) name = `${['UPPER', 'LOWER', 'NORTH', 'SOUTH', 'EAST', 'WEST', 'GREAT', 'LITTLE'][attempt % 8]} ${name}`;
			if (attempt > 40) name = `${name} ${attempt}`;
			if (!this.used.has(name)) {
				this.used.add(name);
				return name;
			}
		}
	}
}
