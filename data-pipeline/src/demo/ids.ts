/**
 * Opaque identifiers: a letter, a hyphen and a zero-padded serial (R-000001, P-000001,
 * C-000001). The prefix and the width cap (at most 9 digits) mean no identifier can ever be
 * read as a 10-digit NHS number or look like a postcode.
 */

/** Formats the identifiers of one delivery with widths fixed by its size. */
export class IdFormat {
	private readonly referralWidth: number;
	private readonly personWidth: number;
	private readonly contactWidth: number;

	/** Widths for `referrals` referrals (persons and contacts are bounded by multiples of it). */
	constructor(referrals: number) {
		const width = (max: number): number => Math.min(9, Math.max(6, String(max).length));
		this.referralWidth = width(referrals);
		this.personWidth = width(2 * referrals);
		this.contactWidth = width(16 * referrals);
	}

	/** Referral identifier of referral index `i` (0-based). */
	referral(i: number): string {
		return `R-${String(i + 1).padStart(this.referralWidth, '0')}`;
	}

	/** Person identifier of person index `i` (0-based; comparison people follow referred people). */
	person(i: number): string {
		return `P-${String(i + 1).padStart(this.personWidth, '0')}`;
	}

	/** Contact identifier of contact index `i` (0-based). */
	contact(i: number): string {
		return `C-${String(i + 1).padStart(this.contactWidth, '0')}`;
	}
}
