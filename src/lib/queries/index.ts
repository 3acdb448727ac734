/** Query builders: each returns `{ sql, params, tables }` and never executes anything. */
export * from './query.js';
export * from './referrals.js';
export * from './load.js';
export * from './filter-sql.js';
export * from './overview.js';
export * from './datasets.js';
export * from './data-quality.js';
export * from './wellbeing.js';
export * from './gp-time.js';
export * from './practices.js';
export * from './referrals-equity.js';
export * from './scope.js';
