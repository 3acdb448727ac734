/**
 * The real-browser harness: a small demo delivery through the pipeline, the app built with
 * `vite build` into its own folder, `node build` on a free port, and Debian's chromium driven by
 * playwright-core with a fresh profile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

/** Repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Debian's chromium (`npx playwright install` cannot download browsers here); SIGNPOST_CHROMIUM overrides it. */
export const CHROMIUM = process.env.SIGNPOST_CHROMIUM ?? '/usr/bin/chromium';

/** Flags measured to work with Debian chromium here (shared/notes/stack.md). */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** True when running in CI, where a missing browser must fail rather than skip. */
export const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

/** Whether chromium is installed; in CI its absence throws here, so the browser tests fail loudly. */
export function chromiumAvailable(): boolean {
	if (existsSync(CHROMIUM)) return true;
	if (inCI) throw new Error(`${CHROMIUM} is missing: CI must install Debian chromium (.ci/run does) before running the browser tests`);
	console.warn(`SKIPPED: the browser tests need ${CHROMIUM} (apt-get install -y chromium); they fail instead of skipping when CI=true`);
	return false;
}

/** A temp folder removed by `cleanup`. */
export async function tempDir(prefix: string): Promise<string> {
	return mkdtemp(join(tmpdir(), prefix));
}

/** The demo publication every test suite shares (tests/pipeline/helpers.ts). */
export { publishDemo } from '../pipeline/helpers.js';

/**
 * Build the app with `vite build` into a folder inside the repository (adapter-node's output
 * resolves its dependencies from node_modules), leaving `build/` and `.svelte-kit/` alone.
 */
export async function buildApp(): Promise<string> {
	await mkdir(join(repoRoot, 'test-results'), { recursive: true });
	const dir = await mkdtemp(join(repoRoot, 'test-results/app-build-'));
	const env = { ...process.env, SIGNPOST_BUILD_DIR: join(dir, 'build'), SIGNPOST_KIT_DIR: join(dir, 'kit') };
	await run(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], env);
	return dir;
}

/** A running `node build`. */
export interface AppServer {
	origin: string;
	stop(): Promise<void>;
}

/** Start the built app on a free localhost port, reading data from `dataDir`, with extra environment variables. */
export async function startApp(buildDir: string, dataDir: string, extraEnv: Record<string, string> = {}): Promise<AppServer> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [join(buildDir, 'build')], {
		cwd: repoRoot,
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: origin, SIGNPOST_DATA_DIR: dataDir, ...extraEnv },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	for (let i = 0; ; i++) {
		if (child.exitCode !== null) throw new Error(`node build exited (${child.exitCode}):\n${output}`);
		if (await fetch(origin).then(() => true, () => false)) break;
		if (i > 100) throw new Error(`node build did not answer on ${origin}:\n${output}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return { origin, stop: () => stop(child) };
}

/** Chromium with a fresh temp profile; `close` also removes the profile. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
	const profile = await tempDir('signpost-chromium-');
	const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1024, height: 768 } });
	return {
		context,
		close: async () => {
			await context.close();
			await rm(profile, { recursive: true, force: true });
		}
	};
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`))));
	});
}

function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolvePromise(address.port) : reject(new Error('no port'))));
		});
	});
}

function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return Promise.resolve();
	return new Promise((resolvePromise) => {
		child.once('exit', () => resolvePromise());
		child.kill('SIGTERM');
	});
}
