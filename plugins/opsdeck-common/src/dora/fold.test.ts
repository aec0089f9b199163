import { createEnvironmentMatcher } from './environments';
import { foldDeployments, foldIncidents } from './fold';
import { normalizeDeploymentStatus } from './statuses';
import { HOUR, T0 } from './testFixtures';

describe('statuses and environments', () => {
  it.each([
    ['success', 'success'],
    ['Failed', 'failure'],
    ['Error', 'failure'],
    ['degraded', 'failure'],
    ['canceled', 'cancelled'],
    ['Running', 'pending'],
    ['in_progress', 'pending'],
    ['inactive', undefined], // GitHub: ignored
  ])('%s → %s', (word, status) => {
    expect(normalizeDeploymentStatus(word)).toBe(status);
  });

  it('matches environment globs case-insensitively over the whole name', () => {
    const isProd = createEnvironmentMatcher(['production', 'prod-*']);
    expect(isProd('PRODUCTION')).toBe(true);
    expect(isProd('production-eu')).toBe(false);
    expect(isProd('prod-eu')).toBe(true);
    expect(isProd('preprod-eu')).toBe(false);
  });
});

describe('folding events into records', () => {
  const base = { key: 'gh:1', service: 'checkout', environment: 'production' };

  it('a terminal status is never replaced by a later non-terminal one; finishedAt is its time', () => {
    const [d] = foldDeployments([
      { ...base, eventTime: T0, status: 'in_progress' },
      { ...base, eventTime: T0 + HOUR, status: 'success' },
      { ...base, eventTime: T0 + 2 * HOUR, status: 'running' }, // late, out-of-order noise
    ]);
    expect(d).toMatchObject({ status: 'success', finishedAt: T0 + HOUR });
  });

  it('the latest terminal status wins', () => {
    const [d] = foldDeployments([
      { ...base, eventTime: T0 + 2 * HOUR, status: 'failure' },
      { ...base, eventTime: T0 + HOUR, status: 'success' },
    ]);
    expect(d).toMatchObject({ status: 'failure', finishedAt: T0 + 2 * HOUR });
  });

  it('a field is overwritten only by an event at least as new', () => {
    const [d] = foldDeployments([
      { ...base, eventTime: T0 + HOUR, status: 'success', rework: true },
      { ...base, eventTime: T0, status: 'success', rework: false }, // older: ignored
    ]);
    expect(d.rework).toBe(true);
  });

  it('a reopened incident clears resolvedAt and keeps openedAt', () => {
    const key = 'pd:1';
    const [i] = foldIncidents([
      { key, service: 'checkout', eventTime: T0, openedAt: T0 },
      { key, service: 'checkout', eventTime: T0 + HOUR, resolvedAt: T0 + HOUR },
      {
        key,
        service: 'checkout',
        eventTime: T0 + 2 * HOUR,
        resolvedAt: null,
        openedAt: T0 + 2 * HOUR,
      },
    ]);
    expect(i.openedAt).toBe(T0);
    expect(i.resolvedAt).toBeUndefined();
  });
});
