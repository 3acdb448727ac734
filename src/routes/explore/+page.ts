// DuckDB-WASM runs only in the browser: this page is never rendered on the server.
export const ssr = false;
