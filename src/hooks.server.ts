/**
 * Server hook: a dashboard page's HTML asks for the first view (first-view.json) at once.
 *
 * Why: the dashboard pages are drawn in the browser (`ssr = false`), and their layout's load
 * fetches the first view only once SvelteKit's scripts have loaded and started, 70-260 ms after
 * the HTML arrived in `npm run bench:app`. A preload hint in the HTML fetches it alongside the
 * scripts, and the load's own fetch (same URL, mode and credentials) is answered from it.
 */
import type { Handle } from '@sveltejs/kit';
// Not from '$lib/db', whose index also brings in the browser's DuckDB-WASM modules.
import { firstViewUrl } from '$lib/db/first-view.js';

/** The route group of the pages that draw the first view (src/routes/(data)). */
const DASHBOARD_GROUP = '/(data)';

export const handle: Handle = ({ event, resolve }) => {
	if (!event.route.id?.startsWith(DASHBOARD_GROUP)) return resolve(event);
	// On the server the URL comes relative to the page ('./data/…'): made absolute, as the browser's fetch has it.
	const href = new URL(firstViewUrl(), event.url).pathname;
	const preload = `<link rel="preload" href="${href}" as="fetch" crossorigin="anonymous" />`;
	return resolve(event, {
		// Whichever chunk holds the end of the head (without SSR, the page is one chunk).
		transformPageChunk: ({ html }) => html.replace('</head>', `\t${preload}\n\t</head>`)
	});
};
