/**
 * Every dashboard page: rendered in the browser (DuckDB-WASM runs there), with the first view
 * (geography, default period, Overview figures) fetched before the page draws.
 */
import { DataError, fetchFirstView, firstViewUrl } from '$lib/db';
import type { FirstView } from '$lib/schema';
import type { LayoutLoad } from './$types';

export const ssr = false;

export const load: LayoutLoad = async ({ fetch }): Promise<{ firstView: FirstView | null; problem: string | null }> => {
	try {
		return { firstView: await fetchFirstView(firstViewUrl(), fetch), problem: null };
	} catch (error) {
		return { firstView: null, problem: error instanceof DataError ? error.message : 'The published data could not be read. Reload the page to try again.' };
	}
};
