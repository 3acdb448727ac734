/**
 * The dashboard's address: the URL whose view the pages show. A control that changes the view
 * (a filter, a page's own choice) calls `showQuery` or `showParams`; the pages recompute for the
 * new URL at once, and the URL reaches the address bar and the history (a `goto`, so back,
 * forward, reload and shared links work as before) once the new figures are drawn and the browser
 * is next idle.
 *
 * Why: the browser handles each same-document navigation and fetches the favicon again after it,
 * in its own process, and on two cores that work slowed the DuckDB-WASM queries of the change it
 * belonged to by about a third (`npm run bench:app` at demo size: median 41-47 -> 35-42 ms, p95
 * 57-67 -> 46-57 ms). Changes made before the URL is written become one history entry, the last.
 * Idle, not a timeout from the painting frame: that timeout ran before every other task queued from
 * the frame, so SvelteKit's navigation (4-6 ms of the main thread) stood between the painted figures
 * and whatever came next, the next input included; in `npm run bench:app` it ran before the bench's
 * end-of-frame message in 20 of 20 changes (as an idle callback, in 0 of 20), adding its time to each.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { whenIdle } from './idle.js';
import { whenQueriesDone } from './query-rows.js';

// The view shown but not yet in the address bar. Raw: compared by identity to tell a superseded
// change from the latest.
let pending = $state.raw<URL | null>(null);

/** Longest wait for the figures before the URL is written anyway (a first table load takes seconds). */
const MAX_WAIT_MS = 1000;

/** Longest wait for the browser to be idle before the URL is written anyway. */
const IDLE_TIMEOUT_MS = 500;

/**
 * The URL the dashboard shows: the latest change while it is not yet in the address bar, else the
 * page's own. Read it in a `$derived` of the part you need (a string), so that writing the same URL
 * to the address bar later changes nothing.
 */
export function address(): URL {
	return pending ?? page.url;
}

/**
 * For the dashboard layout's `beforeNavigate`: any navigation but the pending view's own write to
 * the address bar (a link, the reset link even to the same URL, back or forward) cancels it, so
 * the page shows where the user went.
 */
export function beforeAnyNavigation(to: URL | null): void {
	if (pending && to?.href !== pending.href) pending = null;
}

/** Show this page with the query `query` (without '?') now; write it to the address bar once drawn. */
export function showQuery(query: string): void {
	const current = address();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- never mutated: a change replaces the whole pending URL
	const url = new URL(`${current.pathname}${query ? `?${query}` : ''}`, current);
	if (url.href === current.href) return;
	pending = url;
	figuresDrawn()
		.then(async () => {
			// Superseded by a later change, or cancelled by another navigation meanwhile.
			if (pending !== url) return;
			// eslint-disable-next-line svelte/no-navigation-without-resolve -- same page, only the query changes
			await goto(`${url.pathname}${url.search}`, { keepFocus: true, noScroll: true });
			if (pending === url) pending = null;
			performance.mark('signpost:address-updated', { detail: url.search });
		})
		// The view is shown either way; only the address bar and history miss this change.
		.catch((error: unknown) => console.warn('The address bar could not be updated', error));
}

/** `showQuery` with `changes` made to the shown query: a value sets a parameter, null removes it. */
export function showParams(changes: Record<string, string | null>): void {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local copy, edited and serialised at once
	const params = new URLSearchParams(address().searchParams);
	for (const [name, value] of Object.entries(changes)) {
		if (value === null) params.delete(name);
		else params.set(name, value);
	}
	showQuery(params.toString());
}

/**
 * Resolves after the pages have asked for the new view's figures, received them and drawn them
 * (the next frame after the last query), or after MAX_WAIT_MS.
 */
async function figuresDrawn(): Promise<void> {
	// A frame: the pages' effects have run and their queries are under way.
	await frame();
	await Promise.race([whenQueriesDone(), new Promise((resolve) => setTimeout(resolve, MAX_WAIT_MS))]);
	// Then the frame that paints the new figures, and out of it once the browser is idle.
	await frame();
	await whenIdle(IDLE_TIMEOUT_MS);
}

function frame(): Promise<void> {
	return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
