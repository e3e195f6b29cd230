/** How vector index administration looks on a terminal. */
import type { IndexBuildProgress, IndexBuildResult, IndexRecommendation, VectorIndexStatus } from '../../indexes/index.ts';
import { printTable } from '../output.ts';
import type { Printer } from './printer.ts';

export const indexCreate: Printer = {
  print: (result: IndexBuildResult) => console.log(`built ${result.name} in ${(result.milliseconds / 1000).toFixed(1)} s`),
};

export const indexStatus: Printer = {
  print(status: { indexes: VectorIndexStatus[]; building: IndexBuildProgress[]; recommendation: IndexRecommendation }) {
    if (status.indexes.length === 0) console.log('no vector index: searches scan every row (exact)');
    else
      printTable(status.indexes, {
        index: (i) => i.name,
        type: (i) => i.type,
        storage: (i) => i.storage ?? '?',
        metric: (i) => i.metric ?? (i.storage === 'bit' ? 'any' : '?'),
        parameters: (i) =>
          Object.entries(i.parameters)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
        size: (i) => i.size,
        rows: (i) => i.rowsIndexed,
        valid: (i) => (i.valid ? 'yes' : 'NO'),
      });
    for (const b of status.building) console.log(`building ${b.index ?? '?'}: ${b.phase}`);
    console.log(`policy: ${status.recommendation.reason}`);
  },
};

export const indexRebuild: Printer = { print: (r: { rebuilt: string }) => console.log(`rebuilt ${r.rebuilt}`) };

export const indexDrop: Printer = {
  print: (r: { dropped: string }) =>
    console.log(`dropped ${r.dropped}; the default index policy is now off (\`jobsight index auto on\` turns it back on)`),
};

export const indexAuto: Printer = { print: (r: { autoIndex: boolean }) => console.log(`default index policy: ${r.autoIndex ? 'on' : 'off'}`) };
