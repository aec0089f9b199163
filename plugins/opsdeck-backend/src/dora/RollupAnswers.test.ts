import {
  DAY_COUNT_FIELDS,
  DEFAULT_BENCHMARK_SET,
  DoraDayCounts,
} from '@opsdeck/backstage-plugin-common';
import { RollupAnswers } from './RollupAnswers';
import { RollupTotals } from './RollupTotals';
import { RollupStore } from '../store/RollupStore';

const DAY = 86_400_000;
const window = { from: 20_000 * DAY, to: 20_007 * DAY };

/** A rollup store holding one scope whose production deployments per day can be changed. */
function storeWith(deploymentsOnFirstDay: { n: number }) {
  let generation = 'g1';
  const reads = { counts: 0 };
  const store = {
    generation: async () => generation,
    memberCount: async () => 3,
    firstEventDay: async () => window.from,
    firstSentDay: async () => undefined,
    readValues: async () => new Map(),
    readCounts: async () => {
      reads.counts++;
      return [
        {
          ...Object.fromEntries(DAY_COUNT_FIELDS.map(f => [f, 0])),
          day: window.from,
          sent: deploymentsOnFirstDay.n,
          successes: deploymentsOnFirstDay.n,
          completed: deploymentsOnFirstDay.n,
          valueCounts: { leadTimes: 0, recoveries: 0, durations: 0 },
        } as DoraDayCounts,
      ];
    },
  } as unknown as RollupStore;
  return {
    answers: new RollupAnswers({
      rollups: new RollupTotals({ store }),
      benchmark: DEFAULT_BENCHMARK_SET,
    }),
    reads,
    write: (next: string) => {
      generation = next;
    },
  };
}

describe('RollupAnswers', () => {
  it('answers from memory until the rollups change, then from the new rows', async () => {
    const day = { n: 2 };
    const { answers, reads, write } = storeWith(day);
    const first = await answers.answer('org', window);
    expect(first.members).toBe(3);
    expect(first.firstEventAt).toBe(window.from);
    await answers.answer('org', window);
    expect(reads.counts).toBe(1);

    day.n = 5;
    // Same generation: nothing was written, so the remembered answer still holds.
    expect(await answers.answer('org', window)).toBe(first);
    write('g2');
    const second = await answers.answer('org', window);
    expect(reads.counts).toBe(2);
    expect(second).not.toBe(first);
    expect(second.answer.current.deploymentFrequency.detail.count).not.toBe(
      first.answer.current.deploymentFrequency.detail.count,
    );
  });

  it('keeps scopes and windows apart, and shares one build between concurrent reads', async () => {
    const { answers, reads } = storeWith({ n: 1 });
    await Promise.all([
      answers.answer('org', window),
      answers.answer('org', window),
      answers.answer('org', window),
    ]);
    expect(reads.counts).toBe(1);
    await answers.answer('group:group:default/payments', window);
    await answers.answer('org', { ...window, to: window.to + DAY });
    expect(reads.counts).toBe(3);
  });
});
