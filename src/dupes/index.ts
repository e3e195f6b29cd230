/** Near-duplicate postings: finding, storing and listing clusters, and measuring them on labelled pairs. */
export { findDuplicates, type FindDuplicatesResult } from './find.ts';
export { type Cluster, type ClusterList, listClusters } from './list.ts';
export { CLUSTER_DEFAULTS, CLUSTER_FIELDS, type ClusterOptions, FindDuplicatesOptions, listLimit } from './options.ts';
export { readClusterState } from './state.ts';
