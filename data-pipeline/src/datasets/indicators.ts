/**
 * The indicators dataset: referral, contact, timeliness and headline wellbeing indicators by
 * practice, PCN, ICB and region for financial years and quarters, and by PCN for months.
 */
import { datasetSpec, HEADLINE_MEASURES, headlineIndicatorId, type DatasetIndicator } from '../../../src/lib/schema/index.js';
import { fetch, periodsIn, toRows, type Context, type DatasetPlan, type Pending } from './context.js';
import type { Area } from './geography.js';
import type { Period } from './periods.js';
import { contactFigures, monthRange, referralFigures } from './queries.js';
import { cellId } from './registry.js';
import { wellbeingSeries, wellbeingTotals } from './wellbeing.js';

interface ReferralRow {
	area_type: string;
	area_code: string;
	period: string;
	referrals: number;
	people: number;
	status_recorded: number;
	accepted: number;
	first_contact: number;
	days_median: number | null;
	days_mean: number | null;
	days_sd: number | null;
}

/** Register the indicators' counts and return the plan. */
export async function indicatorsPlan(ctx: Context): Promise<DatasetPlan> {
	const spec = datasetSpec('indicators');
	const hasContacts = ctx.delivered.has('contacts');
	const ranges = [await fetch<{ first: string | null; last: string | null }>(ctx, monthRange('out_referrals', 'referral_month'))];
	if (hasContacts) ranges.push(await fetch(ctx, monthRange('out_contacts', 'contact_month')));
	const firsts = ranges.map((r) => r[0]!.first).filter((m): m is string => m !== null).sort();
	const lasts = ranges.map((r) => r[0]!.last).filter((m): m is string => m !== null).sort();
	const periods = periodsIn(ctx, firsts[0] ?? null, lasts.at(-1) ?? null, ['financial_year', 'quarter', 'month']);
	const cells = (p: Period) => ctx.geo.areas.filter((a) => p.type !== 'month' || a.type === 'pcn');

	const byKey = <T extends { area_type: string; area_code: string; period: string }>(rows: T[]) => new Map(rows.map((r) => [`${r.area_type}:${r.area_code}|${r.period}`, r]));
	const referrals = byKey(await fetch<ReferralRow>(ctx, referralFigures()));
	const contacts = hasContacts ? byKey(await fetch<{ area_type: string; area_code: string; period: string; contacts: number }>(ctx, contactFigures())) : null;
	const at = (a: Area, p: Period) => `${a.key}|${p.label}`;
	const add = (series: string, area: Area, period: Period, value: number) => ctx.registry.add({ series, area, period }, value);

	for (const p of periods) {
		for (const a of cells(p)) {
			const r = referrals.get(at(a, p));
			add('referrals', a, p, r?.referrals ?? 0);
			add('people_referred', a, p, r?.people ?? 0);
			add('status_recorded', a, p, r?.status_recorded ?? 0);
			add('accepted', a, p, r?.accepted ?? 0);
			add('first_contact', a, p, r?.first_contact ?? 0);
			if (contacts) add('contacts', a, p, contacts.get(at(a, p))?.contacts ?? 0);
		}
	}
	const wellbeing = await wellbeingTotals(ctx);
	const headline = HEADLINE_MEASURES.filter((h) => ctx.measures.some((m) => m.instrument === h.instrument && m.measure === h.measure));
	for (const h of headline) for (const p of wellbeing.periods) for (const a of ctx.geo.areas) wellbeing.register(ctx.registry, h, p, a, undefined);

	const ind = (id: string) => spec.indicators.find((i) => i.id === id)!;
	return {
		spec,
		rows: () => {
			const f = ctx.figures;
			const pending: Pending[] = [];
			const push = (indicator: DatasetIndicator, make: (a: Area, p: Period) => Pending['figure'], ps: readonly Period[] = periods) => {
				for (const a of ctx.geo.areas) for (const p of ps) if (cells(p).includes(a)) pending.push({ area: a, period: p, indicator, extra: {}, figure: make(a, p) });
			};
			const cell = (series: string, area: Area, period: Period) => cellId({ series, area, period });
			push(ind('referrals'), (a, p) => f.count(cell('referrals', a, p), 'referrals'));
			push(ind('people_referred'), (a, p) => f.count(cell('people_referred', a, p), 'people'));
			push(ind('referral_rate'), (a, p) => f.rate(cell('referrals', a, p), a.list_size, 'referrals'));
			push(ind('accepted_share'), (a, p) => f.share(cell('accepted', a, p), cell('status_recorded', a, p), 'referrals'));
			if (contacts) push(ind('contacts'), (a, p) => f.count(cell('contacts', a, p), 'contacts'));
			const stats = (a: Area, p: Period) => {
				const r = referrals.get(at(a, p));
				return { n: r?.first_contact ?? 0, mean: r?.days_mean ?? null, sd: r?.days_sd ?? null, median: r?.days_median ?? null };
			};
			push(ind('first_contact_days_median'), (a, p) => f.median(cell('first_contact', a, p), stats(a, p).n, stats(a, p).median, 'referrals'));
			push(ind('first_contact_days_mean'), (a, p) => f.mean(cell('first_contact', a, p), stats(a, p), 'referrals'));
			for (const h of headline) {
				const s = wellbeingSeries(h);
				push(ind(headlineIndicatorId(h, 'pairs')), (a, p) => f.count(cell(s.pairs, a, p), 'referrals'), wellbeing.periods);
				push(ind(headlineIndicatorId(h, 'improved_share')), (a, p) => f.share(cell(s.improved, a, p), cell(s.pairs, a, p), 'referrals'), wellbeing.periods);
			}
			return toRows(pending);
		}
	};
}
