import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_END, DOC_START, schemaDoc } from '../../data-pipeline/src/schema-doc.js';
import { FILES, TABLES } from '../../src/lib/schema/index.js';

describe('data-pipeline/README.md', () => {
	const readme = readFileSync('data-pipeline/README.md', 'utf8');

	it('carries the schema tables exactly as generated (run `npm run docs:schema` after a schema change)', () => {
		const generated = readme.slice(readme.indexOf(DOC_START) + DOC_START.length, readme.indexOf(DOC_END)).trim();
		expect(generated).toBe(schemaDoc().trim());
	});

	it('documents every input column and every published column', () => {
		for (const f of FILES) for (const c of f.columns) expect(readme).toContain(`| ${c.name} |`);
		for (const t of TABLES) {
			expect(readme).toContain(`#### ${t.name}.parquet`);
			for (const c of t.columns) expect(readme).toContain(`| ${c.name} | ${c.type} |`);
		}
	});
});
