import { ResponseError } from '@backstage/errors';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { OpsDeckBackfillRun } from '../../api/OpsDeckApi';
import { renderOnEntity } from '../../__testUtils__/fixtures';
import { BACKFILL_POLL_MS } from '../../hooks/useBackfillRuns';
import { OpsDeckAdminPage } from './OpsDeckAdminPage';

/** What the backend answers a refused request with, as the client throws it. */
function backendError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/opsdeck/admin/backfill' },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );
}

const running: OpsDeckBackfillRun = {
  id: 'run-2',
  days: 90,
  startedAt: '2026-11-26T10:00:00Z',
  status: 'running',
  progress: { done: 12, total: 40, etaSeconds: 150 },
  sources: [
    { source: 'github', targets: 30, done: 12, records: 310, errors: [] },
    { source: 'pagerduty', targets: 10, done: 0, records: 0, errors: [] },
  ],
};

const finished: OpsDeckBackfillRun = {
  id: 'run-1',
  days: 30,
  startedAt: '2026-11-20T08:00:00Z',
  finishedAt: '2026-11-20T08:04:00Z',
  status: 'done',
  progress: { done: 12, total: 12, etaSeconds: null },
  sources: [
    { source: 'github', targets: 9, done: 9, records: 1234, errors: [] },
    {
      source: 'pagerduty',
      targets: 3,
      done: 3,
      records: 12,
      errors: [
        'PXYZ123: 404 Not Found from https://api.pagerduty.com/incidents',
      ],
    },
  ],
};

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(c => c.textContent);

const notAllowedText =
  'Seeing and starting backfills needs the opsdeck.admin permission, which your account does not hold.';

describe('OpsDeckAdminPage', () => {
  afterEach(() => jest.useRealTimers());

  it("shows a running run's progress with the time left, and a finished run's numbers", async () => {
    await renderOnEntity(<OpsDeckAdminPage />, {
      api: { listBackfillRuns: async () => [running, finished] },
    });
    expect(
      await screen.findByTestId('opsdeck-backfill-progress'),
    ).toHaveTextContent(/^12 of 40 targets — about 3 min left$/);
    const bar = screen.getByRole('progressbar', { name: 'Backfill progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '30');

    const [now, before] = screen.getAllByTestId('opsdeck-backfill-run');
    const status = (run: HTMLElement) =>
      within(run).getByTestId('opsdeck-backfill-status');
    expect(status(now)).toHaveTextContent(/^Running$/);
    expect(now).toHaveTextContent('last 90 days');
    expect(status(before)).toHaveTextContent(/^Done$/);
    expect(before).toHaveTextContent('last 30 days');
    // a finished run has no bar
    expect(within(before).queryByRole('progressbar')).not.toBeInTheDocument();
    const github = within(before).getByTestId('opsdeck-backfill-source-github');
    expect(cells(github)).toEqual(['github', '9', '9', '1,234', '0']);
    const pagerduty = within(before).getByTestId(
      'opsdeck-backfill-source-pagerduty',
    );
    expect(cells(pagerduty).slice(0, 4)).toEqual(['pagerduty', '3', '3', '12']);
    expect(pagerduty).toHaveTextContent(
      'PXYZ123: 404 Not Found from https://api.pagerduty.com/incidents',
    );

    // one run at a time: Start waits for the running one
    expect(screen.getByRole('button', { name: 'Start' })).toBeDisabled();
    expect(
      screen.getByText(
        'One run at a time: Start is available again when this run ends.',
      ),
    ).toBeInTheDocument();
  });

  it('says "estimating…" until the pace is known', async () => {
    await renderOnEntity(<OpsDeckAdminPage />, {
      api: {
        listBackfillRuns: async () => [
          {
            ...running,
            progress: { done: 0, total: 1, etaSeconds: null },
          },
        ],
      },
    });
    expect(
      await screen.findByTestId('opsdeck-backfill-progress'),
    ).toHaveTextContent(/^0 of 1 target — estimating…$/);
    expect(
      screen.getByRole('progressbar', { name: 'Backfill progress' }),
    ).toHaveAttribute('aria-valuenow', '0');
  });

  it('asks again while a run is running, and stops once none is', async () => {
    jest.useFakeTimers();
    const answers = [
      [running],
      [
        {
          ...running,
          status: 'done' as const,
          finishedAt: '2026-11-26T10:09:00Z',
          progress: { done: 40, total: 40, etaSeconds: null },
        },
      ],
    ];
    const listBackfillRuns = jest.fn(async () => answers.shift() ?? []);
    await renderOnEntity(<OpsDeckAdminPage />, { api: { listBackfillRuns } });
    await screen.findByTestId('opsdeck-backfill-progress');
    await act(async () => {
      jest.advanceTimersByTime(BACKFILL_POLL_MS);
    });
    const run = await screen.findByTestId('opsdeck-backfill-run');
    expect(
      within(run).getByTestId('opsdeck-backfill-status'),
    ).toHaveTextContent(/^Done$/);
    expect(
      screen.queryByTestId('opsdeck-backfill-progress'),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start' })).toBeEnabled();
    await act(async () => {
      jest.advanceTimersByTime(BACKFILL_POLL_MS * 3);
    });
    expect(listBackfillRuns).toHaveBeenCalledTimes(2);
  });

  it('explains the permission it needs when the backend refuses (403), without the error dump', async () => {
    const error = await backendError(
      403,
      'NotAllowedError',
      'To administer OpsDeck you need the opsdeck.admin permission',
    );
    await renderOnEntity(<OpsDeckAdminPage />, {
      api: { listBackfillRuns: () => Promise.reject(error) },
    });
    const message = await screen.findByTestId('opsdeck-backfill-not-allowed');
    expect(message).toHaveTextContent('For OpsDeck administrators');
    expect(message).toHaveTextContent(notAllowedText);
    expect(message).toHaveTextContent(
      'ask the team that runs Backstage if you need it',
    );
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Start' }),
    ).not.toBeInTheDocument();
  });

  it('says what backfill is when none has run, and shows the 409 when another run started first', async () => {
    const startBackfill = jest.fn(async () => {
      throw await backendError(
        409,
        'ConflictError',
        'A backfill is already running',
      );
    });
    const answers: OpsDeckBackfillRun[][] = [[], [running]];
    const listBackfillRuns = jest.fn(async () => answers.shift() ?? [running]);
    await renderOnEntity(<OpsDeckAdminPage />, {
      api: { listBackfillRuns, startBackfill },
    });
    expect(
      await screen.findByTestId('opsdeck-backfill-empty'),
    ).toHaveTextContent(
      // the link's "opens in a new window" is for screen readers only
      'No backfill has run yet. Backfill imports past deployments and incidents from GitHub, GitLab and PagerDuty for every repository the catalog names; it needs a provider token — see the README section Backfill',
    );
    expect(screen.getByRole('link', { name: /^Backfill/ })).toHaveAttribute(
      'href',
      expect.stringMatching(/README\.md#backfill$/),
    );
    expect(screen.getByLabelText(/Days to import/)).toHaveValue(90);

    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(
      await screen.findByText('A backfill is already running'),
    ).toBeInTheDocument();
    expect(startBackfill).toHaveBeenCalledWith({ days: 90 });
    // the run that started first shows up
    expect(
      await screen.findByTestId('opsdeck-backfill-progress'),
    ).toHaveTextContent('12 of 40 targets');
  });

  it("shows the backend's words for a refused start (400) and starts with the days typed", async () => {
    const startBackfill = jest
      .fn()
      .mockImplementationOnce(async () => {
        throw await backendError(
          400,
          'InputError',
          'sources: sources that can: none (set opsdeck.webhooks.<source>.token for github, gitlab or pagerduty)',
        );
      })
      .mockImplementationOnce(async () => running);
    const answers: OpsDeckBackfillRun[][] = [[], [], [running]];
    await renderOnEntity(<OpsDeckAdminPage />, {
      api: {
        listBackfillRuns: async () => answers.shift() ?? [running],
        startBackfill,
      },
    });
    await screen.findByTestId('opsdeck-backfill-empty');
    fireEvent.change(screen.getByLabelText(/Days to import/), {
      target: { value: '30' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(
      await screen.findByText(
        'sources: sources that can: none (set opsdeck.webhooks.<source>.token for github, gitlab or pagerduty)',
      ),
    ).toBeInTheDocument();
    expect(startBackfill).toHaveBeenLastCalledWith({ days: 30 });

    // once the token is there, the same Start starts the run, and the message goes
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(
      await screen.findByTestId('opsdeck-backfill-progress'),
    ).toHaveTextContent('12 of 40 targets');
    expect(screen.queryByText(/^sources:/)).not.toBeInTheDocument();
  });

  it('shows progress while the runs load, and nothing it does not know yet', async () => {
    await renderOnEntity(<OpsDeckAdminPage />, {
      api: { listBackfillRuns: () => new Promise(() => {}) },
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(
      screen.queryByTestId('opsdeck-backfill-empty'),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start' })).toBeEnabled();
  });

  it("shows the backend's error when the runs cannot be read", async () => {
    const error = await backendError(
      500,
      'Error',
      'The database is not answering',
    );
    await renderOnEntity(<OpsDeckAdminPage />, {
      api: { listBackfillRuns: () => Promise.reject(error) },
    });
    expect(
      (await screen.findAllByText(/The database is not answering/))[0],
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('opsdeck-backfill-not-allowed'),
    ).not.toBeInTheDocument();
  });
});
