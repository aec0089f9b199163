/* eslint-disable no-console */
// Writes the demo's 30-day SLO history (packages/backend/src/demo/demoSloHistory.ts) as
// OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`.
// Usage: node --require @backstage/cli/config/nodeTransform.cjs scripts/slo-history.ts \
//          <anchor YYYY-MM-DD> <output file> [step seconds, default 60]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  demoSloHistory,
  openMetricsChunks,
} from '../packages/backend/src/demo/demoSloHistory';

async function main() {
  const [date, output, stepArg] = process.argv.slice(2);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || !output) {
    throw new Error(
      'usage: slo-history.ts <anchor YYYY-MM-DD> <output file> [step seconds]',
    );
  }
  const history = demoSloHistory({
    anchor: Date.parse(`${date}T00:00:00Z`),
    stepSeconds: stepArg ? Number(stepArg) : undefined,
  });
  const out = createWriteStream(output);
  for (const chunk of openMetricsChunks(history)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

main().catch(error => {
  console.error(String(error?.stack ?? error));
  process.exit(1);
});
