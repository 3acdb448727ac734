/**
 * The workforce dataset: link worker FTE by PCN (ICB and region rows sum their PCNs) by month,
 * quarter and year, and contacts per FTE from the same disclosed contact counts as the indicators.
 */
import { contactsPerFte } from '../../../src/lib/metrics/index.js';
import { datasetSpec } from '../../../src/lib/schema/index.js';
import { fetch, periodsIn, toRows, type Context, type DatasetPlan, type Pending } from './context.js';
import { rounded, type Figure } from './figures.js';
import { monthRange, workforceFigures } from './queries.js';
import { cellId } from './registry.js';

/** FTE needs no registry cells: it describes staff, not patients. */
export async function workforcePlan(ctx: Context): Promise<DatasetPlan> {
	const spec = datasetSpec('workforce');
	const has = ctx.delivered.has('workforce');
	const areas = ctx.geo.areas.filter((a) => a.type !== 'practice');
	await ctx.db.run(`CREATE OR REPLACE TEMP TABLE ds_pcn_areas (pcn_code VARCHAR, area_type VARCHAR, area_code VARCHAR)`);
	const pcnRows: string[][] = [];
	for (const pcn of areas.filter((a) => a.type === 'pcn')) {
		for (let a: typeof pcn | null = pcn; a; a = a.parent) pcnRows.push([pcn.code, a.type, a.code]);
	}
	await ctx.db.append('ds_pcn_areas', pcnRows);
	const range = has ? (await fetch<{ first: string | null; last: string | null }>(ctx, monthRange('out_workforce', 'workforce_month')))[0]! : { first: null, last: null };
	const periods = periodsIn(ctx, range.first, range.last, ['financial_year', 'quarter', 'month']);
	const rows = has ? await fetch<{ area_type: string; area_code: string; period: string; fte: number }>(ctx, workforceFigures()) : [];
	const fte = new Map(rows.map((r) => [`${r.area_type}:${r.area_code}|${r.period}`, r.fte]));
	const hasContacts = ctx.delivered.has('contacts');
	return {
		spec,
		rows: () => {
			const pending: Pending[] = [];
			const blank: Figure = { numerator: null, denominator: null, value: null, lower_95: null, upper_95: null, lower_99_8: null, upper_99_8: null, suppressed: '' };
			for (const indicator of spec.indicators) {
				for (const a of areas) {
					for (const p of periods) {
						const v = fte.get(`${a.key}|${p.label}`);
						if (v === undefined) continue;
						if (indicator.id === 'link_worker_fte') {
							pending.push({ area: a, period: p, indicator, extra: {}, figure: { ...blank, value: rounded(v) } });
							continue;
						}
						// Contacts by month are published for PCNs only.
						if (!hasContacts || (p.type === 'month' && a.type !== 'pcn')) continue;
						const id = cellId({ series: 'contacts', period: p, area: a });
						if (!ctx.registry.has(id)) continue;
						const c = ctx.figures.cell(id, 'contacts');
						const ratio = c.shown === null ? null : contactsPerFte(c.shown, v);
						pending.push({ area: a, period: p, indicator, extra: {}, figure: { ...blank, numerator: c.shown, denominator: rounded(v), value: rounded(ratio), suppressed: c.why ? `numerator ${c.why}` : '' } });
					}
				}
			}
			return toRows(pending);
		}
	};
}
