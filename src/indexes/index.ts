/**
 * Vector index management on jobs.embedding: what an index is (spec.ts), building, rebuilding
 * and dropping one (manage.ts), what exists (status.ts) and the default policy that builds HNSW
 * once a table outgrows exact search (default-policy.ts, policy-setting.ts).
 */
export { applyDefaultIndex } from './default-policy.ts';
export { createVectorIndex, dropVectorIndex, type IndexBuildResult, rebuildVectorIndex, type ServerBuildOptions } from './manage.ts';
export { getAutoIndex, setAutoIndex } from './policy-setting.ts';
export * from './spec.ts';
export { type IndexBuildProgress, type VectorIndexStatus, vectorIndexStatus } from './status.ts';
