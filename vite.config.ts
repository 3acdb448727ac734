import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// DuckDB and the pipeline's temp folders are heavy: two workers suit the 2-core machines here.
		maxWorkers: 2,
		projects: [
			{ extends: true, test: { name: 'node', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'] } },
			// The built app in Debian chromium (tests/browser/harness.ts): one file, a build and a server.
			// One build and server for every file (tests/browser/global-setup.ts).
			{ extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], hookTimeout: 300_000, globalSetup: ['tests/browser/global-setup.ts'] } }
		]
	}
});
