import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createGitlabBackfill } from './gitlabBackfill';

// GitLab's documented "List project deployments" item, trimmed.
const deployment = (id: number, status: string, page: number) => ({
  id,
  iid: id,
  ref: 'main',
  sha: '99d03678b90d914dbb1b109132516d71a4a03ea8',
  created_at: '2026-01-05T10:00:00.000Z',
  updated_at: `2026-01-05T10:0${page}:00.000Z`,
  finished_at: status === 'success' ? '2026-01-05T10:04:00.000Z' : null,
  status,
  user: { id: 1, name: 'Administrator', username: 'root' },
  environment: {
    id: 9,
    name: 'production',
    external_url: 'https://about.gitlab.com',
  },
  deployable: {
    id: 14,
    status,
    stage: 'deploy',
    name: 'deploy',
    ref: 'main',
    web_url: `https://gitlab.example.com/acme/checkout/-/jobs/${id}`,
    commit: {
      id: '99d03678b90d914dbb1b109132516d71a4a03ea8',
      title: 'Fix checkout',
    },
  },
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('GitLab backfill', () => {
  it('pages through deployments updated since the start, with the token', async () => {
    const queries: string[] = [];
    server.use(
      http.get(
        'https://gitlab.example.com/api/v4/projects/acme%2Fcheckout/deployments',
        ({ request }) => {
          const url = new URL(request.url);
          queries.push(
            `${request.headers.get('private-token')} ${url.searchParams.get(
              'page',
            )} ${url.searchParams.get('updated_after')}`,
          );
          const page = Number(url.searchParams.get('page'));
          return HttpResponse.json(
            page === 1
              ? Array.from({ length: 100 }, (_, i) =>
                  deployment(1000 + i, 'success', 1),
                )
              : [deployment(7, 'running', 2)],
            {
              headers:
                page === 1 ? { 'x-next-page': '2' } : { 'x-next-page': '' },
            },
          );
        },
      ),
    );
    const pages = [];
    for await (const page of createGitlabBackfill({
      token: 'glpat-test',
      baseUrl: 'https://gitlab.example.com/',
    }).run({
      target: 'acme/checkout',
      since: new Date('2026-01-01T00:00:00Z'),
    })) {
      pages.push(page);
    }
    expect(queries).toEqual([
      'glpat-test 1 2026-01-01T00:00:00.000Z',
      'glpat-test 2 2026-01-01T00:00:00.000Z',
    ]);
    expect(pages.map(p => p.deployments!.length)).toEqual([100, 1]);
    expect(pages[0].deployments![0]).toMatchObject({
      id: '1000',
      service: {
        annotation: 'gitlab.com/project-slug',
        value: 'acme/checkout',
      },
      environment: 'production',
      status: 'success',
      finishedAt: '2026-01-05T10:04:00.000Z',
      commit: { sha: '99d03678b90d914dbb1b109132516d71a4a03ea8' },
      url: 'https://gitlab.example.com/acme/checkout/-/jobs/1000',
    });
    expect(pages[1].deployments![0].finishedAt).toBeUndefined();
  });
});
