// Property tests (fast-check): invariants any correct DORA computation keeps.
import fc from 'fast-check';
import {
  DeploymentEvent,
  IncidentEvent,
  foldDeployments,
  foldIncidents,
} from './fold';
import {
  aggregateDoraMetrics,
  computeDoraMetrics,
  deriveDoraFacts,
  exactQuantiles,
  mergeDoraInputs,
  metricsFromTotals,
} from './metrics';
import { mergeDayRollups, rollupDays, totalsOfDays } from './rollups';
import { DoraInput } from './types';
import { DAY, HOUR, T0 } from './testFixtures';

const WINDOW = { from: T0, to: T0 + 20 * DAY };
const hours = (max: number) =>
  fc.integer({ min: 0, max }).map(h => T0 - 2 * DAY + h * HOUR);
// Coarse event times, so that updates of one record often tie and the tie-break is exercised.
const eventTimes = fc
  .integer({ min: 0, max: 8 })
  .map(k => T0 - DAY + k * 3 * DAY);

const deploymentEvent: fc.Arbitrary<DeploymentEvent> = fc.record(
  {
    key: fc.constantFrom(
      'gh:1',
      'gh:2',
      'gh:3',
      'gh:4',
      'gh:5',
      'gh:6',
      'gh:7',
      'gh:8',
    ),
    service: fc.constantFrom('svc-a', 'svc-b'),
    eventTime: eventTimes,
    finishedAt: hours(24 * 24),
    environment: fc.constantFrom('production', 'Production', 'prod', 'staging'),
    status: fc.constantFrom(
      'success',
      'failure',
      'Failed',
      'error',
      'queued',
      'in_progress',
      'cancelled',
      'inactive',
    ),
    commit: fc.record({
      sha: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
      time: hours(24 * 20),
    }),
    rollbackOf: fc.constantFrom('gh:1', 'gh:2', 'gh:3'),
    rework: fc.boolean(),
  },
  { requiredKeys: ['key', 'service', 'eventTime', 'environment', 'status'] },
);

const incidentEvent: fc.Arbitrary<IncidentEvent> = fc.record(
  {
    key: fc.constantFrom('pd:1', 'pd:2', 'pd:3', 'pd:4'),
    service: fc.constantFrom('svc-a', 'svc-b'),
    eventTime: eventTimes,
    openedAt: hours(24 * 22),
    resolvedAt: fc.option(hours(24 * 24), { nil: null }),
    causedBy: fc.oneof(
      fc.record({ deployment: fc.constantFrom('gh:1', 'gh:4', 'gh:404') }),
      fc.record({ commit: fc.constantFrom('c1', 'c9') }),
    ),
  },
  { requiredKeys: ['key', 'service', 'eventTime', 'openedAt'] },
);

const events = fc.record({
  deployments: fc.array(deploymentEvent, { maxLength: 30 }),
  incidents: fc.array(incidentEvent, { maxLength: 10 }),
});

type Events = { deployments: DeploymentEvent[]; incidents: IncidentEvent[] };
const fold = (e: Events): DoraInput => ({
  deployments: foldDeployments(e.deployments),
  incidents: foldIncidents(e.incidents),
});
const metricsOf = (e: Events, window = WINDOW) =>
  computeDoraMetrics(fold(e), { window });

describe('DORA properties', () => {
  it('arrival order changes no metric', () => {
    fc.assert(
      fc.property(events, fc.infiniteStream(fc.nat()), (e, seeds) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map(x => ({ x, k: seeds.next().value }))
            .sort((a, b) => a.k - b.k)
            .map(({ x }) => x);
        const shuffled = {
          deployments: shuffle(e.deployments),
          incidents: shuffle(e.incidents),
        };
        expect(metricsOf(shuffled)).toEqual(metricsOf(e));
      }),
      { numRuns: 300 },
    );
  });

  it('ingesting twice equals once', () => {
    fc.assert(
      fc.property(events, e => {
        const twice = {
          deployments: [...e.deployments, ...e.deployments],
          incidents: [...e.incidents, ...e.incidents],
        };
        expect(metricsOf(twice)).toEqual(metricsOf(e));
      }),
      { numRuns: 300 },
    );
  });

  it('counts add up when a window is split in two', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 1, max: 19 }), (e, splitDay) => {
        const mid = WINDOW.from + splitDay * DAY;
        const whole = metricsOf(e);
        const a = metricsOf(e, { from: WINDOW.from, to: mid });
        const b = metricsOf(e, { from: mid, to: WINDOW.to });
        const sum = (pick: (m: typeof whole) => number) => pick(a) + pick(b);
        expect(whole.deploymentFrequency.detail.count).toBe(
          sum(m => m.deploymentFrequency.detail.count),
        );
        expect(whole.deploymentFrequency.detail.deploymentDays).toBe(
          sum(m => m.deploymentFrequency.detail.deploymentDays),
        );
        expect(whole.changeLeadTime.detail.count).toBe(
          sum(m => m.changeLeadTime.detail.count),
        );
        expect(whole.changeFailRate.detail.completed).toBe(
          sum(m => m.changeFailRate.detail.completed),
        );
        expect(whole.changeFailRate.detail.failed).toBe(
          sum(m => m.changeFailRate.detail.failed),
        );
        expect(whole.reworkRate.detail.rework).toBe(
          sum(m => m.reworkRate.detail.rework),
        );
        expect(whole.recoveryTime.detail.failed).toBe(
          sum(m => m.recoveryTime.detail.failed),
        );
        expect(whole.mttr.detail.opened).toBe(sum(m => m.mttr.detail.opened));
        expect(whole.mttr.detail.resolved).toBe(
          sum(m => m.mttr.detail.resolved),
        );
        expect(whole.mttr.detail.unresolved).toBe(
          sum(m => m.mttr.detail.unresolved),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('a group metric equals the metric over the concatenated events', () => {
    fc.assert(
      fc.property(events, e => {
        const input = fold(e);
        // Each service's own records, plus every record of svc-a also mapped to svc-b's entity
        // (an event that maps to several entities belongs to each).
        const a: DoraInput = {
          deployments: input.deployments.filter(d => d.service === 'svc-a'),
          incidents: input.incidents.filter(i => i.service === 'svc-a'),
        };
        const b: DoraInput = {
          deployments: [
            ...input.deployments.filter(d => d.service === 'svc-b'),
            ...a.deployments,
          ],
          incidents: [
            ...input.incidents.filter(i => i.service === 'svc-b'),
            ...a.incidents,
          ],
        };
        expect(
          computeDoraMetrics(mergeDoraInputs(a, b), { window: WINDOW }),
        ).toEqual(computeDoraMetrics(input, { window: WINDOW }));
      }),
      { numRuns: 300 },
    );
  });

  it('adding a failed deployment never lowers the change fail rate', () => {
    fc.assert(
      fc.property(
        events,
        fc.integer({ min: 0, max: 20 * 24 - 1 }),
        fc.constantFrom('svc-a', 'svc-b'),
        (e, h, service) => {
          const before = metricsOf(e).changeFailRate;
          const failed: DeploymentEvent = {
            key: 'gh:new-failure',
            service,
            environment: 'production',
            status: 'failure',
            eventTime: T0 + h * HOUR,
          };
          const after = metricsOf({
            ...e,
            deployments: [...e.deployments, failed],
          }).changeFailRate;
          expect(after.value).not.toBeNull();
          expect(after.value!).toBeGreaterThanOrEqual(before.value ?? 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a window's rows alone give the same metrics as the whole history's facts", () => {
    fc.assert(
      fc.property(events, e => {
        const facts = deriveDoraFacts(fold(e));
        const inWindow = (t: number) => t >= WINDOW.from && t < WINDOW.to;
        const windowOnly = {
          ...facts,
          deployments: facts.deployments.filter(d => inWindow(d.finishedAt)),
          incidents: facts.incidents.filter(i => inWindow(i.openedAt)),
        };
        expect(aggregateDoraMetrics(windowOnly, { window: WINDOW })).toEqual(
          metricsOf(e),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("per-service daily rollups, added up, give the same metrics as the services' facts", () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 1, max: 20 }), (e, days) => {
        const input = fold(e);
        const window = { from: WINDOW.from, to: WINDOW.from + days * DAY };
        const facts = deriveDoraFacts(input);
        const serviceOf = new Map(
          [...input.deployments, ...input.incidents].map(r => [
            r.key,
            r.service,
          ]),
        );
        // Each service's days, as the backend stores them, then merged day by day.
        const perService = ['svc-a', 'svc-b'].flatMap(service =>
          rollupDays(
            {
              deployments: facts.deployments.filter(
                d => serviceOf.get(d.key) === service,
              ),
              incidents: facts.incidents.filter(
                i => serviceOf.get(i.key) === service,
              ),
            },
            input.deployments
              .filter(
                d =>
                  d.service === service &&
                  d.finishedAt === undefined &&
                  d.startedAt !== undefined,
              )
              .map(d => d.startedAt!),
          ),
        );
        const dayKeys = [...new Set(perService.map(r => r.day))];
        const merged = dayKeys.map(day =>
          mergeDayRollups(
            day,
            perService.filter(r => r.day === day),
          ),
        );
        const sentDays = merged.filter(r => r.sent > 0).map(r => r.day);
        const totals = totalsOfDays(
          merged,
          window,
          sentDays.length ? Math.min(...sentDays) : undefined,
          (kind, inWindow) =>
            exactQuantiles(
              inWindow.flatMap(
                r => merged.find(m => m.day === r.day)!.values[kind]!,
              ),
            ),
        );
        expect(metricsFromTotals(totals, { window })).toEqual(
          computeDoraMetrics(input, { window }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
