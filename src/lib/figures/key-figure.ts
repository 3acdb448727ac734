/** A key figure card as the Wellbeing and GP time freed pages show them (like the Overview's headlines). */
import type { DisclosedValue } from '../metrics/index.js';
import type { ShownInterval } from './overview.js';

/** One key figure. */
export interface KeyFigure {
	key: string;
	label: string;
	value: DisclosedValue;
	/** Decimal places on screen. */
	digits: number;
	/** Written before the number, e.g. '£'. */
	prefix?: string;
	/** Written after the number: '%' joins it, anything else (' points') follows in small type. */
	unit: string;
	interval: ShownInterval | null;
	/** What the number is, in a sentence (base, method, assumptions). */
	detail: string;
	/** Why there is no figure, when there is none and it is not suppressed. */
	missing?: string;
}
