import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { generateKeyPairSync } from 'node:crypto';
import { githubBackfillCredentials } from './githubCredentials';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const logger = mockServices.logger.mock();
const credentials = (data: object, token?: string) =>
  githubBackfillCredentials({
    rootConfig: new ConfigReader(data),
    logger,
    token,
  });

describe('GitHub backfill credentials', () => {
  it('are off without integrations.github credentials or the old key', () => {
    expect(credentials({})).toBeUndefined();
    expect(
      credentials({ integrations: { github: [{ host: 'github.com' }] } }),
    ).toBeUndefined();
  });

  it("use integrations.github's token, as the rest of Backstage does", async () => {
    const found = credentials({
      integrations: { github: [{ host: 'github.com', token: 'ghp_shared' }] },
    });
    expect(await found!.authorization('acme/checkout')).toBe(
      'Bearer ghp_shared',
    );
    expect(found!.baseUrl).toBe('https://api.github.com');
  });

  it('keep the old opsdeck.webhooks.github.token working, with a deprecation warning', async () => {
    const found = credentials({}, 'ghp_old');
    expect(await found!.authorization('acme/checkout')).toBe('Bearer ghp_old');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('opsdeck.webhooks.github.token is deprecated'),
    );
  });

  it("use a GitHub App: the installation's token for the repository's owner", async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const asked: string[] = [];
    server.use(
      // GitHub's documented answers: List installations for the app, Create an installation
      // access token (both authenticated by the app's JWT).
      http.get('https://api.github.com/app/installations', ({ request }) => {
        asked.push(request.headers.get('authorization')!.split(' ')[0]);
        return HttpResponse.json([
          {
            id: 77,
            account: { login: 'acme' },
            repository_selection: 'all',
            suspended_by: null,
          },
        ]);
      }),
      http.post(
        'https://api.github.com/app/installations/77/access_tokens',
        () =>
          HttpResponse.json({
            token: 'ghs_installation',
            expires_at: new Date(Date.now() + 3_600_000).toISOString(),
            repository_selection: 'all',
          }),
      ),
    );
    const found = credentials({
      integrations: {
        github: [
          {
            host: 'github.com',
            apps: [
              {
                appId: 1,
                privateKey,
                clientId: 'Iv1.client',
                clientSecret: 'secret',
                webhookSecret: 'hook',
              },
            ],
          },
        ],
      },
    });
    expect(await found!.authorization('acme/checkout')).toBe(
      'Bearer ghs_installation',
    );
    expect(asked[0]).toBe('bearer');
  });
});
