import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/db/errors.js';
import { fetchManifest } from '../../src/lib/db/manifest.js';
import { SCHEMA_VERSION } from '../../src/lib/schema/index.js';

const answer = (status: number, body: string): typeof fetch => async () => new Response(body, { status });

/** The DataError a call rejects with. */
async function failure(p: Promise<unknown>): Promise<DataError> {
	const error = await p.then(() => null, (e: unknown) => e);
	expect(error).toBeInstanceOf(DataError);
	return error as DataError;
}

describe('fetchManifest', () => {
	it('returns a manifest of this schema version', async () => {
		const m = await fetchManifest('/m', answer(200, JSON.stringify({ schema_version: SCHEMA_VERSION, outputs: [] })));
		expect(m.schema_version).toBe(SCHEMA_VERSION);
	});

	it('says there is no published data on 404', async () => {
		const e = await failure(fetchManifest('/m', answer(404, 'Not found')));
		expect(e.kind).toBe('no-manifest');
		expect(e.message).toMatch(/No published data was found/);
	});

	it('refuses another schema version, naming both', async () => {
		const e = await failure(fetchManifest('/m', answer(200, JSON.stringify({ schema_version: SCHEMA_VERSION + 1 }))));
		expect(e.kind).toBe('incompatible');
		expect(e.message).toContain(`schema version ${SCHEMA_VERSION + 1}; this app reads version ${SCHEMA_VERSION}`);
	});

	it('refuses a manifest that is not JSON', async () => {
		expect((await failure(fetchManifest('/m', answer(200, '<html>')))).kind).toBe('no-manifest');
	});

	it('explains a network failure', async () => {
		const offline: typeof fetch = async () => {
			throw new TypeError('Failed to fetch');
		};
		expect((await failure(fetchManifest('/m', offline))).kind).toBe('download');
	});
});
