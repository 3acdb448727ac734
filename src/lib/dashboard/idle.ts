/**
 * Resolves when the browser is next idle, at most `timeoutMs` later; in a browser without idle
 * callbacks (Safari), after `fallbackMs`. For work that must not compete with drawing.
 */
export function whenIdle(timeoutMs: number, fallbackMs = 0): Promise<void> {
	return new Promise((resolve) => {
		if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: timeoutMs });
		else setTimeout(resolve, fallbackMs);
	});
}
