/**
 * Serve the pipeline's published files from the app's own origin. `Cache-Control: no-cache` with
 * an ETag: browsers revalidate every time, which avoids the Windows Chrome/Edge cached-file
 * corruption seen with DuckDB-WASM (duckdb-wasm #1658) while still sending 304s.
 */
import { error } from '@sveltejs/kit';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { resolveDataPath, servedDir } from '$lib/server/data-dir';
import type { RequestHandler } from './$types';

const TYPES: Record<string, string> = {
	json: 'application/json; charset=utf-8',
	parquet: 'application/vnd.apache.parquet',
	csv: 'text/csv; charset=utf-8',
	// The researcher datasets' README and citation file (Citation File Format is YAML).
	md: 'text/markdown; charset=utf-8',
	cff: 'application/yaml; charset=utf-8'
};

export const GET: RequestHandler = async ({ params, request }) => {
	// A server limited to some ICBs or PCNs serves a scoped copy; nothing else leaves it.
	const root = await servedDir().catch(() => null);
	if (!root) error(404, 'No published data: run the pipeline first (see README)');
	const path = resolveDataPath(params.path, root);
	const type = TYPES[params.path.split('.').pop() ?? ''];
	if (!path || !type) error(404, 'Not found');
	const info = await stat(path).catch(() => null);
	if (!info?.isFile()) error(404, 'No published data: run the pipeline first (see README)');
	const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
	const headers = { 'content-type': type, 'cache-control': 'no-cache', etag, 'content-length': String(info.size) };
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, { headers });
};
