/** Reading the published datasets as a researcher would: CSV parsing and the counts each row shows. */
import { DATASETS, HEADLINE_MEASURES, headlineIndicatorId } from '../../src/lib/schema/index.js';

/** Parse RFC 4180 CSV text (CRLF or LF) into rows keyed by the header; every record must have the header's field count. */
export function parseCsv(text: string): Record<string, string>[] {
	const records: string[][] = [];
	let field = '';
	let record: string[] = [];
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"' && field === '') quoted = true;
		else if (ch === ',') {
			record.push(field);
			field = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			/* the LF ends the record */
		} else if (ch === '\n') {
			record.push(field);
			records.push(record);
			record = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || record.length > 0) records.push([...record, field]);
	const [header, ...rows] = records;
	return rows.map((r, i) => {
		if (r.length !== header!.length) throw new Error(`record ${i + 2} has ${r.length} fields, the header ${header!.length}`);
		return Object.fromEntries(header!.map((h, j) => [h, r[j]!]));
	});
}

/** One count shown in a file: what it counts (count, extra), when, where, its shown value ('' = suppressed). */
export interface PublishedCell {
	id: string;
	count: string;
	extra: string;
	period: string;
	area: string;
	shown: string;
	why: string;
	where: string;
	/** For a group of an additive breakdown: the extra of its total and the dimension. */
	groupOf?: { total: string; dimension: string };
}

/** Which count each count-bearing column of each indicator shows. */
function countsOf(dataset: string, r: Record<string, string>): { column: 'numerator' | 'denominator'; count: string }[] {
	const ind = r.indicator!;
	switch (dataset) {
		case 'indicators': {
			const simple: Record<string, [string, string?]> = {
				referrals: ['referrals'],
				people_referred: ['people'],
				referral_rate: ['referrals'],
				accepted_share: ['accepted', 'status_recorded'],
				contacts: ['contacts'],
				first_contact_days_median: ['', 'first_contact'],
				first_contact_days_mean: ['', 'first_contact']
			};
			const h = HEADLINE_MEASURES.find((m) => ind === headlineIndicatorId(m, 'pairs') || ind === headlineIndicatorId(m, 'improved_share'));
			const pair = h ? (ind.endsWith('_pairs') ? ['wb_pairs'] : ['wb_improved', 'wb_pairs']) : simple[ind];
			if (!pair) throw new Error(`unknown indicator ${ind}`);
			return [
				...(pair[0] ? [{ column: 'numerator' as const, count: pair[0] }] : []),
				...(pair[1] ? [{ column: 'denominator' as const, count: pair[1] }] : [])
			];
		}
		case 'wellbeing_change':
		case 'wellbeing_change_by_group': {
			const m: Record<string, [string, string?]> = {
				with_baseline: ['wb_baseline'],
				pairs: ['wb_pairs'],
				baseline_mean: ['', 'wb_pairs'],
				follow_up_mean: ['', 'wb_pairs'],
				change_mean: ['', 'wb_pairs'],
				improved_share: ['wb_improved', 'wb_pairs'],
				worse_share: ['wb_worse', 'wb_pairs']
			};
			const [n, d] = m[ind]!;
			return [...(n ? [{ column: 'numerator' as const, count: n }] : []), ...(d ? [{ column: 'denominator' as const, count: d }] : [])];
		}
		case 'gp_time_freed':
			if (r.cohort === 'referred_vs_comparison') return [];
			if (ind === 'people') return [{ column: 'numerator', count: 'gp_people' }];
			if (['appts_before_mean', 'appts_after_mean', 'avoided_per_person'].includes(ind)) return [{ column: 'denominator', count: 'gp_people' }];
			return [];
		case 'signposting':
			return ind === 'signposts'
				? [{ column: 'numerator', count: 'sp_signposts' }]
				: [
						{ column: 'numerator', count: 'sp_attended' },
						{ column: 'denominator', count: 'sp_recorded' }
					];
		case 'workforce':
			return ind === 'contacts_per_fte' ? [{ column: 'numerator', count: 'contacts' }] : [];
		default:
			throw new Error(`unknown dataset ${dataset}`);
	}
}

/** Every count shown in every file, as an attacker lines them up. */
export function publishedCells(tables: ReadonlyMap<string, Record<string, string>[]>): PublishedCell[] {
	const out: PublishedCell[] = [];
	for (const spec of DATASETS) {
		for (const r of tables.get(spec.name) ?? []) {
			const ind = r.indicator!;
			const h = HEADLINE_MEASURES.find((m) => ind.startsWith(`${m.instrument}_${m.measure}_`));
			const wb = r.instrument ? `instrument=${r.instrument};measure=${r.measure}` : h ? `instrument=${h.instrument};measure=${h.measure}` : '';
			let extra = wb;
			let groupOf: PublishedCell['groupOf'];
			if (r.breakdown) {
				extra = `${wb};${r.breakdown}=${r.breakdown_value}`;
				if (r.breakdown !== 'need') groupOf = { total: wb, dimension: r.breakdown };
			}
			if (r.cohort) {
				extra = `cohort=${r.cohort};use=${r.baseline_use}`;
				if (r.baseline_use !== 'all') groupOf = { total: `cohort=${r.cohort};use=all`, dimension: 'use' };
			}
			if (r.activity) {
				extra = `activity=${r.activity}`;
				if (r.activity !== 'all') groupOf = { total: 'activity=all', dimension: 'activity' };
			}
			for (const { column, count } of countsOf(spec.name, r)) {
				const text = r.suppressed ?? '';
				const why = text.split('; ').find((s) => s.startsWith(`${column} `))?.slice(column.length + 1) ?? (r[column] === '' ? text : '');
				const area = r.area_code!;
				out.push({ id: `${count}|${extra}|${r.period}|${area}`, count, extra, period: r.period!, area, shown: r[column]!, why, where: `${spec.name} ${ind}`, groupOf });
			}
		}
	}
	return out;
}
