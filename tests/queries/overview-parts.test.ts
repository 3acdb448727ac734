import { describe, expect, it } from 'vitest';
import { NO_FILTERS, parseFilters } from '../../src/lib/filters/filters.js';
import { overviewReferralParts } from '../../src/lib/queries/overview.js';

// Cells as overviewReferrals returns them: one per PCN and month, then the people row.
const cell = (pcn_code: string, month: string, referrals: number, accepted: number, with_status: number, contacts: number | null) => ({
	pcn_code,
	month,
	referrals,
	accepted,
	with_status,
	contacts,
	people: null
});
const people = (n: number) => ({ pcn_code: null, month: null, referrals: null, accepted: null, with_status: null, contacts: null, people: n });

describe('overviewReferralParts', () => {
	// Practices as overviewPractices returns them: by PCN name, PCN and practice.
	const practice = (pcn_code: string, pcn_name: string, practice_code: string, list_size: number | null, icb_code = 'QZZ') => ({ icb_code, pcn_code, pcn_name, practice_code, list_size });
	const practices = [
		practice('U2', 'ALDER PCN', 'P21', 5_000),
		practice('U2', 'ALDER PCN', 'P22', 7_000),
		practice('U1', 'BIRCH PCN', 'P11', 6_000),
		practice('U1', 'BIRCH PCN', 'P12', 8_000),
		practice('U1', 'BIRCH PCN', 'P13', 9_000),
		practice('U1', 'BIRCH PCN', 'P14', 7_000),
		practice('U3', 'CEDAR PCN', 'P31', null)
	];

	it('sums the cells into the total, each month in order and each PCN of the area, keeping PCNs with no referrals', () => {
		const parts = overviewReferralParts([cell('U1', '2025-05', 7, 5, 6, 12), cell('U2', '2025-04', 3, 2, 3, 4), cell('U1', '2025-04', 10, 8, 9, 20), people(18)], practices, NO_FILTERS);
		expect(parts.referrals).toEqual([{ referrals: 20, people: 18, accepted: 15, with_status: 18, contacts: 36 }]);
		expect(parts.monthly).toEqual([
			{ month: '2025-04', referrals: 13, accepted: 10 },
			{ month: '2025-05', referrals: 7, accepted: 5 }
		]);
		// In the practices' order (by PCN name), the PCN with no referrals as 0.
		expect(parts.pcns).toEqual([
			{ pcn_code: 'U2', pcn_name: 'ALDER PCN', patients: 12_000, referrals: 3 },
			{ pcn_code: 'U1', pcn_name: 'BIRCH PCN', patients: 30_000, referrals: 17 },
			{ pcn_code: 'U3', pcn_name: 'CEDAR PCN', patients: null, referrals: 0 }
		]);
		// A PCN without list sizes adds nothing to the patients, as SQL's sum skips nulls.
		expect(parts.patients).toEqual([{ patients: 42_000, practices: 7 }]);
	});

	it('keeps contacts and patients null when nothing was delivered, and counts zero with no referrals', () => {
		const unsized = [practice('U1', 'BIRCH PCN', 'P11', null), practice('U1', 'BIRCH PCN', 'P12', null), practice('U1', 'BIRCH PCN', 'P13', null)];
		const parts = overviewReferralParts([cell('U1', '2025-04', 4, 1, 2, null), people(4)], unsized, NO_FILTERS);
		expect(parts.referrals[0]!.contacts).toBeNull();
		expect(parts.patients).toEqual([{ patients: null, practices: 3 }]);

		const none = overviewReferralParts([people(0)], practices, NO_FILTERS);
		expect(none.referrals).toEqual([{ referrals: 0, people: 0, accepted: 0, with_status: 0, contacts: null }]);
		expect(none.monthly).toEqual([]);
		expect(none.pcns.map((p) => p.referrals)).toEqual([0, 0, 0]);
	});

	it("keeps the view's geography only: a PCN's practices, one practice, or none of another ICB", () => {
		const cells = [cell('U1', '2025-04', 10, 8, 9, 20), people(10)];
		const pcn = overviewReferralParts(cells, practices, parseFilters(new URLSearchParams('pcn=U1')));
		expect(pcn.pcns).toEqual([{ pcn_code: 'U1', pcn_name: 'BIRCH PCN', patients: 30_000, referrals: 10 }]);
		expect(pcn.patients).toEqual([{ patients: 30_000, practices: 4 }]);

		const one = overviewReferralParts(cells, practices, parseFilters(new URLSearchParams('pcn=U1&prac=P12')));
		expect(one.pcns).toEqual([{ pcn_code: 'U1', pcn_name: 'BIRCH PCN', patients: 8_000, referrals: 10 }]);
		expect(one.patients).toEqual([{ patients: 8_000, practices: 1 }]);

		const elsewhere = overviewReferralParts([people(0)], practices, parseFilters(new URLSearchParams('icb=QAA')));
		expect(elsewhere.pcns).toEqual([]);
		expect(elsewhere.patients).toEqual([{ patients: null, practices: 0 }]);
	});
});
