/** Throws unless `value` is a finite number >= 0. `name` goes into the message. */
export function assertNonNegative(value: number, name: string): void {
	if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
}

/** Throws unless `value` is a whole number >= 0. */
export function assertCount(value: number, name: string): void {
	if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${value}`);
}

/** Throws unless `value` is a finite number > 0. */
export function assertPositive(value: number, name: string): void {
	if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

/** Throws unless 0 <= numerator <= denominator and denominator > 0 (numerator may be fractional, as PHE allows). */
export function assertProportionInputs(numerator: number, denominator: number): void {
	assertNonNegative(numerator, 'numerator');
	assertPositive(denominator, 'denominator');
	if (numerator > denominator) {
		throw new RangeError(`numerator (${numerator}) must not be greater than denominator (${denominator}) for a proportion`);
	}
}
