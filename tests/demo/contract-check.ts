/**
 * An independent reading of the export contract (shared/spec/export-format.md) for tests:
 * which rows of a delivery the pipeline must reject, and why. It takes the column lists and
 * enumerations from the shared schema and writes the rules out again from the spec's words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EARLIEST_REFERRAL_DATE, FILES, measureSpec, type ColumnSpec, type FileName } from '../../src/lib/schema/index.js';
import { parseCsv, readTable, type CsvTable } from './helpers.js';

/** One row the pipeline must reject. */
export interface Reject {
	file: string;
	line: number;
	reason: string;
}

/** A delivery checked: rejects and loaded row counts per file. */
export interface DeliveryCheck {
	rejects: Reject[];
	loaded: Record<string, number>;
	tables: Record<string, CsvTable>;
}

/** The latest date a demo delivery may hold (its extract date). */
const AS_AT = '2026-09-30';

/** Check every file of a delivery folder against the contract and the practice reference beside it. */
export function checkDelivery(dir: string): DeliveryCheck {
	const practiceMap = parseCsv(readFileSync(join(dir, 'reference', 'gp-reg-pat-prac-map.csv'), 'utf8')).records;
	const codeColumn = practiceMap[0]!.indexOf('PRACTICE_CODE');
	const practices = new Set(practiceMap.slice(1).map((r) => r[codeColumn]!));
	const rejects: Reject[] = [];
	const loaded: Record<string, number> = {};
	const tables: Record<string, CsvTable> = {};
	const referralDates = new Map<string, string>();
	const referredPeople = new Set<string>();

	for (const spec of FILES) {
		const table = readTable(join(dir, spec.file));
		tables[spec.name] = table;
		const names = table.header.map((h) => h.trim().toLowerCase());
		const seen = new Set<string>();
		let ok = 0;
		table.rows.forEach((fields, i) => {
			const row: Record<string, string> = {};
			names.forEach((n, k) => (row[n] = fields[k] ?? ''));
			const values: Record<string, string> = {};
			let reason = '';
			for (const column of spec.columns) {
				const result = checkValue(column, row[column.name] ?? '');
				if (typeof result === 'object') {
					reason = `${column.name}: ${result.error}`;
					break;
				}
				values[column.name] = result;
			}
			reason ||= crossRule(spec.name, values, { practices, referralDates, referredPeople, seen });
			if (reason) rejects.push({ file: spec.file, line: table.lines[i]!, reason });
			else {
				ok++;
				if (spec.name === 'referrals') {
					referralDates.set(values.referral_id!, values.referral_date!);
					referredPeople.add(values.person_id!);
				}
			}
		});
		loaded[spec.name] = ok;
	}
	return { rejects, loaded, tables };
}

/** A value normalised (ISO dates, lower-case enumerations) or the reason it is invalid. */
function checkValue(column: ColumnSpec, raw: string): string | { error: string } {
	const type = column.type;
	const value = type.kind === 'enum' || type.kind === 'list' ? raw.trim().toLowerCase() : raw;
	if (value === '') return column.required ? { error: 'required' } : '';
	switch (type.kind) {
		case 'text':
			return type.pattern && !new RegExp(type.pattern).test(value) ? { error: 'pattern' } : value;
		case 'date':
			return isoDate(value) ?? { error: 'not a date' };
		case 'month':
			return /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : { error: 'not a month' };
		case 'int':
			return /^-?\d+$/.test(value) && +value >= type.min && +value <= type.max ? value : { error: 'int out of range' };
		case 'number':
			return /^-?\d+(\.\d+)?$/.test(value) && +value >= type.min && +value <= type.max ? value : { error: 'number out of range' };
		case 'enum':
			return type.values.map(String).includes(value) ? value : { error: 'not allowed' };
		case 'list':
			return value.split(type.separator).every((v) => type.values.includes(v.trim())) ? value : { error: 'unknown item' };
	}
}

/** `YYYY-MM-DD` of a valid ISO or UK date, else undefined. */
export function isoDate(text: string): string | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
	if (!m) return undefined;
	const [y, mo, d] = text.includes('/') ? [m[3]!, m[2]!, m[1]!] : [m[1]!, m[2]!, m[3]!];
	const date = new Date(Date.UTC(+y, +mo - 1, +d));
	return date.getUTCFullYear() === +y && date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d ? `${y}-${mo}-${d}` : undefined;
}

function crossRule(
	name: FileName,
	v: Record<string, string>,
	ctx: { practices: Set<string>; referralDates: Map<string, string>; referredPeople: Set<string>; seen: Set<string> }
): string {
	const unique = (key: string): string => {
		if (ctx.seen.has(key)) return 'duplicate';
		ctx.seen.add(key);
		return '';
	};
	const referralDate = v.referral_id ? ctx.referralDates.get(v.referral_id) : undefined;
	switch (name) {
		case 'referrals':
			if (!ctx.practices.has(v.practice_code!)) return 'unknown practice';
			if (v.referral_date! < EARLIEST_REFERRAL_DATE || v.referral_date! > AS_AT) return 'referral date out of range';
			if (v.first_contact_date && v.first_contact_date < v.referral_date!) return 'first contact before referral';
			if (v.discharge_date && (v.discharge_date < v.referral_date! || (v.first_contact_date && v.discharge_date < v.first_contact_date))) return 'discharge too early';
			return unique(v.referral_id!);
		case 'contacts':
			if (!referralDate) return 'unknown referral';
			if (v.contact_date! < referralDate) return 'contact before referral';
			return unique(v.contact_id!);
		case 'wellbeing': {
			if (!referralDate) return 'unknown referral';
			if (v.assessment_date! < addDays(referralDate, -30)) return 'assessment too early';
			const m = measureSpec(v.instrument!, v.measure!);
			if (!m) return 'measure not of instrument';
			const score = Number(v.score);
			if (score < m.min || score > m.max || (m.integer && !Number.isInteger(score))) return 'score out of range';
			return unique([v.referral_id, v.instrument, v.measure, v.assessment_date].join('|'));
		}
		case 'gp_appointments':
			return unique(`${v.person_id}|${v.month}`);
		case 'comparison':
			if (!ctx.practices.has(v.practice_code!)) return 'unknown practice';
			if (ctx.referredPeople.has(v.person_id!)) return 'referred person';
			return unique(v.person_id!);
		case 'signposting':
			if (!referralDate) return 'unknown referral';
			if (v.signpost_date! < referralDate) return 'signpost before referral';
			return unique([v.referral_id, v.activity, v.signpost_date].join('|'));
		case 'workforce':
			return unique(`${v.pcn_code}|${v.month}`);
	}
}

/** An ISO date moved by a number of days. */
export function addDays(iso: string, days: number): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
