import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import { inMemoryDatabase } from '../__testUtils__/inMemoryDatabase';
import {
  component,
  startWebhookBackend,
} from '../__testUtils__/webhookBackend';
import { readDerived } from '../__testUtils__/readDerived';

const service = mockCredentials.service.header();

/**
 * CDEvents as the spec's examples (cdevents/spec, examples/*.json) write them, at the event
 * versions of spec v0.4, each wrapped in a structured-mode CloudEvent as the CloudEvents binding
 * of CDEvents does.
 */
const serviceDeployed = {
  context: {
    version: '0.4.1',
    id: '271069a8-fc18-44f1-b38f-9d70a1695819',
    source: '/event/source/123',
    type: 'dev.cdevents.service.deployed.0.2.0',
    timestamp: '2023-03-20T14:27:05.315384Z',
  },
  subject: {
    id: 'mySubject123',
    source: '/event/source/123',
    type: 'service',
    content: {
      environment: { id: 'test123' },
      artifactId:
        'pkg:oci/myapp@sha256%3A0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427',
    },
  },
};
const incident = (
  predicate: string,
  timestamp: string,
  description: string,
) => ({
  context: {
    version: '0.4.1',
    id: `F4BD2B55-${predicate}`,
    source: '/monitoring/prod1',
    type: `dev.cdevents.incident.${predicate}.0.2.0`,
    timestamp,
  },
  subject: {
    id: 'incident-123',
    source: '/monitoring/prod1',
    type: 'incident',
    content: {
      description,
      environment: { id: 'prod1', source: '/iaas/geo1' },
      service: { id: 'myApp', source: '/clusterA/namespaceB' },
      artifactId:
        'pkg:oci/myapp@sha256%3A0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427',
    },
  },
  customData: { metric: 'responseTime', threshold: '100ms', value: '200ms' },
  customDataContentType: 'application/json',
});
const changeMerged = {
  context: {
    version: '0.4.1',
    id: '271069a8-fc18-44f1-b38f-9d70a1695820',
    source: '/event/source/123',
    type: 'dev.cdevents.change.merged.0.2.0',
    timestamp: '2023-03-20T14:27:05.315384Z',
  },
  subject: {
    id: 'mySubject123',
    source: '/event/source/123',
    type: 'change',
    content: {
      repository: { id: 'TestRepo/TestOrg', source: 'https://example.org' },
    },
  },
};

/** A CDEvent as a structured-mode CloudEvent. */
const cloudEvent = (cdevent: { context: Record<string, string> }) => ({
  specversion: '1.0',
  id: cdevent.context.id,
  source: cdevent.context.source,
  type: cdevent.context.type,
  time: cdevent.context.timestamp,
  datacontenttype: 'application/json',
  data: cdevent,
});

async function start() {
  const { db, factory } = inMemoryDatabase();
  const { server } = await startTestBackend({
    features: [opsdeckPlugin, catalogServiceMock.factory(), factory],
  });
  return { server, db };
}

const post = (server: any, events: object[]) =>
  request(server)
    .post('/api/opsdeck/events')
    .set('Authorization', service)
    .set('Content-Type', 'application/cloudevents-batch+json')
    .send(JSON.stringify(events));

describe('CDEvents through POST /api/opsdeck/events', () => {
  it('maps service.deployed and rolledback to deployments and the incident events to one incident', async () => {
    const { server, db } = await start();
    const rolledback = {
      ...serviceDeployed,
      context: {
        ...serviceDeployed.context,
        id: 'rollback-1',
        type: 'dev.cdevents.service.rolledback.0.2.0',
        timestamp: '2023-03-20T15:00:00Z',
      },
    };
    const res = await post(server, [
      cloudEvent(serviceDeployed),
      cloudEvent(rolledback),
      cloudEvent(
        incident(
          'detected',
          '2022-11-11T13:52:20.079Z',
          'Response time above threshold of 100ms',
        ),
      ),
    ]);
    expect(res.status).toBe(202);
    expect(res.body.accepted).toEqual({
      deployments: 2,
      incidents: 1,
      changes: 0,
    });
    // The resolution arrives later, in a request of its own (one record per request).
    const resolved = await post(server, [
      cloudEvent(
        incident(
          'resolved',
          '2022-11-11T14:22:20.079Z',
          'Response time restored below 100ms',
        ),
      ),
    ]);
    expect(resolved.status).toBe(202);
    const deployments = await db('opsdeck_deployments').orderBy('finished_at');
    expect(deployments).toMatchObject([
      {
        record_key: 'cdevents:271069a8-fc18-44f1-b38f-9d70a1695819',
        service: 'annotation:opsdeck.io/deployment-source=mySubject123',
        environment: 'test123',
        status: 'success',
        title: 'myapp@sha256:0b31b1c02ff4',
      },
      {
        record_key: 'cdevents:rollback-1',
        environment: 'test123',
        title: 'Rollback to myapp@sha256:0b31b1c02ff4',
      },
    ]);
    expect(Number(deployments[0].finished_at)).toBe(
      Date.parse('2023-03-20T14:27:05.315Z'),
    );
    const [stored] = await db('opsdeck_incidents');
    expect(stored).toMatchObject({
      record_key: 'cdevents:incident-123',
      service: 'annotation:opsdeck.io/deployment-source=myApp',
      title: 'Response time above threshold of 100ms',
    });
    expect(Number(stored.opened_at)).toBe(
      Date.parse('2022-11-11T13:52:20.079Z'),
    );
    expect(Number(stored.resolved_at)).toBe(
      Date.parse('2022-11-11T14:22:20.079Z'),
    );
  });

  it('quarantines CDEvents it does not count, and a change.merged that names no SHA, with the reason', async () => {
    const { server, db } = await start();
    const pipelineRun = {
      ...changeMerged,
      context: {
        ...changeMerged.context,
        id: 'run-1',
        type: 'dev.cdevents.pipelinerun.finished.0.2.0',
      },
    };
    const res = await post(server, [
      cloudEvent(changeMerged),
      cloudEvent(pipelineRun),
    ]);
    expect(res.status).toBe(202);
    expect(res.body.ignored).toEqual([
      expect.objectContaining({
        type: 'dev.cdevents.change.merged.0.2.0',
        reason:
          'CDEvents change.merged names no commit SHA (in subject.id or customData.sha); OpsDeck counts a change by its commit',
      }),
      expect.objectContaining({
        type: 'dev.cdevents.pipelinerun.finished.0.2.0',
        reason: expect.stringContaining(
          'CDEvents pipelinerun.finished is not one OpsDeck counts',
        ),
      }),
    ]);
    expect(await db('opsdeck_deployments')).toHaveLength(0);
    expect(await db('opsdeck_pushes')).toHaveLength(0);
  });

  it('counts a change.merged that names a SHA as that commit, merged then: the deployment shipping it gets its lead time, whichever arrives first', async () => {
    const sha = (n: number) => String(n).repeat(40);
    const merged = (n: number, timestamp: string, where: 'id' | 'custom') => ({
      ...changeMerged,
      context: { ...changeMerged.context, id: `merge-${n}`, timestamp },
      subject: {
        ...changeMerged.subject,
        id: where === 'id' ? sha(n) : `PR-${n}`,
      },
      ...(where === 'custom' ? { customData: { sha: sha(n) } } : {}),
    });
    const { server, settle } = await startWebhookBackend({
      entities: [
        component('testrepo', {
          'opsdeck.io/deployment-source': 'TestRepo/TestOrg',
        }),
      ],
    });
    const deployed = (n: number, finishedAt: string) =>
      request(server)
        .post('/api/opsdeck/events')
        .set('Authorization', service)
        .send({
          version: 1,
          source: 'cdevents',
          deployments: [
            {
              id: `deploy-${n}`,
              service: {
                annotation: 'opsdeck.io/deployment-source',
                value: 'TestRepo/TestOrg',
              },
              environment: 'production',
              status: 'success',
              finishedAt,
              commit: { sha: sha(n) },
            },
          ],
        });
    // Merged, then deployed 2 h later.
    const first = await post(server, [
      cloudEvent(merged(1, '2026-01-06T10:00:00Z', 'id')),
    ]);
    expect(first.body.accepted).toEqual({
      deployments: 0,
      incidents: 0,
      changes: 1,
    });
    expect((await deployed(1, '2026-01-06T12:00:00Z')).status).toBe(202);
    // Deployed first; the merge (its SHA in customData) arrives 1 h later, merged 4 h before.
    expect((await deployed(2, '2026-01-07T12:00:00Z')).status).toBe(202);
    expect(
      (
        await post(server, [
          cloudEvent(merged(2, '2026-01-07T08:00:00Z', 'custom')),
        ])
      ).status,
    ).toBe(202);
    await settle();
    const dora = await readDerived(
      server,
      '/api/opsdeck/entities/component/default/testrepo/dora?from=2026-01-05&to=2026-01-12',
      { Authorization: mockCredentials.user.header() },
    );
    expect(dora.body.current.changeLeadTime.detail).toMatchObject({
      count: 2,
    });
    expect(dora.body.current.changeLeadTime.value).toBe(3 * 3_600_000);
  });

  it('answers 400 naming the CDEvent field it needs, and stores nothing of the request', async () => {
    const { server, db } = await start();
    const noEnvironment = {
      ...serviceDeployed,
      subject: {
        ...serviceDeployed.subject,
        content: { artifactId: serviceDeployed.subject.content.artifactId },
      },
    };
    const res = await post(server, [
      cloudEvent(incident('detected', '2022-11-11T13:52:20.079Z', 'Slow')),
      cloudEvent(noEnvironment),
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'events[1].data.subject.content.environment.id: required, the environment it was deployed to',
    );
    expect(await db('opsdeck_incidents')).toHaveLength(0);
  });
});
