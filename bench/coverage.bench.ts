/* eslint-disable no-console */
// Benchmark B1 — coverage computation. How long computeEntityCoverage takes per entity, as a
// ratio to a baseline measured in the same run: a JSON round trip of the same entity (what the
// backend does to every entity it reads from the catalog anyway). Goal: ≤ 1× (coverage costs no
// more than reading the entity). Run: `yarn bench` (or `yarn bench --smoke`).
import { computeEntityCoverage } from '@opsdeck/backstage-plugin-common';
import { performance } from 'node:perf_hooks';

const smoke = process.argv.includes('--smoke');
const N = smoke ? 2_000 : 50_000;
const ROUNDS = smoke ? 3 : 9;

const entities = Array.from({ length: N }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: i % 5 ? 'Component' : 'System',
  metadata: {
    name: `svc-${i}`,
    annotations: {
      'backstage.io/managed-by-location': `url:https://git.example.com/svc-${i}/catalog-info.yaml`,
      ...(i % 2 ? { 'github.com/project-slug': `acme/svc-${i}` } : {}),
      ...(i % 3 ? { 'pagerduty.com/service-id': `P${i}` } : {}),
      ...(i % 7 ? {} : { 'grafana/dashboard-selector': `tags @> 'svc-${i}'` }),
    },
    links:
      i % 4 ? [] : [{ url: 'https://wiki.example.com/rb', title: 'Runbook' }],
  },
  spec: {
    type: 'service',
    owner: `group:default/team-${i % 40}`,
    lifecycle: 'production',
  },
}));

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

let sink = 0;
const baseline: number[] = [];
const measured: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Interleaved so that machine noise hits both alike.
  baseline.push(
    time(() => {
      for (const e of entities)
        sink += JSON.parse(JSON.stringify(e)).metadata.name.length;
    }),
  );
  measured.push(
    time(() => {
      for (const e of entities)
        sink += computeEntityCoverage(
          `component:default/${e.metadata.name}`,
          e,
        ).present;
    }),
  );
}

const b = median(baseline);
const m = median(measured);
console.log(
  `B1 coverage per entity: ${((m / N) * 1000).toFixed(
    2,
  )} µs; baseline (JSON round trip) ${((b / N) * 1000).toFixed(2)} µs`,
);
console.log(
  `B1 ratio coverage / baseline = ${(m / b).toFixed(
    2,
  )}× (goal ≤ 1×; ${N} entities, median of ${ROUNDS} rounds)`,
);
if (sink < 0) console.log(sink);
