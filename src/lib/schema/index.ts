/** The one schema shared by the pipeline and the app: export contract, instruments, published tables. */
export * from './enums.js';
export * from './instruments.js';
export * from './contract.js';
export * from './tables.js';
export * from './datasets.js';
export * from './manifest.js';
export * from './derivations.js';
export * from './first-view.js';
