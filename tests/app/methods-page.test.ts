import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { METRIC_DEFINITIONS } from '../../src/lib/metrics/index.js';
import { DATA_DEFINITIONS } from '../../src/lib/schema/index.js';
import MethodsPage from '../../src/routes/methods/+page.svelte';

/** HTML-escape as Svelte does for text, so we can look for a definition's text in the markup. */
const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

describe('Methods page', () => {
	const { body } = render(MethodsPage);

	it('shows every metric with its formula, settings, sources and caveats', () => {
		expect(METRIC_DEFINITIONS.length).toBeGreaterThan(5);
		for (const d of METRIC_DEFINITIONS) {
			expect(body).toContain(`id="${d.id}"`);
			expect(body).toContain(esc(d.title));
			expect(body).toContain(esc(d.formula_words));
			expect(body).toContain(esc(d.formula_maths));
			for (const s of d.settings) {
				expect(body).toContain(esc(String(s.value)));
				expect(body).toContain(esc(s.source));
			}
			for (const c of d.caveats) expect(body).toContain(esc(c));
		}
	});

	it('explains how the data are prepared', () => {
		for (const d of DATA_DEFINITIONS) expect(body).toContain(esc(d.definition));
	});
});
