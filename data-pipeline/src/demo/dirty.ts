/**
 * The --dirty mode's ledger. Faulty rows must be rejected by the pipeline; awkward rows (UK
 * dates, mixed-case enumerations with spaces) must load. Every faulty row carries exactly one
 * fault and is counted here by file and kind, and faults are placed where no other row
 * depends on them (see each writer), so the expected reject count per file is exact.
 * Decisions come from their own random streams: the clean content is the same either way.
 */
import type { FileName } from '../../../src/lib/schema/index.js';
import { Random } from './random.js';

/** Kinds of planted fault per file (files not listed stay clean). */
export const FAULT_KINDS = {
	referrals: [
		'unknown_practice',
		'duplicate_referral_id',
		'invalid_enum',
		'out_of_range',
		'impossible_date',
		'referral_before_2018',
		'first_contact_before_referral'
	],
	contacts: ['invalid_enum', 'impossible_date', 'out_of_range', 'contact_before_referral'],
	wellbeing: ['out_of_range', 'invalid_enum', 'impossible_date', 'assessment_too_early'],
	signposting: ['invalid_enum', 'impossible_date', 'signpost_before_referral'],
	gp_appointments: ['out_of_range', 'invalid_month']
} as const satisfies Partial<Record<FileName, readonly string[]>>;

/** A file that may carry faults. */
export type FaultyFile = keyof typeof FAULT_KINDS;

/** Rate of faulty rows the writers aim for, per row of an affected file. */
export const FAULT_RATE = 0.005;

const AWKWARD_DATE_RATE = 0.05;
const AWKWARD_ENUM_RATE = 0.03;

/** Fault and awkwardness decisions of one run, and the count of every planted fault. */
export class Faults {
	/** Faulty rows per file and kind. */
	readonly counts: Record<FaultyFile, Record<string, number>>;
	/** Awkward but valid rows per file and kind, for information. */
	readonly awkward: Record<string, Record<string, number>> = {};
	private readonly streams = new Map<string, Random>();

	/** A ledger; with `enabled` false every decision is "no" and nothing is counted. */
	constructor(
		readonly enabled: boolean,
		private readonly seed: number | string
	) {
		this.counts = Object.fromEntries(
			Object.entries(FAULT_KINDS).map(([file, kinds]) => [file, Object.fromEntries(kinds.map((k) => [k, 0]))])
		) as Record<FaultyFile, Record<string, number>>;
	}

	/** The random stream of a file's fault decisions. */
	rng(file: string): Random {
		let rng = this.streams.get(file);
		if (!rng) {
			rng = new Random(this.seed, `faults:${file}`);
			this.streams.set(file, rng);
		}
		return rng;
	}

	/** Whether to plant a fault in an eligible row, with probability `p`. */
	plant(file: FaultyFile, p: number): boolean {
		return this.enabled && this.rng(file).chance(p);
	}

	/** Choose the kind of a fault about to be planted and count it. */
	kind<F extends FaultyFile>(file: F): (typeof FAULT_KINDS)[F][number] {
		const kinds = FAULT_KINDS[file];
		const kind = kinds[this.rng(file).int(0, kinds.length - 1)]!;
		const byKind: Record<string, number> = this.counts[file];
		byKind[kind] = (byKind[kind] ?? 0) + 1;
		return kind;
	}

	/** Whether this row's dates are written DD/MM/YYYY. */
	ukDates(file: string): boolean {
		return this.awkwardly(file, 'uk_dates', AWKWARD_DATE_RATE);
	}

	/** Whether this row's enumerations are written in mixed case with stray spaces. */
	messyEnums(file: string): boolean {
		return this.awkwardly(file, 'mixed_case_enums', AWKWARD_ENUM_RATE);
	}

	/** An enumeration value as a careless export writes it (valid after trim and case folding). */
	messy(file: string, value: string): string {
		if (value === '') return value;
		const cap = value[0]!.toUpperCase() + value.slice(1);
		switch (this.rng(`awkward:${file}`).int(0, 3)) {
			case 0:
				return cap;
			case 1:
				return value.toUpperCase();
			case 2:
				return ` ${value}`;
			default:
				return `${cap} `;
		}
	}

	/** Total faulty rows of a file. */
	total(file: FaultyFile): number {
		return Object.values(this.counts[file]).reduce((a, b) => a + b, 0);
	}

	private awkwardly(file: string, kind: string, rate: number): boolean {
		if (!this.enabled || !this.rng(`awkward:${file}`).chance(rate)) return false;
		const byKind = (this.awkward[file] ??= {});
		byKind[kind] = (byKind[kind] ?? 0) + 1;
		return true;
	}
}
