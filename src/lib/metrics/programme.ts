import { rateInterval, type RateInterval } from './rate.js';
import { assertNonNegative, assertPositive } from './validate.js';

/** NHS Long Term Plan (2019): at least 900,000 people referred to social prescribing a year by 2023/24. */
export const LTP_REFERRALS_PER_YEAR = 900_000;
/** Financial year of {@link LTP_REFERRALS_PER_YEAR}. */
export const LTP_REFERRALS_YEAR = '2023/24';
/** NHS Long Term Plan (2019): at least 1,000 social prescribing link workers by 2020/21. */
export const LTP_LINK_WORKERS = 1_000;
/** Financial year of {@link LTP_LINK_WORKERS}. */
export const LTP_LINK_WORKERS_YEAR = '2020/21';
/**
 * Patients registered at GP practices in England, about 63.6 million: NHS Digital, Patients
 * Registered at a GP Practice, October 2025. A setting: pass the current figure when it moves.
 */
export const NATIONAL_REGISTERED_PATIENTS = 63_600_000;
/** Month of {@link NATIONAL_REGISTERED_PATIENTS}. */
export const NATIONAL_REGISTERED_PATIENTS_MONTH = '2025-10';

/** Link worker contacts per full-time equivalent; null when no FTE is recorded (0). */
export function contactsPerFte(contacts: number, fte: number): number | null {
	assertNonNegative(contacts, 'contacts');
	assertNonNegative(fte, 'fte');
	return fte === 0 ? null : contacts / fte;
}

/** Contacts (or referrals) per 1,000 registered patients, with an exact / Byar's interval. */
export function per1000Patients(count: number, patients: number, level?: number): RateInterval {
	return rateInterval(count, patients, { multiplier: 1000, level });
}

/** An area's pro-rata share of the Long Term Plan ambitions. */
export interface AmbitionShare {
	/** Area patients / national registered patients. */
	share: number;
	referrals_per_year: number;
	link_workers: number;
	national_registered_patients: number;
}

/**
 * The Long Term Plan ambitions pro-rated to an area by its share of registered patients:
 * 900,000 referrals a year and 1,000 link workers, times area patients / national patients.
 * A crude yardstick: need differs by deprivation and age, which pro-rating by list size ignores.
 */
export function proRataAmbition(areaPatients: number, nationalPatients: number = NATIONAL_REGISTERED_PATIENTS): AmbitionShare {
	assertNonNegative(areaPatients, 'area patients');
	assertPositive(nationalPatients, 'national patients');
	if (areaPatients > nationalPatients) throw new RangeError(`area patients (${areaPatients}) exceed the national total (${nationalPatients})`);
	const share = areaPatients / nationalPatients;
	return {
		share,
		referrals_per_year: share * LTP_REFERRALS_PER_YEAR,
		link_workers: share * LTP_LINK_WORKERS,
		national_registered_patients: nationalPatients
	};
}
