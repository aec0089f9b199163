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

const API = 'https://gitlab.example.com/api/v4/projects/acme%2Fcheckout';

describe('GitLab backfill', () => {
  it('follows every page of deployments updated since the start, and reads the commits successful ones ship', async () => {
    const queries: string[] = [];
    server.use(
      http.get(`${API}/deployments`, ({ request }) => {
        const url = new URL(request.url);
        queries.push(
          `${request.headers.get('authorization')} ${url.searchParams.get(
            'page',
          )} ${url.searchParams.get('updated_after')}`,
        );
        const page = Number(url.searchParams.get('page') ?? 1);
        return HttpResponse.json(
          page === 1
            ? [
                {
                  ...deployment(8, 'success', 1),
                  sha: 'b'.repeat(40),
                  created_at: '2026-01-06T10:00:00.000Z',
                },
                ...Array.from({ length: 99 }, (_, i) =>
                  deployment(1000 + i, 'success', 1),
                ),
              ]
            : [deployment(7, 'running', 2)],
          {
            headers:
              page === 1
                ? {
                    Link: `<${API}/deployments?updated_after=2026-01-01T00%3A00%3A00.000Z&page=2>; rel="next"`,
                  }
                : {},
          },
        );
      }),
      // The first success: its own commit; the next: the compare since it.
      http.get(
        `${API}/repository/commits/99d03678b90d914dbb1b109132516d71a4a03ea8`,
        () =>
          HttpResponse.json({
            id: '99d03678b90d914dbb1b109132516d71a4a03ea8',
            committed_date: '2026-01-05T08:00:00.000Z',
          }),
      ),
      http.get(`${API}/repository/compare`, ({ request }) => {
        const url = new URL(request.url);
        expect([
          url.searchParams.get('from'),
          url.searchParams.get('to'),
        ]).toEqual([
          '99d03678b90d914dbb1b109132516d71a4a03ea8',
          'b'.repeat(40),
        ]);
        return HttpResponse.json({
          commits: [
            { id: 'c'.repeat(40), committed_date: '2026-01-05T12:00:00.000Z' },
            { id: 'b'.repeat(40), committed_date: '2026-01-06T09:00:00.000Z' },
          ],
        });
      }),
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
      'Bearer glpat-test null 2026-01-01T00:00:00.000Z',
      'Bearer glpat-test 2 2026-01-01T00:00:00.000Z',
    ]);
    const all = pages.flatMap(p => p.deployments!);
    expect(all).toHaveLength(101);
    expect(all[0]).toMatchObject({
      id: '8',
      changes: [
        { sha: 'c'.repeat(40), time: '2026-01-05T12:00:00.000Z' },
        { sha: 'b'.repeat(40), time: '2026-01-06T09:00:00.000Z' },
      ],
    });
    expect(all[1]).toMatchObject({
      id: '1000',
      service: {
        annotation: 'gitlab.com/project-slug',
        value: 'acme/checkout',
      },
      environment: 'production',
      status: 'success',
      finishedAt: '2026-01-05T10:04:00.000Z',
      commit: { sha: '99d03678b90d914dbb1b109132516d71a4a03ea8' },
      changes: [
        {
          sha: '99d03678b90d914dbb1b109132516d71a4a03ea8',
          time: '2026-01-05T08:00:00.000Z',
        },
      ],
      url: 'https://gitlab.example.com/acme/checkout/-/jobs/1000',
    });
    expect(all[100].finishedAt).toBeUndefined();
  });
});
