// The administration page (backfill runs) in a real browser, on two portals.
// 1. The demo as it ships: the guest (Nina, on Payments) holds no `opsdeck.admin` — the org page
//    offers no link to the page, and /opsdeck/admin says which permission it needs, with no Start.
// 2. A portal where Payments administers OpsDeck and GitHub's REST API is a stand-in served by
//    this test (through Backstage's APP_CONFIG_ environment variables): the guest follows the org
//    page's link, starts a backfill, watches its progress bar while the stand-in holds back the
//    third repository, is told "A backfill is already running" in a second tab that did not know
//    of the run, and sees the finished run's numbers as the API answers them.
// axe-core checks each state before any screenshot.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Page } from 'playwright-core';
import { assertAccessible } from './accessibility.mts';
import { startPortal, type Portal } from './harness.mts';

const NOT_ALLOWED =
  'Seeing and starting backfills needs the opsdeck.admin permission, which your account does not hold.';
const EMPTY =
  'No backfill has run yet. Backfill imports past deployments and incidents from GitHub, GitLab and PagerDuty for every repository the catalog names; it needs a provider token — see the README section Backfill';
const GITHUB_TOKEN = 'opsdeck-e2e-github-token';

async function signIn(portal: Portal) {
  const { page, baseUrl } = portal;
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.waitForURL(/\/home/, { timeout: 60_000 });
}

/** The Backfill card (the Card around its title). */
const backfillCard = (page: Page) =>
  page
    .getByText('Backfill', { exact: true })
    .first()
    .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]');

/**
 * GitHub's REST API for the backfill, as documented (List deployments, List deployment statuses,
 * Get a commit, Compare two commits): one successful production deployment a day ago per
 * repository. The first `answered` repositories it is asked about are answered at once; the
 * others wait until `release()`, so a run stays running, with a known number of targets done,
 * for as long as the test looks at it.
 */
function githubStandIn(answered: number) {
  const repositories: string[] = [];
  const held: Array<() => void> = [];
  let released = false;
  const at = (ms: number) => new Date(Date.now() - ms).toISOString();
  const shaOf = (repository: string) =>
    createHash('sha1').update(repository).digest('hex');

  const answer = (url: URL, res: ServerResponse) => {
    const match = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/(.*)$/);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!match) return send(404, { message: 'Not Found' });
    const [, repository, rest] = match;
    const sha = shaOf(repository);
    const id = parseInt(sha.slice(0, 8), 16);
    const deployment = {
      id,
      sha,
      ref: 'main',
      task: 'deploy',
      payload: {},
      environment: 'production',
      original_environment: 'production',
      production_environment: true,
      transient_environment: false,
      description: 'Deploy from the e2e stand-in',
      created_at: at(86_400_000),
      updated_at: at(86_400_000),
      url: `${url.origin}/repos/${repository}/deployments/${id}`,
      statuses_url: `${url.origin}/repos/${repository}/deployments/${id}/statuses`,
      repository_url: `${url.origin}/repos/${repository}`,
    };
    const commit = {
      sha,
      commit: {
        author: { date: at(90_000_000) },
        committer: { date: at(90_000_000) },
        message: 'Change',
      },
    };
    if (rest === 'deployments') {
      const page = Number(url.searchParams.get('page') ?? '1');
      return send(200, page > 1 ? [] : [deployment]);
    }
    if (rest === `deployments/${id}/statuses`) {
      return send(200, [
        {
          id: id + 1,
          state: 'success',
          environment: 'production',
          description: 'Deployed',
          target_url: `https://ci.acme.example/${repository}/runs/${id}`,
          created_at: at(86_100_000),
          updated_at: at(86_100_000),
          deployment_url: deployment.url,
          repository_url: deployment.repository_url,
        },
      ]);
    }
    if (rest === `commits/${sha}`) return send(200, commit);
    if (rest.startsWith('compare/')) return send(200, { commits: [commit] });
    return send(404, { message: 'Not Found' });
  };

  const server: Server = createServer(
    (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (req.headers.authorization !== `Bearer ${GITHUB_TOKEN}`) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: 'Bad credentials' }));
        return;
      }
      const repository = url.pathname.split('/').slice(2, 4).join('/');
      if (!repositories.includes(repository)) repositories.push(repository);
      if (released || repositories.indexOf(repository) < answered) {
        answer(url, res);
      } else {
        held.push(() => {
          // the backend may have given up on it (a timeout, then a retry)
          if (!res.destroyed) answer(url, res);
        });
      }
    },
  );
  return {
    async start(): Promise<string> {
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as { port: number };
      return `http://127.0.0.1:${port}`;
    },
    release() {
      released = true;
      for (const go of held.splice(0)) go();
    },
    async stop() {
      this.release();
      server.closeAllConnections();
      await new Promise(r => server.close(r));
    },
  };
}

describe(
  'Administration page: the demo guest is no admin',
  { timeout: 600_000 },
  () => {
    let portal: Portal;

    before(async () => {
      portal = await startPortal();
      await signIn(portal);
    });

    after(async () => {
      await portal?.close();
    });

    it('says which permission backfill needs, offers no Start, and the org page no link to it', async () => {
      const { page, baseUrl } = portal;
      await page.goto(`${baseUrl}/opsdeck/admin`);
      const message = page.getByTestId('opsdeck-backfill-not-allowed');
      await message.waitFor({ timeout: 60_000 });
      await message.getByText('For OpsDeck administrators').waitFor();
      await message.getByText(NOT_ALLOWED).waitFor();
      assert.ok(await message.getByText(NOT_ALLOWED).isVisible());
      assert.equal(
        await page.getByRole('button', { name: 'Start' }).count(),
        0,
      );
      assert.equal(await page.getByText(/Request failed/).count(), 0);
      await assertAccessible(page, 'admin page without opsdeck.admin');
      await portal.screenshot('admin-not-allowed');

      // The sidebar leads to the org page within the app: the permission is already answered.
      await page.getByRole('link', { name: 'Delivery' }).first().click();
      await page.waitForURL(/\/opsdeck$/);
      await page
        .getByTestId('opsdeck-dora-mttr-value')
        .waitFor({ timeout: 60_000 });
      assert.equal(
        await page.getByRole('link', { name: 'Administration' }).count(),
        0,
      );
    });
  },
);

describe(
  'Administration page: an admin backfills from a GitHub stand-in',
  {
    timeout: 600_000,
    skip: process.env.OPSDECK_E2E_BASE_URL
      ? 'sets the portal’s config: needs a portal of its own'
      : false,
  },
  () => {
    let portal: Portal;
    let token: string;
    const github = githubStandIn(2);

    const api = async (path: string) => {
      const res = await fetch(`${portal.baseUrl}/api/opsdeck/${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(res.status, 200, `${path} answered ${res.status}`);
      return res.json() as Promise<any>;
    };

    /** The newest run once `ready` holds for it (at most `seconds`). */
    const runWhen = async (ready: (run: any) => boolean, seconds: number) => {
      const deadline = Date.now() + seconds * 1000;
      for (;;) {
        const [run] = (await api('admin/backfill')).runs;
        if (run && ready(run)) return run;
        if (Date.now() > deadline) {
          throw new Error(
            `backfill: not there after ${seconds} s: ${JSON.stringify(run)}`,
          );
        }
        await new Promise(r => setTimeout(r, 1000));
      }
    };

    before(async () => {
      const githubUrl = await github.start();
      // Backstage reads APP_CONFIG_<path> over the config files: Payments administers OpsDeck,
      // and GitHub backfill reads the stand-in with a token.
      const env = {
        APP_CONFIG_opsdeck_permissionPolicy_adminGroups: JSON.stringify([
          'group:default/platform',
          'group:default/payments',
        ]),
        APP_CONFIG_opsdeck_webhooks_github_token: GITHUB_TOKEN,
        APP_CONFIG_opsdeck_webhooks_github_apiBaseUrl: githubUrl,
      };
      Object.assign(process.env, env);
      try {
        portal = await startPortal();
      } finally {
        for (const key of Object.keys(env)) delete process.env[key];
      }
      // The catalog read and indexed: Nina signs in as a member of her team (an admin group
      // here), so the backend lets her see the runs. Signed in only then, so the page's token is
      // an admin's too.
      const deadline = Date.now() + 180_000;
      for (;;) {
        token = await portal.guestToken();
        const admin = await fetch(
          `${portal.baseUrl}/api/opsdeck/admin/backfill`,
          {
            headers: { Authorization: `Bearer ${token}` },
          },
        );
        // product-catalog's demo events name its GitHub repository: once they count for it,
        // the index holds the repositories of the demo's Components, the backfill's targets.
        const dora = await api(
          'entities/component/default/product-catalog/dora',
        ).catch(() => undefined);
        if (
          admin.status === 200 &&
          dora?.pendingEvents === 0 &&
          dora.current.deploymentFrequency.value > 0
        )
          break;
        if (Date.now() > deadline) {
          throw new Error(
            `not ready: admin/backfill answered ${admin.status}, product-catalog pending events ${dora?.pendingEvents}`,
          );
        }
        await new Promise(r => setTimeout(r, 2000));
      }
      await signIn(portal);
    });

    after(async () => {
      await portal?.close();
      await github.stop();
    });

    it('starts a backfill from the page, shows its progress, refuses a second, and shows the finished numbers', async () => {
      const { page, baseUrl } = portal;
      assert.deepEqual((await api('admin/backfill')).runs, []);

      // An admin finds the page from the org overview's header.
      await page.goto(`${baseUrl}/opsdeck`);
      await page
        .getByRole('link', { name: 'Administration' })
        .click({ timeout: 60_000 });
      await page.waitForURL(/\/opsdeck\/admin$/);
      const card = backfillCard(page);
      const empty = card.getByTestId('opsdeck-backfill-empty');
      await empty.waitFor({ timeout: 60_000 });
      assert.ok((await empty.innerText()).startsWith(EMPTY));
      await assertAccessible(page, 'admin page, no run yet');

      // A second tab, open before the run starts: it knows of no run.
      const other = await page.context().newPage();
      await other.goto(`${baseUrl}/opsdeck/admin`);
      await other
        .getByTestId('opsdeck-backfill-empty')
        .waitFor({ timeout: 60_000 });

      // Start 30 days.
      const days = card.getByLabel(/Days to import/);
      assert.equal(await days.inputValue(), '90');
      await days.fill('30');
      await card.getByRole('button', { name: 'Start' }).click();

      // The stand-in answers two repositories and holds the third: 2 done of all (targets are
      // imported one at a time, GitHub's first).
      const running = await runWhen(
        r => r.status === 'running' && r.progress.done === 2,
        120,
      );
      const { total } = running.progress;
      assert.equal(running.days, 30);
      assert.ok(total > 2, `${total} targets`);
      const progress = card.getByTestId('opsdeck-backfill-progress');
      await progress
        .getByText(
          new RegExp(
            `^2 of ${total} targets — (about .+|less than a minute) left$`,
          ),
        )
        .waitFor({ timeout: 30_000 });
      const bar = card.getByRole('progressbar', { name: 'Backfill progress' });
      assert.equal(
        await bar.getAttribute('aria-valuenow'),
        String(Math.round((2 / total) * 100)),
      );
      assert.ok(await bar.isVisible());
      const run = card.getByTestId('opsdeck-backfill-run').first();
      const status = run.getByTestId('opsdeck-backfill-status');
      assert.equal((await status.innerText()).trim(), 'Running');
      await run.getByText(/last 30 days/).waitFor();
      assert.equal(
        await card.getByRole('button', { name: 'Start' }).isDisabled(),
        true,
      );
      await assertAccessible(page, 'admin page, a run running');
      await portal.screenshot('23-admin-backfill');

      // The second tab tries too: the backend's words, then the run that is running.
      await other.getByRole('button', { name: 'Start' }).click();
      await other
        .getByText('A backfill is already running')
        .first()
        .waitFor({ timeout: 30_000 });
      await other
        .getByTestId('opsdeck-backfill-progress')
        .getByText(new RegExp(`^2 of ${total} targets`))
        .waitFor({ timeout: 30_000 });
      await other.close();

      // Let the rest through: the page, polling, shows the run finished as the API has it.
      github.release();
      const finished = await runWhen(r => r.status !== 'running', 180);
      await status
        .getByText(finished.status === 'done' ? 'Done' : 'Failed', {
          exact: true,
        })
        .waitFor({ timeout: 30_000 });
      assert.equal(await card.getByRole('progressbar').count(), 0);
      for (const source of finished.sources) {
        const row = run.getByTestId(`opsdeck-backfill-source-${source.source}`);
        const cells = (await row.locator('th, td').allInnerTexts()).map(c =>
          c.trim(),
        );
        assert.deepEqual(cells.slice(0, 4), [
          source.source,
          source.targets.toLocaleString('en-US'),
          source.done.toLocaleString('en-US'),
          source.records.toLocaleString('en-US'),
        ]);
        assert.ok(
          cells[4].startsWith(String(source.errors.length)),
          `${source.source}: ${cells[4]}`,
        );
      }
      const githubRun = finished.sources.find(
        (s: any) => s.source === 'github',
      );
      assert.ok(githubRun.targets > 2);
      assert.equal(githubRun.done, githubRun.targets);
      assert.ok(
        githubRun.records >= githubRun.targets,
        'a deployment per repository',
      );
      assert.equal(
        await card.getByRole('button', { name: 'Start' }).isEnabled(),
        true,
      );
    });
  },
);
