import { AuthenticationError } from '@backstage/errors';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitlabWebhookSource, gitlabTime } from './gitlabSource';

const fixture = (name: string) =>
  readFileSync(join(__dirname, 'fixtures', `${name}.json`));

const source = createGitlabWebhookSource({ secrets: ['token-a', 'token-b'] });
const SIGNING = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const signed = createGitlabWebhookSource({
  secrets: ['token-a'],
  signingSecrets: [SIGNING],
});

function standardHeaders(
  body: Buffer,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const key = Buffer.from(SIGNING.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key)
    .update(`msg_1.${timestamp}.`)
    .update(body)
    .digest('base64');
  return {
    'x-gitlab-token': 'token-a',
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}

describe('GitLab webhook source', () => {
  it('accepts either configured token and dedupes on Idempotency-Key', async () => {
    await expect(
      source.verify({
        headers: { 'x-gitlab-token': 'token-b', 'idempotency-key': 'k-1' },
        rawBody: fixture('push'),
      }),
    ).resolves.toEqual({ deliveryId: 'k-1' });
  });

  it.each([
    ['missing', {}],
    ['wrong', { 'x-gitlab-token': 'token-c' }],
    ['a prefix of the right one', { 'x-gitlab-token': 'token-' }],
  ])('refuses a %s token', async (_, headers) => {
    await expect(
      source.verify({ headers, rawBody: fixture('push') }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('with signing secrets, also needs a fresh Standard Webhooks signature over the exact bytes', async () => {
    const body = fixture('deployment');
    await expect(
      signed.verify({ headers: standardHeaders(body), rawBody: body }),
    ).resolves.toEqual({ deliveryId: 'msg_1' });
    await expect(
      signed.verify({
        headers: standardHeaders(body, Math.floor(Date.now() / 1000) - 600),
        rawBody: body,
      }),
    ).rejects.toThrow(/webhook-signature/);
    await expect(
      signed.verify({
        headers: standardHeaders(body),
        rawBody: Buffer.concat([body, Buffer.from(' ')]),
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    await expect(
      signed.verify({
        headers: { 'x-gitlab-token': 'token-a' },
        rawBody: body,
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("reads GitLab's documented deployment event: full SHA from commit_url, ISO time", () => {
    expect(
      source.normalize({
        headers: {},
        rawBody: fixture('deployment'),
        receivedAt: 0,
      }),
    ).toEqual({
      deployments: [
        {
          id: '15',
          service: {
            annotation: 'gitlab.com/project-slug',
            value: 'root/test-deployment-webhooks',
          },
          environment: 'staging',
          status: 'success',
          finishedAt: '2021-04-28T21:50:00+02:00',
          commit: { sha: '279484c09fbe69ededfced8c1bb6e6d24616b468' },
          url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
          title: 'Add new file',
          at: '2021-04-28T21:50:00+02:00',
        },
      ],
    });
  });

  it("reads GitLab's documented push event as a push with its commits", () => {
    expect(
      source.normalize({ headers: {}, rawBody: fixture('push'), receivedAt: 0 })
        .pushes,
    ).toEqual([
      {
        repository: {
          annotation: 'gitlab.com/project-slug',
          value: 'mike/diaspora',
        },
        before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
        after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
        commits: [
          {
            sha: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
            time: '2011-12-12T14:27:31+02:00',
          },
          {
            sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
            time: '2012-01-03T23:36:29+02:00',
          },
        ],
      },
    ]);
  });

  it('maps running to a pending update and ignores other object kinds', () => {
    const running = JSON.parse(fixture('deployment').toString());
    running.status = 'running';
    const [d] = source.normalize({
      headers: {},
      rawBody: Buffer.from(JSON.stringify(running)),
      receivedAt: 0,
    }).deployments!;
    expect(d.finishedAt).toBeUndefined();
    expect(
      source.normalize({
        headers: {},
        rawBody: Buffer.from('{"object_kind":"issue"}'),
        receivedAt: 0,
      }).ignored,
    ).toMatch(/'issue' is not used/);
  });

  it('turns GitLab time stamps into ISO 8601', () => {
    expect(gitlabTime('2021-04-28 21:50:00 +0200')).toBe(
      '2021-04-28T21:50:00+02:00',
    );
    expect(gitlabTime('2021-04-28 19:50:00 UTC')).toBe('2021-04-28T19:50:00Z');
    expect(gitlabTime('2021-04-28T19:50:00Z')).toBe('2021-04-28T19:50:00Z');
  });
});
