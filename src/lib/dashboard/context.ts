/**
 * The dashboard's shared state, handed from the (data) layout to its pages through Svelte
 * context: the first view, the geography, and the page view resolved from the URL (reactive:
 * read `dashboard.view` inside $derived or $effect).
 */
import { getContext, setContext } from 'svelte';
import type { FirstView } from '../schema/first-view.js';
import type { Geography, PageView } from './view.js';

/** What every dashboard page can read. */
export interface Dashboard {
	readonly firstView: FirstView;
	readonly geography: Geography;
	/** The current view; changes when the URL does. */
	readonly view: PageView;
	/** Source line of export stamps, e.g. "Signpost, data published 24 Nov 2026 11:53". */
	readonly source: string;
}

const KEY = Symbol('signpost-dashboard');

/** Provide the dashboard to the pages below (the (data) layout). */
export function setDashboard(dashboard: Dashboard): void {
	setContext(KEY, dashboard);
}

/** The dashboard of the enclosing (data) layout. */
export function getDashboard(): Dashboard {
	const dashboard = getContext<Dashboard | undefined>(KEY);
	if (!dashboard) throw new Error('getDashboard() outside the (data) layout');
	return dashboard;
}
