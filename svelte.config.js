import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Pre-compression (gzip and brotli files served by `node build`) is opt-in with
		// SIGNPOST_PRECOMPRESS=1 for deployments: brotli on the 34 MB DuckDB wasm takes minutes
		// (shared/notes/stack.md), too slow for `npm start` and CI. Behind a proxy, let it compress.
		// SIGNPOST_BUILD_DIR and SIGNPOST_KIT_DIR let the browser tests build beside, not over, `npm run build`.
		adapter: adapter({ precompress: process.env.SIGNPOST_PRECOMPRESS === '1', out: process.env.SIGNPOST_BUILD_DIR ?? 'build' }),
		outDir: process.env.SIGNPOST_KIT_DIR ?? '.svelte-kit',
		// Nothing may leave the app's origin (NHS networks and strict policies block it); DuckDB-WASM
		// compiles WebAssembly, hence 'wasm-unsafe-eval'.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
