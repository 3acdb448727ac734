/** Rates per 1,000 patients as every page shows them: label, range, title and the denominator note. */
import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../src/lib/filters/filters.js';
import { annualisedRate, DENOMINATOR_NOTE, denominatorNotes, rateLabel, rateRange, rateRangeTitle } from '../../src/lib/figures/rates.js';
import { rateInterval } from '../../src/lib/metrics/index.js';

const rate = (name: string, value: number | null) => ({ name, rate: { value, suppressed: value === null ? ('small_count' as const) : null } });

describe('rates per 1,000 patients', () => {
	it('annualises a rate and its interval by 12 / months, and keeps a hidden count hidden', () => {
		const ri = rateInterval(40, 8000);
		expect(annualisedRate({ value: 40, suppressed: null }, 8000, 3)).toEqual({ rate: { value: ri.estimate * 4, suppressed: null }, interval: { lower: ri.lower * 4, upper: ri.upper * 4 } });
		expect(annualisedRate({ value: null, suppressed: 'small_count' }, 8000, 12)).toEqual({ rate: { value: null, suppressed: 'small_count' }, interval: null });
		expect(annualisedRate({ value: 40, suppressed: null }, null, 12).rate.value).toBeNull();
	});

	it('says when a rate is annualised', () => {
		expect(rateLabel(12)).toBe('Referrals per 1,000 patients');
		expect(rateLabel(3)).toBe('Referrals per 1,000 patients a year (annualised)');
	});

	it('gives the lowest and highest of two or more shown rates, and a title stating them', () => {
		const rates = [rate('B', 2.5), rate('A', null), rate('C', 1.25), rate('D', 2.5)];
		const range = rateRange(rates);
		expect(range).toEqual({ low: rates[2], high: rates[3] });
		expect(rateRangeTitle(range, 'fallback')).toBe('Referral rates ranged from 1.3 (C) to 2.5 (D) per 1,000 patients');
		expect(rateRange([rate('A', 1), rate('B', null)])).toBeNull();
		expect(rateRangeTitle(null, 'Referral rate by PCN')).toBe('Referral rate by PCN');
	});

	it('notes the unfiltered denominator only when people or referral filters are set', () => {
		expect(denominatorNotes(parseFilters(new URLSearchParams('pcn=U1&p=2024-25')))).toEqual([]);
		for (const q of ['sex=female', 'age=65-74', 'eth=asian', 'imd=1', 'need=loneliness_isolation', 'src=gp']) {
			expect(denominatorNotes(parseFilters(new URLSearchParams(q))), q).toEqual([DENOMINATOR_NOTE]);
		}
	});
});
