import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// precompress is off: brotli on the 34 MB DuckDB wasm takes minutes (shared/notes/stack.md).
		adapter: adapter({ precompress: false })
	}
};

export default config;
