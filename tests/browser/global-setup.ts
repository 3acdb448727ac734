/**
 * Once per browser-test run: publish a small demo delivery, build the app and start it, so every
 * browser test file shares one build and one server (a build takes most of a minute here).
 * Test files read the result with `inject('app')` (tests/browser/context.ts).
 */
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildApp, chromiumAvailable, publishDemo, startApp, tempDir } from './harness.js';

/** What the browser tests share. */
export interface AppUnderTest {
	/** False when chromium is missing outside CI: the files skip with a message. */
	available: boolean;
	origin: string;
	/** The app's build folder (for starting more servers on other data). */
	build: string;
	/** The published demo data the server reads. */
	published: string;
	/** A scratch folder removed after the run. */
	root: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		app: AppUnderTest;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	if (!chromiumAvailable()) {
		project.provide('app', { available: false, origin: '', build: '', published: '', root: '' });
		return async () => undefined;
	}
	const root = await tempDir('signpost-browser-');
	const [build, published] = await Promise.all([buildApp(), publishDemo(root, 6_000)]);
	const server = await startApp(build, published);
	project.provide('app', { available: true, origin: server.origin, build, published, root });
	return async () => {
		await server.stop();
		await rm(build, { recursive: true, force: true });
		await rm(root, { recursive: true, force: true });
	};
}
