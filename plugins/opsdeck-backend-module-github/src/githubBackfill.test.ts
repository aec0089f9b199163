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

const API = 'https://api.github.com/repos/acme/checkout';
const sha = (n: number) => String(n).repeat(40);
const at = (day: number, hour = 10) =>
  new Date(Date.UTC(2026, 0, day, hour)).toISOString();
/** A commit as the compare and commits APIs give it (trimmed). */
const commit = (n: number, committed: string) => ({
  sha: sha(n),
  commit: {
    author: { date: committed },
    committer: { date: committed },
    message: `change ${n}`,
  },
});
const link = (url: string) => ({ Link: `<${url}>; rel="next"` });

async function imported(
  backfill = createGithubBackfill({
    authorization: async () => 'Bearer ghp_test',
  }),
) {
  const pages = [];
  for await (const page of backfill.run({
    target: 'acme/checkout',
    since: new Date('2026-01-01T00:00:00Z'),
  })) {
    pages.push(page);
  }
  return pages.flatMap(p => p.deployments ?? []);
}

describe('GitHub backfill', () => {
  it('reads every page of deployments and statuses, and each successful deployment’s commits with their times', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${API}/deployments`, ({ request }) => {
        seen.push(request.headers.get('authorization') ?? '');
        const page = new URL(request.url).searchParams.get('page');
        if (!page) {
          return HttpResponse.json([{ ...deployment(4, at(8)), sha: sha(4) }], {
            headers: link(`${API}/deployments?per_page=100&page=2`),
          });
        }
        return HttpResponse.json([
          { ...deployment(3, at(7)), sha: sha(3) },
          { ...deployment(2, at(6)), sha: sha(2) },
          // Before `since`: not imported, and the listing ends.
          { ...deployment(1, '2025-06-01T10:00:00Z'), sha: sha(1) },
        ]);
      }),
      http.get(`${API}/deployments/4/statuses`, ({ request }) =>
        new URL(request.url).searchParams.get('page')
          ? HttpResponse.json([status('in_progress', at(8, 9))])
          : HttpResponse.json([status('success', at(8, 10))], {
              headers: link(`${API}/deployments/4/statuses?page=2`),
            }),
      ),
      http.get(`${API}/deployments/3/statuses`, () =>
        HttpResponse.json([status('failure', at(7, 10))]),
      ),
      http.get(`${API}/deployments/2/statuses`, () =>
        HttpResponse.json([status('success', at(6, 10))]),
      ),
      // The first success in the window: its own commit.
      http.get(`${API}/commits/${sha(2)}`, () =>
        HttpResponse.json(commit(2, at(6, 8))),
      ),
      // The next success ships what lies between the two, the failed deployment's commit too.
      http.get(`${API}/compare/${sha(2)}...${sha(4)}`, ({ request }) =>
        new URL(request.url).searchParams.get('page')
          ? HttpResponse.json({ commits: [commit(4, at(7, 20))] })
          : HttpResponse.json(
              { total_commits: 2, commits: [commit(3, at(6, 12))] },
              {
                headers: link(
                  `${API}/compare/${sha(2)}...${sha(4)}?per_page=100&page=2`,
                ),
              },
            ),
      ),
    );
    const deployments = await imported();
    expect(seen).toEqual(['Bearer ghp_test', 'Bearer ghp_test']);
    expect(deployments.map(d => [d.id, d.status, d.changes])).toEqual([
      [
        '4',
        'success',
        [
          { sha: sha(3), time: at(6, 12) },
          { sha: sha(4), time: at(7, 20) },
        ],
      ],
      [
        '4',
        'in_progress',
        [
          { sha: sha(3), time: at(6, 12) },
          { sha: sha(4), time: at(7, 20) },
        ],
      ],
      ['3', 'failure', undefined],
      ['2', 'success', [{ sha: sha(2), time: at(6, 8) }]],
    ]);
    expect(deployments[0]).toMatchObject({
      service: {
        annotation: 'github.com/project-slug',
        value: 'acme/checkout',
      },
      commit: { sha: sha(4) },
      finishedAt: at(8, 10),
      url: 'https://example.com/deployment/42/output',
    });
  });

  it("waits out GitHub's secondary rate limit (403 with Retry-After) and goes on", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/deployments`, () =>
        calls++ === 0
          ? HttpResponse.json(
              { message: 'You have exceeded a secondary rate limit' },
              { status: 403, headers: { 'Retry-After': '1' } },
            )
          : HttpResponse.json([]),
      ),
    );
    expect(await imported()).toEqual([]);
    expect(calls).toBe(2);
  });

  it('fails with the status and URL, never the token, when GitHub refuses', async () => {
    server.use(
      http.get(`${API}/deployments`, () =>
        HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
      ),
    );
    const error = await imported(
      createGithubBackfill({ authorization: async () => 'Bearer ghp_secret' }),
    ).catch(e => e);
    expect(error.message).toBe(
      `GitHub answered 401 Unauthorized for ${API}/deployments`,
    );
  });
});
