import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createGithubBackfill } from './githubBackfill';

// GitHub's documented REST shapes (List deployments, List deployment statuses), trimmed.
const deployment = (id: number, createdAt: string) => ({
  url: `https://api.github.com/repos/acme/checkout/deployments/${id}`,
  id,
  node_id: 'MDEwOkRlcGxveW1lbnQx',
  sha: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d',
  ref: 'main',
  task: 'deploy',
  payload: {},
  original_environment: 'production',
  environment: 'production',
  description: 'Deploy request from hubot',
  created_at: createdAt,
  updated_at: createdAt,
  statuses_url: `https://api.github.com/repos/acme/checkout/deployments/${id}/statuses`,
  repository_url: 'https://api.github.com/repos/acme/checkout',
  transient_environment: false,
  production_environment: true,
});
const status = (state: string, createdAt: string) => ({
  url: 'https://api.github.com/repos/acme/checkout/deployments/42/statuses/1',
  id: 1,
  node_id: 'MDE2OkRlcGxveW1lbnRTdGF0dXMx',
  state,
  description: 'Deployment finished successfully.',
  environment: 'production',
  target_url: 'https://example.com/deployment/42/output',
  created_at: createdAt,
  updated_at: createdAt,
  deployment_url: 'https://api.github.com/repos/acme/checkout/deployments/42',
  repository_url: 'https://api.github.com/repos/acme/checkout',
  environment_url: 'https://checkout.acme.com',
  log_url: 'https://example.com/deployment/42/output',
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('GitHub backfill', () => {
  it('reads deployments since the start and each of their statuses, with the token', async () => {
    const seen: string[] = [];
    server.use(
      http.get(
        'https://api.github.com/repos/acme/checkout/deployments',
        ({ request }) => {
          seen.push(request.headers.get('authorization') ?? '');
          return HttpResponse.json([
            deployment(42, '2026-01-05T10:00:00Z'),
            deployment(41, '2025-06-01T10:00:00Z'), // before `since`: not imported, last page
          ]);
        },
      ),
      http.get(
        'https://api.github.com/repos/acme/checkout/deployments/42/statuses',
        () =>
          HttpResponse.json([
            status('success', '2026-01-05T10:05:00Z'),
            status('in_progress', '2026-01-05T10:01:00Z'),
          ]),
      ),
    );
    const pages = [];
    for await (const page of createGithubBackfill({ token: 'ghp_test' }).run({
      target: 'acme/checkout',
      since: new Date('2026-01-01T00:00:00Z'),
    })) {
      pages.push(page);
    }
    expect(seen).toEqual(['Bearer ghp_test']);
    expect(pages).toHaveLength(1);
    expect(
      pages[0].deployments!.map(d => [d.id, d.status, d.finishedAt]),
    ).toEqual([
      ['42', 'success', '2026-01-05T10:05:00Z'],
      ['42', 'in_progress', undefined],
    ]);
    expect(pages[0].deployments![0]).toMatchObject({
      service: {
        annotation: 'github.com/project-slug',
        value: 'acme/checkout',
      },
      commit: { sha: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d' },
      url: 'https://example.com/deployment/42/output',
    });
  });

  it('fails with the status and URL, never the token, when GitHub refuses', async () => {
    server.use(
      http.get('https://api.github.com/repos/acme/checkout/deployments', () =>
        HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
      ),
    );
    const run = createGithubBackfill({ token: 'ghp_secret' }).run({
      target: 'acme/checkout',
      since: new Date(0),
    });
    await expect(run[Symbol.asyncIterator]().next()).rejects.toThrow(
      /^401 Unauthorized from https:\/\/api\.github\.com\/repos\/acme\/checkout\/deployments$/,
    );
  });
});
