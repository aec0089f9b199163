import { AuthenticationError } from '@backstage/errors';
import { createHmac } from 'node:crypto';
import examples from '@octokit/webhooks-examples/api.github.com/index.json';
import {
  createGithubWebhookSource,
  githubEventsAreChecked,
} from './githubSource';

const example = (name: string) =>
  (examples as Array<{ name: string; examples: any[] }>).find(
    e => e.name === name,
  )!.examples;

// GitHub's documented test vector ("Validating webhook deliveries").
const DOC_SECRET = "It's a Secret to Everybody";
const DOC_BODY = 'Hello, World!';
const DOC_SIGNATURE =
  'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

const source = createGithubWebhookSource({
  secrets: ['old-secret', DOC_SECRET],
});

function signed(body: string, event: string, secret = DOC_SECRET) {
  return {
    headers: {
      'x-github-event': event,
      'x-github-delivery': 'd-1',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret)
        .update(body)
        .digest('hex')}`,
      'content-type': 'application/json',
    },
    rawBody: Buffer.from(body),
    receivedAt: 0,
  };
}

describe('GitHub webhook source', () => {
  it("accepts GitHub's documented test vector with either of two rotating secrets", async () => {
    await expect(
      source.verify({
        headers: {
          'x-hub-signature-256': DOC_SIGNATURE,
          'x-github-delivery': 'abc',
        },
        rawBody: Buffer.from(DOC_BODY),
      }),
    ).resolves.toEqual({ deliveryId: 'abc' });
    const body = JSON.stringify(example('ping')[0]);
    await expect(
      source.verify(signed(body, 'ping', 'old-secret')),
    ).resolves.toEqual({ deliveryId: 'd-1' });
  });

  it.each([
    ['missing', undefined],
    ['forged', `sha256=${'0'.repeat(64)}`],
    ['truncated', DOC_SIGNATURE.slice(0, 40)],
    ['malformed', 'sha256=not-hex!'],
    ['of another algorithm', 'sha1=757107ea0eb2509fc211221cce984b8a37570b6d'],
  ])('refuses a %s signature with an AuthenticationError', async (_, sig) => {
    await expect(
      source.verify({
        headers: {
          ...(sig ? { 'x-hub-signature-256': sig } : {}),
          'x-github-delivery': 'abc',
        },
        rawBody: Buffer.from(DOC_BODY),
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a body changed after signing, even by one byte', async () => {
    await expect(
      source.verify({
        headers: {
          'x-hub-signature-256': DOC_SIGNATURE,
          'x-github-delivery': 'abc',
        },
        rawBody: Buffer.from('Hello, World?'),
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a body that is not exactly UTF-8, even when its HMAC is right', async () => {
    // The signature library hashes text: 0xff would decode to U+FFFD and hash as other bytes.
    const body = Buffer.concat([
      Buffer.from('{"a":"'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    await expect(
      source.verify({
        headers: {
          'x-hub-signature-256': `sha256=${createHmac('sha256', DOC_SECRET)
            .update(body)
            .digest('hex')}`,
          'x-github-delivery': 'abc',
        },
        rawBody: body,
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a SHA-1 signature in the SHA-256 header', async () => {
    await expect(
      source.verify({
        headers: {
          'x-hub-signature-256': `sha1=${createHmac('sha1', DOC_SECRET)
            .update(DOC_BODY)
            .digest('hex')}`,
          'x-github-delivery': 'abc',
        },
        rawBody: Buffer.from(DOC_BODY),
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('names deliveries from the events topics, by the topic when a bus dropped the headers', () => {
    const withEvents = createGithubWebhookSource(
      { secrets: [DOC_SECRET] },
      undefined,
      {
        readEventsTopics: true,
      },
    );
    expect(withEvents.events!.topics).toEqual([
      'github.deployment_status',
      'github.push',
    ]);
    const withMetadata = withEvents.events!.request({
      topic: 'github.push',
      payload: {},
      metadata: { 'x-github-event': 'push', 'x-github-delivery': 'd-9' },
    });
    expect(withMetadata).toMatchObject({
      deliveryId: 'd-9',
      headers: { 'x-github-event': 'push', 'content-type': 'application/json' },
    });
    const withoutMetadata = withEvents.events!.request({
      topic: 'github.deployment_status',
      payload: {},
    });
    expect(withoutMetadata.deliveryId).toBeUndefined();
    expect(withoutMetadata.headers['x-github-event']).toBe('deployment_status');
  });

  it('refuses every delivery while no secret is configured', async () => {
    await expect(
      createGithubWebhookSource({ secrets: [] }).verify({
        headers: { 'x-hub-signature-256': DOC_SIGNATURE },
        rawBody: Buffer.from(DOC_BODY),
      }),
    ).rejects.toThrow(/opsdeck\.webhooks\.github\.secrets/);
  });

  it('reads a deployment_status (octokit example) as a finished production deployment', () => {
    const payload = example('deployment_status')[0];
    expect(
      source.normalize(signed(JSON.stringify(payload), 'deployment_status')),
    ).toEqual({
      deployments: [
        {
          id: '145988746',
          service: {
            annotation: 'github.com/project-slug',
            value: 'Codertocat/Hello-World',
          },
          environment: 'production',
          status: 'success',
          startedAt: '2019-05-15T15:20:53Z',
          finishedAt: '2019-05-15T15:20:55Z',
          commit: { sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e' },
          url: 'https://github.com/Codertocat/Hello-World/deployments',
          title: 'Codertocat/Hello-World master',
          at: '2019-05-15T15:20:55Z',
        },
      ],
    });
  });

  it('reads an in_progress status as pending, with no finish time, linking the run', () => {
    const payload = example('deployment_status')[1];
    const [d] = source.normalize(
      signed(JSON.stringify(payload), 'deployment_status'),
    ).deployments!;
    expect(d).toMatchObject({
      status: 'in_progress',
      environment: 'github-pages',
      url: 'https://github.com/CorsixTH/CorsixTH/runs/4687056418?check_suite_focus=true',
    });
    expect(d.finishedAt).toBeUndefined();
  });

  it('reads a branch push (octokit example) with its commits and commit times', () => {
    const payload = example('push').find(p => p.ref === 'refs/heads/master');
    expect(
      source.normalize(signed(JSON.stringify(payload), 'push')).pushes,
    ).toEqual([
      {
        repository: {
          annotation: 'github.com/project-slug',
          value: 'Codertocat/Hello-World',
        },
        before: '0000000000000000000000000000000000000000',
        after: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
        forced: false,
        commits: [
          {
            sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
            time: '2019-05-15T15:19:25Z',
          },
        ],
      },
    ]);
  });

  it('reads the form-encoded variant GitHub can send', () => {
    const payload = example('deployment_status')[0];
    const body = new URLSearchParams({
      payload: JSON.stringify(payload),
    }).toString();
    const delivery = signed(body, 'deployment_status');
    delivery.headers['content-type'] = 'application/x-www-form-urlencoded';
    expect(source.normalize(delivery).deployments?.[0].id).toBe('145988746');
  });

  it('ignores, with a reason, what DORA does not use: ping, tag pushes, deleted branches, other events', () => {
    const tag = example('push').find(p => p.ref === 'refs/tags/simple-tag');
    const deleted = {
      ...example('push').find(p => p.ref === 'refs/heads/master'),
      deleted: true,
    };
    expect(
      source.normalize(signed(JSON.stringify(example('ping')[0]), 'ping')),
    ).toEqual({ ignored: 'ping: the hook works' });
    expect(
      source.normalize(signed(JSON.stringify(tag), 'push')).ignored,
    ).toMatch(/only branches/);
    expect(
      source.normalize(signed(JSON.stringify(deleted), 'push')).ignored,
    ).toMatch(/deleting/);
    expect(source.normalize(signed('{}', 'issues')).ignored).toMatch(
      /'issues' is not used/,
    );
  });
});

describe('githubEventsAreChecked', () => {
  it('is true only when the events module has a secret or a GitHub App has a webhook secret', () => {
    const { ConfigReader } = require('@backstage/config');
    const checked = (data: object) =>
      githubEventsAreChecked(new ConfigReader(data));
    expect(checked({})).toBe(false);
    expect(
      checked({ events: { modules: { github: { webhookSecret: 's' } } } }),
    ).toBe(true);
    expect(
      checked({
        integrations: {
          github: [
            { host: 'github.com', apps: [{ appId: 1, webhookSecret: 's' }] },
          ],
        },
      }),
    ).toBe(true);
    expect(
      checked({
        integrations: {
          github: [{ host: 'github.com', apps: [{ appId: 1 }] }],
        },
      }),
    ).toBe(false);
  });
});
