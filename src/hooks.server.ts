/**
 * Server hook: a dashboard page's HTML asks for the first view (first-view.json) at once.
 *
 * Why: the dashboard pages are drawn in the browser (`ssr = false`), and their layout's load
 * fetches the first view only once SvelteKit's scripts have loaded and started, 70-260 ms after
 * the HTML arrived in `npm run bench:app`. A preload hint in the HTML fetches it alongside the
 * scripts, and the load's own fetch (same URL, mode and credentials) is answered from it.
 */
import type { Handle } from '@sveltejs/kit';
import { base } from '$app/paths';

/** The route group of the pages that draw the first view (src/routes/(data)). */
const DASHBOARD_GROUP = '/(data)';

const PRELOAD = `<link rel="preload" href="${base}/data/first-view.json" as="fetch" crossorigin="anonymous" />`;

export const handle: Handle = ({ event, resolve }) => {
	if (!event.route.id?.startsWith(DASHBOARD_GROUP)) return resolve(event);
	return resolve(event, {
		// Whichever chunk holds the end of the head (without SSR, the page is one chunk).
		transformPageChunk: ({ html }) => html.replace('</head>', `\t${PRELOAD}\n\t</head>`)
	});
};
