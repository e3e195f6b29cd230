/** How near-duplicate clusters look on a terminal: what the run did, then each cluster's postings. */
import type { Cluster, ClusterList, FindDuplicatesResult } from '../../dupes/index.ts';
import { printFacts, printTable, truncate } from '../output.ts';
import type { Printer } from './printer.ts';

function printClusters(clusters: readonly Cluster[]): void {
  for (const cluster of clusters) {
    const employers = cluster.sameEmployer ? 'same employer' : 'more than one employer';
    console.log(`\ncluster ${cluster.id}: ${cluster.size} postings, ${employers}, canonical ${cluster.canonicalId}`);
    printTable(cluster.postings, {
      id: (p) => (p.id === cluster.canonicalId ? `${p.id} *` : p.id),
      title: (p) => truncate(p.title, 40),
      company: (p) => truncate(p.company ?? '', 28),
      city: (p) => truncate(p.city ?? '', 20),
      posted: (p) => p.postedAt ?? '',
      source: (p) => truncate(p.source, 16),
    });
  }
}

export const dupes: Printer = {
  progress: 'postings examined',
  print(r: FindDuplicatesResult & { largest: Cluster[] }) {
    printFacts({
      examined: r.rebuilt
        ? `${r.examined} (every posting${r.rebuiltBecause ? `: ${r.rebuiltBecause}` : ''})`
        : `${r.examined} (changed since the last run)`,
      'pairs confirmed': r.pairs,
      clusters: `${r.clusters} holding ${r.clustered} postings (${r.crossEmployer} across employers)`,
      'counted once': `${r.duplicates} postings fewer when near-duplicates count once`,
      options: `similarity >= ${r.options.similarity}, distance <= ${r.options.maxDistance}, ${r.options.neighbours} neighbours`,
      time: `${r.seconds.toFixed(1)} s`,
    });
    printClusters(r.largest);
  },
};

export const dupesList: Printer = {
  print(r: ClusterList) {
    console.log(`${r.clusters} clusters holding ${r.clustered} postings; * marks the canonical posting`);
    printClusters(r.shown);
  },
};
