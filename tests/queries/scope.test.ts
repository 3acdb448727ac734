/** The server's scope setting: what it accepts, and the query that keeps a scope's rows. */
import { describe, expect, it } from 'vitest';
import { createScopedTable } from '../../src/lib/queries/scope.js';
import { parseScope } from '../../src/lib/server/scope.js';

describe('SIGNPOST_SCOPE', () => {
	it('reads ICB and PCN scopes, normalised', () => {
		expect(parseScope(undefined)).toBeNull();
		expect(parseScope('  ')).toBeNull();
		expect(parseScope('icb:qzz')).toEqual({ kind: 'icb', codes: ['QZZ'] });
		expect(parseScope('PCN:U90002,U90001,U90002')).toEqual({ kind: 'pcn', codes: ['U90001', 'U90002'] });
	});

	it('refuses anything else with a message that says what it should look like', () => {
		for (const bad of ['practice:Z00001', 'pcn:', 'icb:QZZ;DROP', 'pcn:U1, U2']) expect(() => parseScope(bad)).toThrow(/SIGNPOST_SCOPE must look like/);
	});

	it('binds every code and the file path', () => {
		const q = createScopedTable('referrals', '/data/referrals.parquet', { kind: 'pcn', codes: ['U1', 'U2'] });
		expect(q.params).toEqual(['/data/referrals.parquet', 'U1', 'U2']);
		expect(q.sql).toContain('"pcn_code" IN (?, ?)');
		expect(q.sql).not.toContain('U1');
	});
});
