import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import {
  component,
  githubDelivery,
  pagerdutyDelivery,
  startWebhookBackend,
} from '../__testUtils__/webhookBackend';
import {
  at,
  deploymentStatusPayload,
  pagerdutyIncidentPayload,
  pushPayload,
  sha,
} from '../__testUtils__/providerPayloads';
import { readDerived } from '../__testUtils__/readDerived';

// One Component, several tools: GitHub sends its deployments and pushes, PagerDuty its
// incidents, Argo CD its syncs. DESIGN.md: "service means the Component" — they form one history.

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const REPO = 'acme/checkout';
const checkout = component('checkout', {
  'github.com/project-slug': REPO,
  'pagerduty.com/service-id': 'PCHK001',
  'argocd/app-name': 'checkout-prod',
});
const WINDOW = 'from=2026-01-05&to=2026-01-12';
const HOUR = 3_600_000;
const user = { Authorization: mockCredentials.user.header() };

/** A push to main of commits `c` (each committed on 5 Jan at c:00 UTC). */
const push = (before: number, after: number, commits: number[]) =>
  githubDelivery('push', pushPayload(REPO, before, after, commits));

/** GitHub's deployment_status webhook: deployment `id` of commit `commit` reached `state`. */
const deployment = (id: number, state: string, commit: number, time: string) =>
  githubDelivery(
    'deployment_status',
    deploymentStatusPayload(REPO, id, state, commit, time),
  );

/** PagerDuty's v3 webhook for incident `id` of service PCHK001, opened at `openedAt`. */
const incident = (
  id: string,
  type: 'incident.triggered' | 'incident.resolved',
  openedAt: string,
  occurredAt: string,
) =>
  pagerdutyDelivery(
    pagerdutyIncidentPayload({
      eventId: `${id}-${type}`,
      type,
      occurredAt,
      id,
      openedAt,
    }),
  );

/** Argo CD's notification (the documented webhook template OpsDeck ships) for a sync. */
const argoSync = (commit: number, startedAt: string, finishedAt: string) => ({
  source: 'argocd',
  body: JSON.stringify({
    trigger: 'on-deployed',
    app: 'checkout-prod',
    revision: sha(commit),
    startedAt,
    finishedAt,
    environment: 'production',
    url: 'https://argocd.example.com/applications/checkout-prod',
  }),
  headers: {
    'Content-Type': 'application/json',
    Authorization: mockCredentials.service.header(),
  },
});

describe.each(databases.eachSupportedId())(
  'one Component across tools on %s',
  databaseId => {
    it('attributes PagerDuty incidents to GitHub deployments: fail rate, recovery and lead time', async () => {
      const db = await databases.init(databaseId);
      const { server, send, settle } = await startWebhookBackend({
        entities: [checkout],
        db,
      });
      const deliveries = [
        push(1, 2, [2]), // commit 2: 5 Jan 02:00
        deployment(100, 'success', 2, at(5, 8)), // 5 Jan 08:00
        push(2, 3, [3]), // commit 3: 5 Jan 03:00
        push(3, 4, [4]), // commit 4: 5 Jan 04:00
        deployment(101, 'success', 4, at(6, 10)), // 6 Jan 10:00
        // PagerDuty: opened 6 Jan 12:00, 2 h after #101 (inside the 24 h window; #100 is 28 h
        // before it, outside), resolved 14:30.
        incident('PINC001', 'incident.triggered', at(6, 12), at(6, 12)),
        incident('PINC001', 'incident.resolved', at(6, 12), at(6, 14, 30)),
        push(4, 5, [5]), // commit 5: 5 Jan 05:00
        deployment(102, 'failure', 5, at(7, 9)), // 7 Jan 09:00, failed
        deployment(103, 'success', 5, at(7, 9, 45)), // 7 Jan 09:45, the same commit again
      ];
      for (const delivery of deliveries) {
        expect((await send(delivery)).status).toBe(202);
      }
      await settle();
      const res = await readDerived(
        server,
        `/api/opsdeck/entities/component/default/checkout/dora?${WINDOW}`,
        user,
      );
      const m = res.body.current;
      // Successful: #100, #101, #103.
      expect(m.deploymentFrequency.detail.count).toBe(3);
      // Completed: #100–#103. Failed: #101 (PagerDuty's incident, by the window) and #102 (its
      // status). Counted per source, #101 would look healthy: 1 of 4.
      expect(m.changeFailRate).toMatchObject({
        value: 0.5,
        detail: { failed: 2, completed: 4 },
      });
      // #101: incident resolved 14:30 − 10:00 = 4.5 h; #102: next success #103 after 45 min.
      // Median of 0.75 h and 4.5 h = 2.625 h.
      expect(m.recoveryTime.value).toBe(2.625 * HOUR);
      expect(m.recoveryTime.detail).toMatchObject({ unrecovered: 0 });
      // Lead times: commit 2 → #100 6 h; commits 3, 4 → #101 31 h, 30 h (the push walk stops at
      // #100's commit); commit 5 → #103 (first success shipping it) 7 Jan 09:45 − 5 Jan 05:00 =
      // 52.75 h. Sorted 6, 30, 31, 52.75: median 30.5 h.
      expect(m.changeLeadTime.value).toBe(30.5 * HOUR);
      expect(m.changeLeadTime.detail).toMatchObject({ count: 4 });
      // MTTR: 12:00 → 14:30.
      expect(m.mttr.value).toBe(2.5 * HOUR);

      // Provenance says why #101 and #102 failed and what recovered them.
      const events = await readDerived(
        server,
        `/api/opsdeck/entities/component/default/checkout/events?${WINDOW}&type=deployment`,
        user,
      );
      const why = (key: string) =>
        events.body.items.find((i: any) => i.key === key)?.detail;
      expect(why('github:101')).toMatchObject({
        failed: true,
        recovery: 4.5 * HOUR,
        why: {
          failed: { incidents: [{ key: 'pagerduty:PINC001', by: 'window' }] },
          recoveredBy: { incidents: ['pagerduty:PINC001'] },
          firstShipped: [sha(3), sha(4)],
        },
      });
      expect(why('github:102')).toMatchObject({
        failed: true,
        recovery: 0.75 * HOUR,
        why: {
          failed: { status: true },
          recoveredBy: { deployment: 'github:103' },
        },
      });
      expect(why('github:103').why).toEqual({ firstShipped: [sha(5)] });
    });

    it('counts one rollout reported by GitHub and Argo CD once, and twice outside the same-rollout window', async () => {
      const run = async (opsdeck: object) => {
        const { server, send, settle } = await startWebhookBackend({
          entities: [checkout],
          db: await databases.init(databaseId),
          opsdeck,
        });
        for (const delivery of [
          push(1, 2, [2]),
          deployment(200, 'success', 2, at(6, 10)), // GitHub: 6 Jan 10:00
          argoSync(2, at(6, 9, 58), at(6, 10, 3)), // Argo CD: the same commit, 10:03
        ]) {
          expect((await send(delivery)).status).toBe(202);
        }
        await settle();
        const dora = await readDerived(
          server,
          `/api/opsdeck/entities/component/default/checkout/dora?${WINDOW}`,
          user,
        );
        const events = await readDerived(
          server,
          `/api/opsdeck/entities/component/default/checkout/events?${WINDOW}&type=deployment`,
          user,
        );
        return { m: dora.body.current, items: events.body.items };
      };

      // Default window (1 h): one deployment, the earliest finish, both sources shown.
      const merged = await run({});
      expect(merged.m.deploymentFrequency.detail.count).toBe(1);
      expect(merged.m.changeFailRate.detail).toMatchObject({ completed: 1 });
      // Commit 2 (5 Jan 02:00) counts once, at the merged rollout's finish 6 Jan 10:00: 32 h.
      expect(merged.m.changeLeadTime).toMatchObject({
        value: 32 * HOUR,
        detail: { count: 1 },
      });
      expect(merged.items.map((i: any) => i.key)).toEqual(['github:200']);
      // Every report of it, the one it is counted as first.
      expect(merged.items[0].detail.why.sources).toEqual([
        'github:200',
        `argocd:checkout-prod@${at(6, 9, 58)}`,
      ]);

      // With a 1-minute window, 10:00 and 10:03 are two rollouts; the commit still counts once.
      const apart = await run({ dora: { sameRolloutWindow: { minutes: 1 } } });
      expect(apart.m.deploymentFrequency.detail.count).toBe(2);
      expect(apart.m.changeLeadTime.detail).toMatchObject({ count: 1 });
    });
  },
);
