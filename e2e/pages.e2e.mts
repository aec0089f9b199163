// The OpsDeck pages in a real browser on the demo data: the service page (owner & on-call, DORA,
// platform links), its Delivery tab, a team's Operations tab and the org overview. Each test
// asks the backend what the page should show and compares it with what the page shows; axe-core
// checks accessibility (light and dark theme), the keyboard reaches every link and selector, and
// the service page's cards sit in their rows and hold their place while they load (the page's
// cumulative layout shift is a figure in bench/pages.bench.mts, not a pass/fail threshold here:
// it varies with timing).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { assertAccessible } from './accessibility.mts';
import { SCREENSHOT_DIR, startPortal, type Portal } from './harness.mts';

const DAY = 86_400_000;

/**
 * Notes what each grid cell showed when it entered the document: its first line of text and its
 * height. React inserts a cell together with what it renders in that commit, so this tells a card
 * that holds its place while its code and data load (its title, its usual height) from a bare
 * progress bar that the card later replaces, pushing what is below. It does not depend on
 * timing: on a page load the cards' code is never there at the first commit.
 */
const FIRST_SEEN = `
  window.__opsdeckFirstSeen = new WeakMap();
  new MutationObserver(records => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const cells = [...node.querySelectorAll('[class*="MuiGrid-item"]')];
        if (node.matches('[class*="MuiGrid-item"]')) cells.unshift(node);
        for (const cell of cells) {
          if (window.__opsdeckFirstSeen.has(cell)) continue;
          window.__opsdeckFirstSeen.set(cell, {
            title: (cell.innerText || '').trim().split('\\n')[0],
            height: Math.round(cell.getBoundingClientRect().height),
          });
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** The service page's overview, row by row: each card's title, in reading order. */
const OVERVIEW_ROWS = [
  ['About', 'Owner & on-call'],
  ['DORA metrics', 'Platform links'],
  ['SLOs and error budgets', 'OpsDeck coverage'],
  ['Relations', 'Has subcomponents'],
];
const OPSDECK_CARDS = [
  'Owner & on-call',
  'DORA metrics',
  'Platform links',
  'SLOs and error budgets',
  'OpsDeck coverage',
];

describe('OpsDeck pages on the demo data', { timeout: 600_000 }, () => {
  let portal: Portal;
  let token: string;

  const api = async (path: string) => {
    const res = await fetch(`${portal.baseUrl}/api/opsdeck/${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200, `${path} answered ${res.status}`);
    return res.json() as Promise<any>;
  };

  /**
   * Hovers `target` until a tooltip shows `text`, then moves the pointer away. Cards still
   * loading can move the target from under the pointer (its tooltip then closes): hover again.
   */
  const tooltipOnHover = async (
    target: ReturnType<Portal['page']['locator']>,
    text: string | RegExp,
  ) => {
    const tip = portal.page.getByRole('tooltip').getByText(text);
    for (let attempt = 1; ; attempt++) {
      await target.hover();
      try {
        await tip.waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        await portal.page.mouse.move(0, 0);
      }
    }
    await portal.page.mouse.move(0, 0);
  };

  /**
   * Presses Tab through the page and checks that every link, button, input and sort header in the cards
   * holding `selector` is focused on the way.
   */
  const assertKeyboardReaches = async (page: Page, selector: string) => {
    const wanted: string[] = await page.evaluate(sel => {
      const cards = new Set(
        [...document.querySelectorAll(sel)].map(
          el => el.closest('[class*="MuiCard-root"]') ?? el,
        ),
      );
      const out: string[] = [];
      let i = 0;
      for (const card of cards) {
        for (const el of card.querySelectorAll<HTMLElement>(
          'a[href], button:not([disabled]), input:not([disabled]), [role="button"][tabindex="0"]',
        )) {
          if (el.tabIndex < 0 || el.offsetParent === null) continue;
          el.dataset.opsdeckTab = String(i++);
          out.push(el.dataset.opsdeckTab);
        }
      }
      return out;
    }, selector);
    assert.ok(wanted.length > 0, `interactive elements in ${selector}`);
    await page.evaluate(() => (document.activeElement as HTMLElement)?.blur());
    const reached = new Set<string>();
    for (let i = 0; i < 400 && reached.size < wanted.length; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(
        () =>
          (document.activeElement as HTMLElement | null)?.dataset?.opsdeckTab,
      );
      if (id !== undefined) reached.add(id);
    }
    assert.equal(
      reached.size,
      wanted.length,
      `Tab reaches ${reached.size} of ${wanted.length} links and selectors`,
    );
  };

  /**
   * The service page's overview once its cards have loaded: every card visible with what it
   * should show, in its row and in reading order (OVERVIEW_ROWS); and every OpsDeck card was a
   * card with its title, at more than a progress bar's height, from the moment it entered the
   * page — so nothing below it had to move when its code and data arrived.
   */
  const assertOverviewLayout = async (page: Page, ownerName: string) => {
    const shows: Record<string, string> = {
      About: 'Checkout API: carts, orders and payment intents.',
      'Owner & on-call': ownerName,
      'DORA metrics': 'Deployment frequency',
      'Platform links': 'GitHub · acme/checkout-api',
      'SLOs and error budgets': 'Checkout API availability',
      'OpsDeck coverage': 'integrations',
      Relations: 'postgres-main',
      'Has subcomponents': 'No subcomponent is part of this component.',
    };
    // the catalog's own cards load on their own time
    for (const text of [
      shows.About,
      shows.Relations,
      shows['Has subcomponents'],
    ]) {
      await page.getByText(text).first().waitFor({ timeout: 60_000 });
    }
    const cells: Array<{
      title: string;
      text: string;
      visible: boolean;
      top: number;
      bottom: number;
      first?: { title: string; height: number };
    }> = await page.evaluate(() => {
      const grid = document
        .querySelector('[data-testid="opsdeck-coverage-percent"]')!
        .closest('[class*="MuiGrid-container"]')!;
      return [...grid.children].map(cell => {
        const box = cell.getBoundingClientRect();
        const text = (cell as HTMLElement).innerText.trim();
        return {
          title: text.split('\n')[0],
          text,
          visible:
            box.height > 0 &&
            cell.checkVisibility({ visibilityProperty: true }),
          top: Math.round(box.top),
          bottom: Math.round(box.bottom),
          first: (window as any).__opsdeckFirstSeen.get(cell),
        };
      });
    });
    assert.deepEqual(
      cells.map(c => c.title),
      OVERVIEW_ROWS.flat(),
      'the overview cards, in reading order',
    );
    const byTitle = new Map(cells.map(c => [c.title, c]));
    for (const cell of cells) {
      assert.ok(cell.visible, `${cell.title}: visible, not zero height`);
      assert.ok(
        cell.text.includes(shows[cell.title]),
        `${cell.title} shows "${shows[cell.title]}"`,
      );
    }
    let above = -Infinity;
    for (const row of OVERVIEW_ROWS) {
      const [first, ...rest] = row.map(title => byTitle.get(title)!);
      for (const cell of rest) {
        assert.equal(
          cell.top,
          first.top,
          `${cell.title} in the row of ${first.title}`,
        );
      }
      assert.ok(first.top >= above, `${row.join(', ')}: below the row above`);
      above = Math.max(...row.map(title => byTitle.get(title)!.bottom));
    }
    for (const title of OPSDECK_CARDS) {
      const { first } = byTitle.get(title)!;
      assert.equal(
        first?.title,
        title,
        `${title}: its title shows from the first frame, not a bare progress bar`,
      );
      assert.ok(
        (first?.height ?? 0) > 100,
        `${title}: ${first?.height} px in its first frame, not a progress bar's height`,
      );
    }
  };

  /** A picture of the card holding `testId`, for the README (e2e/screenshots/card-*.png). */
  const cardShot = (page: Page, testId: string, name: string) =>
    page
      .getByTestId(testId)
      .first()
      .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]')
      .screenshot({ path: `${SCREENSHOT_DIR}/card-${name}.png` });

  before(async () => {
    portal = await startPortal();
    await portal.page.addInitScript(FIRST_SEEN);
    const { page, baseUrl } = portal;
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.waitForURL(/\/home/, { timeout: 60_000 }); // the landing page
    token = await portal.guestToken();
    // Wait until the demo history is in and derived, the catalog is read and ownership indexed.
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        const [dora, team, teamDora] = await Promise.all([
          api('entities/component/default/checkout-api/dora'),
          api('groups/default/payments/services'),
          api('groups/default/payments/dora'),
        ]);
        const gateway = team.services.find(
          (s: any) => s.entityRef === 'component:default/payment-gateway',
        );
        if (
          dora.pendingEvents === 0 &&
          team.pendingEvents === 0 &&
          teamDora.pendingEvents === 0 &&
          teamDora.current.deploymentFrequency.value > 0 &&
          dora.current.deploymentFrequency.tier === 'elite' &&
          gateway?.dora.deploymentFrequency.value > 0
        )
          break;
      } catch {
        // catalog not ready yet
      }
      if (Date.now() > deadline) throw new Error('demo data did not arrive');
      await new Promise(r => setTimeout(r, 2000));
    }
  });

  after(async () => {
    await portal?.close();
  });

  it('service page: owner & on-call, DORA and links show what the API answers', async () => {
    const { page, baseUrl } = portal;
    const [dora, ownership] = await Promise.all([
      api('entities/component/default/checkout-api/dora'),
      api('entities/component/default/checkout-api/ownership'),
    ]);
    await page.goto(`${baseUrl}/catalog/default/component/checkout-api`);
    const frequency = page.getByTestId(
      'opsdeck-dora-deploymentFrequency-value',
    );
    await frequency.waitFor({ timeout: 60_000 });
    const c = dora.current;
    assert.equal(
      (await frequency.textContent())?.trim(),
      `${c.deploymentFrequency.value.toFixed(1)} / day`,
    );
    assert.equal(
      (
        await page
          .getByTestId('opsdeck-dora-changeFailRate-value')
          .textContent()
      )?.trim(),
      `${(c.changeFailRate.value * 100).toFixed(1)} %`,
    );
    const tiers = await page
      .getByTestId('opsdeck-dora-deploymentFrequency')
      .getByTestId('opsdeck-tier')
      .textContent();
    assert.equal(tiers?.toLowerCase(), c.deploymentFrequency.tier);

    // On call now: level 1 from PagerDuty (the demo's stand-in), linked to the catalog User.
    const level1 = ownership.oncall.levels[0];
    assert.ok(level1, 'the demo PagerDuty answers level 1');
    const oncallLink = page
      .getByTestId('opsdeck-oncall-level-1')
      .getByRole('link', { name: level1.people[0].name });
    await oncallLink.waitFor({ timeout: 30_000 });
    assert.equal(
      await oncallLink.getAttribute('href'),
      `/catalog/default/user/${level1.people[0].userRef.split('/')[1]}`,
    );
    await page.getByTestId('opsdeck-oncall-next').waitFor({ timeout: 30_000 });
    assert.match(
      (await page.getByTestId('opsdeck-owner').textContent()) ?? '',
      new RegExp(ownership.owner.name),
    );
    // Platform links, grouped, http(s) only, named by tool and target (the annotation only on
    // hover).
    const repository = page
      .getByTestId('opsdeck-links-cicd')
      .getByRole('link', { name: /^GitHub · acme\/checkout-api/ });
    await repository.waitFor();
    assert.equal(
      await page
        .getByTestId('opsdeck-links-cicd')
        .getByText('github.com/project-slug')
        .count(),
      0,
    );
    await tooltipOnHover(
      repository,
      'From the annotation github.com/project-slug on this entity.',
    );
    await page.getByTestId('opsdeck-links-chat').waitFor();
    await page.getByTestId('opsdeck-coverage-percent').waitFor();
    await assertOverviewLayout(page, ownership.owner.name);
    await portal.screenshot('10-service-page');
    await assertAccessible(page, 'service page');
    await assertKeyboardReaches(
      page,
      '[data-testid="opsdeck-dora-mttr"], [data-testid="opsdeck-owner"], [data-testid="opsdeck-links-cicd"]',
    );
    await cardShot(page, 'opsdeck-owner', 'owner-oncall');
    await cardShot(page, 'opsdeck-dora-mttr', 'dora');
    await cardShot(page, 'opsdeck-links-cicd', 'links');
    await cardShot(page, 'opsdeck-coverage-percent', 'coverage');
  });

  it('never renders a javascript: link from the catalog', async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}/catalog/default/component/ledger-worker`);
    await page
      .getByTestId('opsdeck-coverage-percent')
      .waitFor({ timeout: 60_000 });
    await page.getByText('Platform links').waitFor();
    const hrefs = await page.$$eval('a[href]', as =>
      as.map(a => a.getAttribute('href') ?? ''),
    );
    assert.ok(hrefs.length > 0);
    for (const href of hrefs) {
      assert.doesNotMatch(href, /^\s*(javascript|data|vbscript):/i, href);
    }
    assert.equal(await page.getByText('Legacy console').count(), 0);
  });

  it('Delivery tab: trends, window selector and the events behind the numbers', async () => {
    const { page, baseUrl } = portal;
    await page.goto(
      `${baseUrl}/catalog/default/component/checkout-api/delivery`,
    );
    const value = page.getByTestId('opsdeck-dora-changeLeadTime-value');
    await value.waitFor({ timeout: 60_000 });
    const window = (days: number) => {
      const to = Math.floor(Date.now() / DAY) * DAY + DAY;
      const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
      return `from=${iso(to - days * DAY)}&to=${iso(to)}`;
    };
    const hours = (ms: number) =>
      ms < 3_600_000
        ? `${Math.max(1, Math.round(ms / 60_000))} min`
        : `${(ms / 3_600_000).toFixed(1)} h`;
    const d90 = await api(
      `entities/component/default/checkout-api/dora?${window(90)}`,
    );
    assert.equal(
      (await value.textContent())?.trim(),
      hours(d90.current.changeLeadTime.value),
    );
    // one chart per metric, drawn
    assert.equal(
      await page
        .locator('[data-testid^="opsdeck-trend-"] svg.recharts-surface')
        .count(),
      6,
    );
    const events = await api(
      `entities/component/default/checkout-api/events?${window(90)}&limit=50`,
    );
    // Runs of alike deployments fold into one row: the first run as the API's events give it.
    const alone = (i: any) =>
      i.type !== 'deployment' ||
      i.detail.failed ||
      i.detail.rework ||
      i.detail.rollbackOf;
    const runStart = events.items.findIndex(
      (i: any, n: number) =>
        !alone(i) &&
        events.items[n + 1] &&
        !alone(events.items[n + 1]) &&
        events.items[n + 1].detail.environment === i.detail.environment &&
        events.items[n + 1].detail.status === i.detail.status,
    );
    assert.ok(runStart >= 0, 'the demo history has runs of deployments');
    let runLength = 1;
    while (
      events.items[runStart + runLength] &&
      !alone(events.items[runStart + runLength]) &&
      events.items[runStart + runLength].detail.environment ===
        events.items[runStart].detail.environment &&
      events.items[runStart + runLength].detail.status ===
        events.items[runStart].detail.status
    )
      runLength += 1;
    const run = page.getByTestId('opsdeck-timeline-run').first();
    await run.waitFor();
    assert.match(
      (await run.textContent()) ?? '',
      new RegExp(
        `(?<!\\d)${runLength} deployments to ${events.items[runStart].detail.environment}, all successful, `,
      ),
    );
    // failures stand alone, each saying why it counts as failed
    const failed = events.items.filter(
      (i: any) => i.type === 'deployment' && i.detail.failed,
    ).length;
    assert.equal(
      await page
        .getByTestId('opsdeck-timeline-item')
        .filter({ hasText: 'Failed: ' })
        .count(),
      failed,
    );
    assert.match(
      (await page.getByTestId('opsdeck-derived-through').textContent()) ?? '',
      /^Counts events received until /,
    );
    await portal.screenshot('11-delivery-tab');
    await cardShot(page, 'opsdeck-timeline-filter', 'delivery-timeline');

    // A run opens to each deployment: its commit links to GitHub, and it says why it counts.
    await run.getByRole('button').first().click();
    const first = run.getByTestId('opsdeck-timeline-item').first();
    await first.waitFor();
    const deployed = events.items[runStart];
    const sha = [...deployed.detail.changes].sort(
      (a: any, b: any) => b.time - a.time,
    )[0].sha;
    assert.equal(
      await first
        .getByRole('link', { name: sha.slice(0, 7) })
        .getAttribute('href'),
      `https://github.com/acme/checkout-api/commit/${sha}`,
    );
    assert.match(
      (await first.textContent()) ?? '',
      new RegExp((deployed.title ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    if (deployed.detail.why?.firstShipped?.length) {
      assert.match(
        (await first.textContent()) ?? '',
        new RegExp(
          `Shipped ${deployed.detail.why.firstShipped.length} changes? first`,
        ),
      );
    }

    await page.getByRole('button', { name: '30 days' }).click();
    const d30 = await api(
      `entities/component/default/checkout-api/dora?${window(30)}`,
    );
    const frequency = page
      .getByTestId('opsdeck-dora-deploymentFrequency-value')
      .filter({
        hasText: `${d30.current.deploymentFrequency.value.toFixed(1)} / day`,
      });
    await frequency.waitFor({ timeout: 30_000 });
    assert.equal(
      await page
        .getByRole('button', { name: '30 days' })
        .getAttribute('aria-pressed'),
      'true',
    );
    // the filter and the window live in the URL: a reload (or a shared link) keeps them
    const filters = page.getByTestId('opsdeck-timeline-filter');
    await filters.getByRole('button', { name: 'Failures' }).click();
    await page.waitForURL(/\?window=30&type=failures$/);
    await page.reload();
    await frequency.waitFor({ timeout: 60_000 });
    assert.equal(
      await filters
        .getByRole('button', { name: 'Failures' })
        .getAttribute('aria-pressed'),
      'true',
    );
    assert.equal(
      await page
        .getByRole('button', { name: '30 days' })
        .getAttribute('aria-pressed'),
      'true',
    );
    const failures = await api(
      `entities/component/default/checkout-api/events?${window(
        30,
      )}&type=deployment&limit=200`,
    );
    const failedIn30 = failures.items.filter(
      (i: any) => i.detail.failed,
    ).length;
    if (failedIn30 === 0) {
      await page
        .getByText('Nothing under “Failures” in this window.')
        .waitFor();
    } else {
      await page
        .getByTestId('opsdeck-timeline-item')
        .first()
        .waitFor({ timeout: 30_000 });
      for (const row of await page.getByTestId('opsdeck-timeline-item').all()) {
        assert.match((await row.textContent()) ?? '', /failed/);
      }
    }
    await assertAccessible(page, 'Delivery tab');
    await assertKeyboardReaches(page, '[data-testid="opsdeck-dora-mttr"]');
  });

  it("team page: the Operations tab shows the team's services, tiers and coverage", async () => {
    const { page, baseUrl } = portal;
    const [services, coverage, dora] = await Promise.all([
      api('groups/default/payments/services'),
      api('groups/default/payments/coverage'),
      api('groups/default/payments/dora'),
    ]);
    await page.goto(`${baseUrl}/catalog/default/group/payments/operations`);
    const table = page.getByTestId('opsdeck-services-table');
    await table.waitFor({ timeout: 60_000 });
    assert.equal(
      await table.locator('tbody tr').count(),
      services.services.length,
    );
    for (const s of services.services) {
      const row = table.locator('tbody tr', {
        hasText: s.entityRef.split('/')[1],
      });
      assert.match(
        (await row.textContent()) ?? '',
        new RegExp(`${s.coverage}%`),
      );
    }
    assert.equal(
      (await page.getByTestId('opsdeck-scope-coverage').textContent())?.trim(),
      `${coverage.percent}%`,
    );
    assert.equal(
      (
        await page
          .getByTestId('opsdeck-dora-deploymentFrequency-value')
          .textContent()
      )?.trim(),
      `${dora.current.deploymentFrequency.value.toFixed(1)} / day`,
    );
    // who is on call for each service, from the demo PagerDuty
    await table
      .getByText('…')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('opsdeck-team-shifts').waitFor({ timeout: 30_000 });
    await portal.screenshot('12-team-operations');
    await assertAccessible(page, 'team page');
    await assertKeyboardReaches(
      page,
      '[data-testid="opsdeck-services-table"], [data-testid="opsdeck-dora-mttr"]',
    );
  });

  it('org overview: organisation DORA, tiers across services and coverage gaps', async () => {
    const { page, baseUrl } = portal;
    const [dora, services, coverage] = await Promise.all([
      api('org/dora'),
      api('org/services'),
      api('org/coverage'),
    ]);
    await page.goto(`${baseUrl}/opsdeck`);
    const mttr = page.getByTestId('opsdeck-dora-mttr-value');
    await mttr.waitFor({ timeout: 60_000 });
    assert.equal(
      (
        await page
          .getByTestId('opsdeck-dora-changeFailRate-value')
          .textContent()
      )?.trim(),
      `${(dora.current.changeFailRate.value * 100).toFixed(1)} %`,
    );
    const row = page.getByTestId('opsdeck-tier-row-Deploys');
    await row.waitFor({ timeout: 30_000 });
    const counts = { elite: 0, high: 0, medium: 0, low: 0, none: 0 } as Record<
      string,
      number
    >;
    for (const s of services.services)
      counts[s.dora.deploymentFrequency.tier ?? 'none'] += 1;
    assert.deepEqual(
      await row.locator('td').allTextContents(),
      ['elite', 'high', 'medium', 'low', 'none'].map(t => String(counts[t])),
    );
    assert.equal(
      (await page.getByTestId('opsdeck-scope-coverage').textContent())?.trim(),
      `${coverage.percent}%`,
    );
    const gaps = coverage.services.filter(
      (s: any) => s.missing.length > 0,
    ).length;
    // coverage as a services × integrations matrix: one row per service, ✓ / ✗ per integration
    const matrix = page.getByTestId('opsdeck-coverage-matrix');
    await matrix
      .getByText(
        `Integrations by service (${coverage.services.length} services, ${gaps} with gaps)`,
      )
      .waitFor({ timeout: 30_000 });
    assert.equal(
      await matrix.locator('tbody tr').count(),
      coverage.services.length,
    );
    const lacking = coverage.services.find((s: any) => s.missing.length > 0);
    const name = lacking.title ?? lacking.entityRef.split('/')[1];
    const lackingRow = matrix
      .getByRole('link', { name, exact: true })
      .locator('xpath=ancestor::tr[1]');
    const cell = lackingRow.getByTestId(
      `opsdeck-matrix-${lacking.missing[0].id}`,
    );
    assert.equal((await cell.textContent())?.trim(), '✗');
    assert.equal(
      await lackingRow.locator('[data-testid^="opsdeck-matrix-"]').count(),
      8,
    );
    const owner = services.services.find(
      (s: any) => s.entityRef === lacking.entityRef,
    )?.owner;
    if (owner) {
      assert.equal(
        await lackingRow
          .locator(`a[href$="/catalog/default/group/${owner.split('/')[1]}"]`)
          .count(),
        1,
        `${name}: its owner, linked`,
      );
    }
    assert.match(
      (await lackingRow.textContent()) ?? '',
      new RegExp(`${lacking.percent}%`),
    );
    // the fix on hover, and each missing integration explained once below the table
    await tooltipOnHover(cell, / missing — /);
    await page.getByTestId('opsdeck-integration-fixes').waitFor();
    await portal.screenshot('13-org-overview');
    await assertAccessible(page, 'org page');
  });

  it('explains its words: definitions on hover, a glossary page, no refs or config keys for a non-admin', async () => {
    const { page, baseUrl } = portal;
    const dora = await api('entities/component/default/checkout-api/dora');
    await page.goto(`${baseUrl}/catalog/default/component/checkout-api`);
    const tile = page.getByTestId('opsdeck-dora-changeFailRate');
    await tile.waitFor({ timeout: 60_000 });
    // a metric's name defines itself on hover
    await tooltipOnHover(
      tile.getByRole('link', { name: 'Change fail rate' }),
      /share of production deployments that failed/,
    );
    // guidance names a tier as a tier, with the value in brackets
    const guidance = page.getByTestId('opsdeck-guidance');
    if (await guidance.count()) {
      const text = (await guidance.textContent()) ?? '';
      assert.doesNotMatch(text, /is (low|medium|high|elite)\./i);
      assert.match(
        text,
        /is in the (Low|Medium) tier \(|worse than the previous window/,
      );
    }
    // the guest administers nothing: no "For admins" part, and on-call names its source
    assert.equal(await page.getByText('For admins').count(), 0);
    assert.doesNotMatch(
      (await page.getByTestId('opsdeck-oncall').first().textContent()) ?? '',
      /(group|system|user):default\//,
    );
    // a tier chip leads to the glossary, with the thresholds of the set the card uses
    await page
      .getByTestId('opsdeck-dora-deploymentFrequency')
      .getByTestId('opsdeck-tier')
      .click();
    await page.waitForURL(/\/opsdeck\/glossary\?benchmark=/);
    await page
      .getByText(`Thresholds under ${dora.current.benchmark}`)
      .waitFor({ timeout: 30_000 });
    await page
      .getByRole('heading', { name: 'Recovery time vs MTTR' })
      .waitFor();
    await page.getByText('MTTR stands for mean time to restore.').waitFor();
    await portal.screenshot('20-glossary');
    await assertAccessible(page, 'glossary page');
  });

  it('platform page: domains with owners, offers and golden paths, searchable', async () => {
    const { page, baseUrl } = portal;
    // adoption, as the catalog counts it
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=metadata.annotations.backstage.io/source-template=template:default/new-service`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const created = ((await res.json()) as any).items;
    const adopters = created.length;
    assert.ok(
      adopters >= 3,
      'the demo seeds entities created from new-service',
    );
    // …by owning team
    const byTeam = new Map<string, string[]>();
    for (const e of created) {
      const owner =
        e.relations?.find((r: any) => r.type === 'ownedBy')?.targetRef ?? '';
      byTeam.set(owner, [
        ...(byTeam.get(owner) ?? []),
        e.metadata.title ?? e.metadata.name,
      ]);
    }
    // and its completed runs over the last 12 ISO weeks, as the scaffolder lists them
    const today = Math.floor(Date.now() / DAY);
    const since = (today - ((today + 3) % 7) - 11 * 7) * DAY;
    const tasks = await fetch(
      `${baseUrl}/api/scaffolder/v2/tasks?status=completed&order=desc:created_at&limit=100`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    assert.equal(tasks.status, 200, 'the guest may list scaffolder tasks');
    const runs = ((await tasks.json()) as any).tasks.filter(
      (t: any) =>
        t.spec.templateInfo?.entityRef === 'template:default/new-service' &&
        Date.parse(t.createdAt) >= since,
    ).length;
    await page.goto(`${baseUrl}/platform`);
    const delivery = page.getByTestId('opsdeck-domain-delivery');
    await delivery.waitFor({ timeout: 60_000 });
    const newService = delivery
      .getByTestId('opsdeck-golden-path')
      .filter({ hasText: 'New service' });
    await newService
      .getByTestId('opsdeck-golden-path-adoption')
      .filter({ hasText: `used by ${adopters} entities` })
      .waitFor({ timeout: 30_000 });
    for (const [owner, names] of byTeam) {
      const team = newService
        .getByTestId('opsdeck-golden-path-team')
        .filter({ hasText: `: ${names.length} · ` });
      for (const name of names) {
        await team
          .getByRole('link', { name, exact: true })
          .waitFor({ timeout: 30_000 });
      }
      if (owner) {
        assert.equal(
          await team
            .locator(`a[href$="/catalog/default/group/${owner.split('/')[1]}"]`)
            .count(),
          1,
          `${owner}'s ${names.length} entities under its name`,
        );
      }
    }
    assert.equal(
      await newService.getByTestId('opsdeck-golden-path-team').count(),
      byTeam.size,
    );
    await newService
      .getByTestId('opsdeck-golden-path-runs')
      .filter({
        hasText: `${runs} completed run${
          runs === 1 ? '' : 's'
        } in the last 12 weeks`,
      })
      .waitFor({ timeout: 30_000 });
    await delivery.getByRole('link', { name: 'argo-cd' }).waitFor();
    const data = page.getByTestId('opsdeck-domain-data');
    await data.getByRole('link', { name: /Data platform handbook/ }).waitFor();
    // who is on call for the domain's team (the platform rotation, inherited)
    await page
      .getByTestId('opsdeck-domain-network')
      .getByTestId('opsdeck-oncall-level-1')
      .waitFor({ timeout: 30_000 });
    // a non-admin reads plain words: no "For admins" part, no entity refs as text
    assert.equal(await page.getByText('For admins').count(), 0);
    assert.equal(
      await page
        .locator('main')
        .getByText(/(group|user|system|component|resource):default\//)
        .count(),
      0,
    );
    await portal.screenshot('16-platform-page');
    await assertAccessible(page, 'platform page');

    await page
      .getByRole('textbox', { name: 'Search domains, offers and golden paths' })
      .fill('kafka');
    await page
      .getByTestId('opsdeck-domain-delivery')
      .waitFor({ state: 'detached' });
    await data.getByText('Kafka topic').first().waitFor();

    // Create leads into the scaffolder's form of the golden path
    await data.getByLabel(/Create: Kafka topic/).click();
    await page.waitForURL(/\/create\/templates\/default\/kafka-topic/);
  });

  it('every platform domain has a golden path that runs end to end offline', async () => {
    const { baseUrl } = portal;
    const suffix = Date.now().toString(36);
    // template → [domain, entity kind, a file it leaves, extra form values]
    const paths: Record<string, [string, string, string, object]> = {
      'new-service': ['delivery', 'component', 'src/index.js', {}],
      'postgres-database': [
        'data',
        'resource',
        'database.tf',
        { size: 'small' },
      ],
      'grafana-dashboard': [
        'observability',
        'resource',
        'dashboard.json',
        { service: 'checkout-api' },
      ],
      'dns-record': [
        'network',
        'resource',
        'record.yaml',
        { target: '10.0.0.7' },
      ],
      'kubernetes-namespace': [
        'orchestration',
        'resource',
        'namespace.yaml',
        { cpu: 2 },
      ],
      's3-bucket': ['cloud', 'resource', 'bucket.tf', { expireDays: 30 }],
      'vault-secrets': [
        'security',
        'resource',
        'policy.hcl',
        { service: 'checkout-api' },
      ],
      runbook: [
        'operations',
        'resource',
        'docs/index.md',
        { service: 'checkout-api' },
      ],
    };
    const headers = {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    };
    const runs = await Promise.all(
      Object.entries(paths).map(async ([template, [, , , extra]]) => {
        const name = `e2e-${template.slice(0, 8)}-${suffix}`;
        const res = await fetch(`${baseUrl}/api/scaffolder/v2/tasks`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            templateRef: `template:default/${template}`,
            values: { name, owner: 'group:default/payments', ...extra },
          }),
        });
        assert.equal(
          res.status,
          201,
          `${template}: ${await res.clone().text()}`,
        );
        return { template, name, id: ((await res.json()) as any).id as string };
      }),
    );
    const deadline = Date.now() + 60_000;
    for (const run of runs) {
      const [domain, kind, file] = paths[run.template];
      let status = '';
      while (Date.now() < deadline) {
        const task = (await (
          await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${run.id}`, {
            headers,
          })
        ).json()) as any;
        status = task.status;
        if (status === 'completed' || status === 'failed') break;
        await new Promise(r => setTimeout(r, 500));
      }
      assert.equal(status, 'completed', `${run.template} ran to the end`);
      let entity: any;
      while (!entity && Date.now() < deadline) {
        const res = await fetch(
          `${baseUrl}/api/catalog/entities/by-name/${kind}/default/${run.name}`,
          { headers },
        );
        if (res.ok) entity = await res.json();
        else await new Promise(r => setTimeout(r, 1000));
      }
      assert.ok(
        entity,
        `${kind}:default/${run.name} is in the catalog within 60 s`,
      );
      assert.equal(
        entity.metadata.annotations['backstage.io/source-template'],
        `template:default/${run.template}`,
      );
      assert.equal(
        entity.metadata.annotations['opsdeck.io/platform-domain'],
        domain,
      );
      if (portal.dataDir) {
        const published = `${portal.dataDir}/workspace/${run.template}-${run.name}`;
        assert.ok(
          readFileSync(`${published}/${file}`, 'utf8').length > 0,
          `${published}/${file}`,
        );
        assert.match(
          readFileSync(`${published}/catalog-info.yaml`, 'utf8'),
          /source-template/,
        );
      }
    }
  });

  it('access request: the guest asks the data team, is told who decides, and cannot approve it herself', async () => {
    const { page, baseUrl } = portal;
    await page.goto(`${baseUrl}/platform`);
    const access = page.getByTestId('opsdeck-access-data');
    await access
      .getByRole('button', { name: 'Request access' })
      .click({ timeout: 60_000 });
    const reason = `e2e ${Date.now()}`;
    await page.getByLabel(/Resource/).fill('resource:default/postgres-main');
    await page.getByLabel(/Reason/).fill(reason);
    await page.getByRole('button', { name: 'Send request' }).click();
    const request = access
      .getByTestId('opsdeck-access-request')
      .filter({ hasText: reason });
    await request.waitFor({ timeout: 30_000 });
    const stored = (await api('access-requests?domain=data')).items.find(
      (r: any) => r.reason === reason,
    );
    assert.deepEqual(
      [stored.requester, stored.approver, stored.status],
      ['user:default/nina.patel', 'group:default/platform-data', 'pending'],
    );
    // Nina asked: she is not offered Approve/Reject, she is told who decides
    await request
      .getByText('Waiting for a member of')
      .waitFor({ timeout: 30_000 });
    assert.equal(
      await request.getByRole('button', { name: 'Approve' }).count(),
      0,
    );
    // and the backend refuses her decision anyway, naming the rule
    const refused = await fetch(
      `${baseUrl}/api/opsdeck/access-requests/${stored.id}/decision`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${await portal.guestToken()}`,
        },
        body: JSON.stringify({ approve: true }),
      },
    );
    assert.equal(refused.status, 403);
    assert.match(
      (await refused.json()).error.message,
      /requester never decides their own access request/,
    );
    const after = (await api('access-requests?domain=data')).items.find(
      (r: any) => r.id === stored.id,
    );
    assert.equal(after.status, 'pending');
    await portal.screenshot('19-access-request');
  });

  it('golden path: a Kafka topic runs end to end offline and its entity shows in the catalog', async () => {
    const { page, baseUrl } = portal;
    const name = `e2e-topic-${Date.now().toString(36)}`;
    const formData = encodeURIComponent(
      JSON.stringify({
        name,
        owner: 'group:default/payments',
        partitions: 3,
        retentionDays: 2,
      }),
    );
    await page.goto(
      `${baseUrl}/create/templates/default/kafka-topic?formData=${formData}`,
    );
    await page
      .getByRole('button', { name: 'Review' })
      .click({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Create' }).click();
    // the task page shows the output link once every step has run
    await page
      .getByRole('link', { name: 'Open in the catalog' })
      .waitFor({ timeout: 60_000 });
    await portal.screenshot('18-golden-path-done');
    const started = Date.now();
    let entity: any;
    while (Date.now() - started < 60_000) {
      const res = await fetch(
        `${baseUrl}/api/catalog/entities/by-name/resource/default/${name}`,
        {
          headers: { Authorization: `Bearer ${token}` },
        },
      );
      if (res.ok) {
        entity = await res.json();
        break;
      }
      await new Promise(r => setTimeout(r, 1000));
    }
    assert.ok(entity, `resource:default/${name} is in the catalog within 60 s`);
    assert.equal(
      entity.metadata.annotations['backstage.io/source-template'],
      'template:default/kafka-topic',
    );
    assert.equal(entity.spec.owner, 'group:default/payments');
    if (portal.dataDir) {
      const topic = readFileSync(
        `${portal.dataDir}/workspace/kafka-topic-${name}/topic.yaml`,
        'utf8',
      );
      assert.match(topic, new RegExp(`name: ${name}`));
      assert.match(topic, /partitions: 3/);
    }
    await page.getByRole('link', { name: 'Open in the catalog' }).click();
    await page.waitForURL(new RegExp(`/catalog/default/resource/${name}`));
  });

  it('onboarding page: quests that teach, a step done by itself, her shift, her own pipeline; a tick is kept', async () => {
    const { page, baseUrl } = portal;
    const before = await api('onboarding/progress');
    assert.equal(before.userRef, 'user:default/nina.patel');
    assert.ok(before.quests.length >= 7, 'the demo has its quests');
    const step = before.steps.find((s: any) => !s.done);
    await page.goto(`${baseUrl}/onboarding`);
    await page.getByText('Welcome, Nina Patel').waitFor({ timeout: 60_000 });
    await page.getByText(`${before.done} of ${before.total} done`).waitFor();
    // the quests, in order, each with its progress
    for (const quest of before.quests) {
      const section = page.getByTestId(`opsdeck-quest-${quest.id}`);
      await section.getByRole('heading', { name: quest.title }).waitFor();
      assert.equal(
        (
          await section.getByTestId('opsdeck-quest-progress').textContent()
        )?.trim(),
        `${quest.done} of ${quest.total}`,
      );
    }
    // her first change reached production: the step ticked itself and says how
    const delivery = page.getByTestId('opsdeck-quest-change-to-production');
    const shipped = before.steps.find((s: any) => s.id === 'first-deploy');
    assert.equal(shipped.doneBy, 'auto', 'first-deploy is done by itself');
    const evidence = delivery
      .getByTestId('opsdeck-step-first-deploy')
      .getByTestId('opsdeck-step-evidence');
    await evidence.waitFor();
    assert.match(
      (await evidence.textContent()) ?? '',
      new RegExp(`^Done — your change shipped in “${shipped.evidence.title}`),
    );
    assert.equal(
      await delivery.getByRole('checkbox', { name: shipped.title }).isChecked(),
      true,
    );
    await delivery
      .getByRole('link', { name: 'Read: Delivery platform › Onboarding' })
      .waitFor();
    // her shift, from the same answer
    assert.equal(before.shift?.level, 2, 'Nina shadows at level 2');
    const shift = page.getByTestId('opsdeck-your-shift');
    await shift.waitFor();
    assert.match(
      (await shift.textContent()) ?? '',
      before.shift.now
        ? /^You are on call now: level 2 for /
        : /^Your next shift: level 2 for /,
    );
    // her own pipeline: the CI link of her team's checkout-api
    const pipeline = delivery
      .getByTestId('opsdeck-step-pipeline')
      .getByTestId('opsdeck-mine-pipeline');
    const actions = pipeline.getByRole('link', {
      name: /^GitHub Actions · acme\/checkout-api\b/,
    });
    await actions.waitFor({ timeout: 30_000 });
    assert.equal(
      await actions.getAttribute('href'),
      'https://github.com/acme/checkout-api/actions',
    );

    // a controlled checkbox: it turns when the backend has saved the tick
    await page.getByRole('checkbox', { name: step.title }).click();
    await page
      .getByText(`${before.done + 1} of ${before.total} done`)
      .waitFor();
    await page.reload();
    await page
      .getByRole('checkbox', { name: step.title })
      .waitFor({ timeout: 60_000 });
    assert.equal(
      await page.getByRole('checkbox', { name: step.title }).isChecked(),
      true,
    );
    const after = await api('onboarding/progress');
    assert.equal(after.done, before.done + 1);

    // Nina's team, its services and her next shifts on the demo PagerDuty's rotation
    await page
      .getByTestId('opsdeck-my-team')
      .getByRole('link', { name: 'Payments' })
      .waitFor();
    await page.getByTestId('opsdeck-my-shifts').waitFor({ timeout: 30_000 });
    const services = await api('groups/default/payments/services');
    const table = page.getByTestId('opsdeck-services-table');
    await table.waitFor();
    assert.equal(
      await table.locator('tbody tr').count(),
      services.services.length,
    );
    await page.getByTestId('opsdeck-my-domain-delivery').waitFor();
    await page.getByTestId('opsdeck-your-shift').scrollIntoViewIfNeeded();
    await portal.screenshot('17-onboarding');
    await assertAccessible(page, 'onboarding page');
  });

  it('home page: lands on /home with her services, who is on call, her shift and her onboarding', async () => {
    const { page, baseUrl } = portal;
    const [services, progress] = await Promise.all([
      api('groups/default/payments/services'),
      api('onboarding/progress'),
    ]);
    await page.goto(baseUrl);
    await page.waitForURL(/\/home$/, { timeout: 60_000 });
    const mine = page.getByTestId('opsdeck-home-my-services');
    await mine.waitFor({ timeout: 60_000 });
    // the card shows before its rows arrive: count them once checkout-api's is there
    await mine
      .locator('tbody tr', { hasText: 'checkout-api' })
      .getByRole('link', { name: 'checkout-api' })
      .waitFor({ timeout: 30_000 });
    assert.equal(
      await mine.locator('tbody tr').count(),
      services.services.length,
    );
    // who is on call, from the demo PagerDuty
    await mine
      .getByText('…')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
    const shift = page
      .getByTestId('opsdeck-home-next-shift')
      .getByTestId('opsdeck-your-shift');
    await shift.waitFor({ timeout: 30_000 });
    assert.match(
      (await shift.textContent()) ?? '',
      progress.shift.now
        ? /^You are on call now: level 2 for /
        : /^Your next shift: level 2 for /,
    );
    await page
      .getByTestId('opsdeck-home-onboarding')
      .getByText(`${progress.done} of ${progress.total} steps done`)
      .waitFor();
    await page.getByTestId('opsdeck-home-incidents').waitFor();
    await portal.screenshot('18-home');
    await assertAccessible(page, 'home page');
    // the catalog is one click away
    await page.getByRole('link', { name: 'Catalog' }).first().click();
    await page.waitForURL(/\/catalog/);
  });

  it('reads well in the dark theme too', async () => {
    const { page, baseUrl } = portal;
    await page.evaluate(() => localStorage.setItem('theme', 'dark'));
    for (const [path, name, ready] of [
      [
        '/catalog/default/component/checkout-api',
        '14-service-page-dark',
        'opsdeck-dora-mttr',
      ],
      [
        '/catalog/default/group/payments/operations',
        '15-team-operations-dark',
        'opsdeck-services-table',
      ],
    ]) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByTestId(ready).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1000);
      const background = await page.evaluate(
        () =>
          getComputedStyle(document.querySelector('main') ?? document.body)
            .backgroundColor,
      );
      assert.notEqual(background, 'rgb(255, 255, 255)', 'the dark theme is on');
      await portal.screenshot(name);
      await assertAccessible(page, `${path} (dark)`);
    }
    await page.evaluate(() => localStorage.removeItem('theme'));
  });
});
