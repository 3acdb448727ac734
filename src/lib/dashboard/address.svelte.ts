/**
 * The dashboard's address: the URL whose view the pages show. A control that changes the view
 * (a filter, a page's own choice) calls `showUrl`; the pages recompute for the new URL at once,
 * and the URL reaches the address bar and the history (a `goto`, so back, forward, reload and
 * shared links work as before) once the new figures are drawn. Why: the browser handles each
 * same-document navigation and fetches the favicon again after it, in its own process, and on two
 * cores that work slowed the DuckDB-WASM queries of the change it belonged to by about a third
 * (`npm run bench:app` at demo size: median 41-47 -> 35-42 ms, p95 57-67 -> 46-57 ms). Changes
 * made before the URL is written become one history entry, the last.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { whenQueriesDone } from './query-rows.js';

/** A view shown but not yet in the address bar, and the address it was chosen from. */
interface Pending {
	url: URL;
	from: string;
}

// Raw: compared by identity to tell a superseded change from the latest.
let pending = $state.raw<Pending | null>(null);

/** Longest wait for the figures before the URL is written anyway (a first table load takes seconds). */
const MAX_WAIT_MS = 1000;

/**
 * The URL the dashboard shows: the latest `showUrl` while it is not yet in the address bar, else
 * the page's own. Any other navigation (back, forward, a link) wins over a pending one. Read it in
 * a `$derived` of the part you need (a string), so that writing the same URL to the address bar
 * later changes nothing.
 */
export function address(): URL {
	return pending && pending.from === page.url.href ? pending.url : page.url;
}

/**
 * For the dashboard layout's `beforeNavigate`: any navigation but the pending view's own write to
 * the address bar (a link, the reset link even to the same URL, back or forward) cancels it.
 */
export function beforeAnyNavigation(to: URL | null): void {
	if (pending && to?.href !== pending.url.href) pending = null;
}

/** Show the view of `href` (same page, another query) now; write it to the address bar once drawn. */
export function showUrl(href: string): void {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- never mutated: a change replaces the whole pending state
	const url = new URL(href, page.url);
	if (url.href === address().href) return;
	const mine: Pending = { url, from: page.url.href };
	pending = mine;
	figuresDrawn()
		.then(async () => {
			// Superseded by a later change, or the user went elsewhere meanwhile.
			if (pending !== mine || page.url.href !== mine.from) return;
			// eslint-disable-next-line svelte/no-navigation-without-resolve -- same page, only the query changes
			await goto(`${url.pathname}${url.search}`, { keepFocus: true, noScroll: true });
			if (pending === mine) pending = null;
			performance.mark('signpost:address-updated', { detail: url.search });
		})
		// The view is shown either way; only the address bar and history miss this change.
		.catch((error: unknown) => console.warn('The address bar could not be updated', error));
}

/**
 * Resolves after the pages have asked for the new view's figures, received them and drawn them
 * (the next frame after the last query), or after MAX_WAIT_MS.
 */
async function figuresDrawn(): Promise<void> {
	// A frame: the pages' effects have run and their queries are under way.
	await frame();
	await Promise.race([whenQueriesDone(), new Promise((resolve) => setTimeout(resolve, MAX_WAIT_MS))]);
	// Then the frame that paints the new figures, and out of it.
	await frame();
	await new Promise((resolve) => setTimeout(resolve, 0));
}

function frame(): Promise<void> {
	return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
