import { describe, expect, it } from 'vitest';
import { METRIC_DEFINITIONS, metricDefinition } from '../../src/lib/metrics/definitions.js';
import { DEFAULT_MINUTES_PER_APPOINTMENT, DEFAULT_UNIT_COST_GBP } from '../../src/lib/metrics/gp-use.js';
import { contactsPerFte, NATIONAL_REGISTERED_PATIENTS, per1000Patients, proRataAmbition } from '../../src/lib/metrics/programme.js';
import { DEFAULT_CHANGE_THRESHOLDS } from '../../src/lib/metrics/thresholds.js';

describe('programme measures', () => {
	it('contacts per FTE and per 1,000 patients', () => {
		expect(contactsPerFte(450, 1.5)).toBe(300);
		expect(contactsPerFte(450, 0)).toBeNull();
		expect(() => contactsPerFte(-1, 1)).toThrow(/contacts/);
		const r = per1000Patients(250, 10000);
		expect(r.estimate).toBe(25);
		expect(r.method).toBe('byars');
		expect(r.lower).toBeLessThan(25);
	});

	it('pro-rates the Long Term Plan ambitions by registered patients', () => {
		// Staffordshire and Stoke-on-Trent ICB, October 2025: 1,210,283 patients.
		const a = proRataAmbition(1_210_283);
		expect(a.share).toBeCloseTo(1_210_283 / 63_600_000, 15);
		expect(a.referrals_per_year).toBeCloseTo(900_000 * (1_210_283 / 63_600_000), 8);
		expect(a.link_workers).toBeCloseTo(19.03, 2);
		expect(proRataAmbition(100, 1000).referrals_per_year).toBe(90_000);
		expect(() => proRataAmbition(NATIONAL_REGISTERED_PATIENTS + 1)).toThrow(/exceed/);
	});
});

describe('metric definitions', () => {
	it('has unique ids and every field filled', () => {
		const ids = METRIC_DEFINITIONS.map((d) => d.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const d of METRIC_DEFINITIONS) for (const f of [d.title, d.measures, d.formula_words, d.formula_maths]) expect(f.length).toBeGreaterThan(10);
	});

	it('carries the same numbers as the functions', () => {
		const gp = metricDefinition('gp_time_freed');
		expect(gp.settings.find((s) => s.name === 'minutes per appointment')!.value).toBe(DEFAULT_MINUTES_PER_APPOINTMENT);
		expect(gp.settings.find((s) => s.name.startsWith('cost'))!.value).toBe(DEFAULT_UNIT_COST_GBP);
		expect(gp.caveats.join(' ')).toMatch(/regression to the mean/);
		const wb = metricDefinition('wellbeing_change');
		expect(wb.settings.find((s) => s.name.includes('wemwbs'))!.value).toBe(DEFAULT_CHANGE_THRESHOLDS.wemwbs.points);
		expect(wb.caveats.join(' ')).toMatch(/convention/);
		expect(() => metricDefinition('nope')).toThrow(/no metric definition/);
	});
});
