// SLOs and error budgets in a real browser, on the demo portal with its own Prometheus (30 days
// of history, a live exporter): the SLO card of a healthy and of a burning service and of one
// without SLOs, the Delivery tab's budget chart with OpsDeck's deployments and incidents on it,
// and the team and org views by budget state. Each test asks the backend what the page should show
// and compares it with what the page shows; axe-core checks the pages in light and dark.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible } from './accessibility.mts';
import { SCREENSHOT_DIR, startPortal, type Portal } from './harness.mts';

describe(
  'SLOs and error budgets on the demo data',
  { timeout: 600_000 },
  () => {
    let portal: Portal;
    let token: string;

    const api = async (path: string) => {
      const res = await fetch(`${portal.baseUrl}/api/opsdeck/${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(res.status, 200, `${path} answered ${res.status}`);
      return res.json() as Promise<any>;
    };

    /** Asks `path` until `ready` holds for its answer (at most `seconds`). */
    const apiUntil = async (
      path: string,
      ready: (answer: any) => boolean,
      seconds: number,
    ) => {
      const deadline = Date.now() + seconds * 1000;
      for (;;) {
        const answer = await api(path).catch(() => undefined);
        if (answer && ready(answer)) return answer;
        if (Date.now() > deadline) {
          throw new Error(`${path}: not ready after ${seconds} s`);
        }
        await new Promise(r => setTimeout(r, 3000));
      }
    };

    /** The SLO card (the Card around its title). */
    const sloCard = (page: Page) =>
      page
        .getByText('SLOs and error budgets', { exact: true })
        .first()
        .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]');

    before(async () => {
      portal = await startPortal();
      const { page, baseUrl } = portal;
      await page.goto(baseUrl);
      await page.getByRole('button', { name: 'Enter' }).click();
      await page.waitForURL(/\/home/, { timeout: 60_000 });
      token = await portal.guestToken();
      // The catalog read, the demo's SLO files parsed and Prometheus answering with live data too:
      // web-storefront pages once its short lookbacks have samples (its history already burns),
      // and every lookback has a rate once the live exporter has been scraped within it.
      await apiUntil(
        'entities/component/default/web-storefront/slo',
        answer =>
          answer.slos.length > 0 &&
          answer.slos[0].objectives[0]?.status === 'page' &&
          answer.slos[0].objectives[0].burnRates.every(
            (b: { rate: number | null }) => typeof b.rate === 'number',
          ),
        240,
      );
    });

    after(async () => {
      await portal?.close();
    });

    it('SLO card: a healthy service shows its objectives, budget and status as the API answers them', async () => {
      const { page, baseUrl } = portal;
      const answer = await api('entities/component/default/checkout-api/slo');
      assert.equal(answer.stale, false);
      assert.deepEqual(
        answer.slos.map((s: any) => s.displayName),
        ['Checkout API availability', 'Checkout API latency'],
      );
      await page.goto(`${baseUrl}/catalog/default/component/checkout-api`);
      const card = sloCard(page);
      await card.getByText('Checkout API availability').waitFor({
        timeout: 60_000,
      });
      // The page and the API read the same cached answer; if it was refreshed in between, the
      // page shows either the answer before or the one after.
      const after = await api('entities/component/default/checkout-api/slo');
      const STATUS: Record<string, string> = {
        ok: 'OK',
        ticket: 'Ticket',
        page: 'Page',
        'no-data': 'No data',
      };
      for (const [i, slo] of answer.slos.entries()) {
        const section = card.getByTestId(`opsdeck-slo-${slo.name}`);
        await section.getByText(slo.displayName).waitFor();
        for (const objective of slo.objectives) {
          await section.getByText(objective.displayName).first().waitFor();
        }
        assert.equal(
          (await section.getByTestId('opsdeck-slo-window').innerText()).trim(),
          'over 28 days',
        );
        const candidates = [slo, after.slos[i]].map(s => s.objectives[0]);
        for (const o of candidates) {
          assert.ok(
            o.budget.remaining > 0 && o.budget.remaining < 1,
            `${slo.name}: healthy`,
          );
        }
        // Budget left as the API computes it (Intl, one decimal).
        const shown = await section
          .getByTestId('opsdeck-slo-budget-text')
          .first()
          .innerText();
        assert.ok(
          candidates.some(o =>
            shown.includes(`${(o.budget.remaining * 100).toFixed(1)} % left`),
          ),
          `${slo.name}: "${shown}"`,
        );
        const status = (
          await section.getByTestId('opsdeck-slo-status').first().innerText()
        ).trim();
        assert.ok(
          candidates.some(o => STATUS[o.status] === status),
          `${slo.name}: status ${status}`,
        );
        // The graph link goes to the demo's own Prometheus, nowhere else.
        const graph = section.getByRole('link', {
          name: 'Graph in Prometheus',
        });
        assert.ok(
          (await graph.getAttribute('href'))!.startsWith(
            `${portal.prometheusUrl}/graph?`,
          ),
        );
      }
      await assert.doesNotReject(
        card.getByText('Within error budget').first().waitFor(),
      );
      // axe first: a screenshot of the card scrolls the page's content under its header.
      await assertAccessible(page, 'service page with the SLO card');
      await card.screenshot({ path: `${SCREENSHOT_DIR}/card-slo.png` });
    });

    it('SLO card: a burning service says its budget is spent and pages, with the burn rates', async () => {
      const { page, baseUrl } = portal;
      const answer = await api('entities/component/default/web-storefront/slo');
      const [objective] = answer.slos[0].objectives;
      assert.equal(objective.budget.exhausted, true);
      await page.goto(`${baseUrl}/catalog/default/component/web-storefront`);
      const card = sloCard(page);
      await card
        .getByText('An error budget is exhausted')
        .first()
        .waitFor({ timeout: 60_000 });
      await card.getByText(/^Exhausted: .* of the budget spent$/).waitFor();
      await card.getByText('Already exhausted').waitFor();
      const status = await card.getByTestId('opsdeck-slo-status').innerText();
      assert.equal(status.trim(), 'Page');
      // Every lookback shows a rate (the live exporter has filled the short ones), none as 0.
      for (const burn of objective.burnRates) {
        const cell = await card
          .getByTestId(`opsdeck-slo-burn-${burn.lookback}`)
          .innerText();
        assert.match(cell, /×/, `${burn.lookback}: ${cell}`);
        assert.ok(burn.rate > 0);
      }
      await card.screenshot({
        path: `${SCREENSHOT_DIR}/card-slo-burning.png`,
      });
      // The queries behind the numbers are one click away.
      await card.getByText('Queries behind these numbers').click();
      await card
        .getByText(objective.window.queries[0], { exact: false })
        .first()
        .waitFor();
    });

    it('SLO card: a service without SLOs says what to add', async () => {
      const { page, baseUrl } = portal;
      await page.goto(`${baseUrl}/catalog/default/component/shipping-service`);
      const card = sloCard(page);
      await card
        .getByText('This service has no SLOs yet.')
        .waitFor({ timeout: 60_000 });
      assert.match(
        await card.getByTestId('opsdeck-slo-annotation').innerText(),
        /opsdeck\.io\/openslo/,
      );
    });

    it('Delivery tab: the budget over the window with the deployments and incidents, and the deployments that burned it', async () => {
      const { page, baseUrl } = portal;
      const history = await api(
        'entities/component/default/web-storefront/slo/history',
      );
      assert.ok(history.points.length > 50, 'a curve to draw');
      assert.ok(history.deployments.length > 0, 'deployments on it');
      assert.ok(history.burnedAfter.length > 0, 'some followed by a burn');
      await page.goto(
        `${baseUrl}/catalog/default/component/web-storefront/delivery`,
      );
      const chart = page.getByTestId('opsdeck-budget-chart');
      await chart.waitFor({ timeout: 60_000 });
      const label = (await chart.getAttribute('aria-label'))!;
      assert.match(
        label,
        new RegExp(
          `Production deployments: ${history.deployments.length}, ${history.burnedAfter.length} of them followed by a burn\\. Incidents: ${history.incidents.length}\\.`,
        ),
      );
      // The chart really draws: the curve and a marker per deployment and incident.
      const drawn = await chart.evaluate(el => ({
        curves: el.querySelectorAll('.recharts-area-curve').length,
        // deployments as dots or triangles, incidents as squares, on the line's dot layer
        markers: el.querySelectorAll(
          '.recharts-line-dots circle, .recharts-line-dots path, .recharts-line-dots rect',
        ).length,
      }));
      assert.ok(drawn.curves >= 1, 'the budget curve is drawn');
      assert.equal(
        drawn.markers,
        history.deployments.length + history.incidents.length,
        'a marker per deployment and incident',
      );
      const burned = page
        .getByText('Deployments followed by a budget burn')
        .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]');
      for (const id of history.burnedAfter.slice(0, 3)) {
        const deployment = history.deployments.find((d: any) => d.id === id);
        await burned
          .getByText(deployment.title ?? deployment.sha ?? id)
          .first()
          .waitFor();
      }
      await burned
        .getByText(/× the sustainable rate/)
        .first()
        .waitFor();
      await assertAccessible(page, 'Delivery tab with the budget chart');
      await page
        .locator('#opsdeck-error-budget')
        .screenshot({ path: `${SCREENSHOT_DIR}/21-budget-chart.png` });
    });

    it('team and org: services grouped by budget state, as the API answers', async () => {
      const { page, baseUrl } = portal;
      for (const [path, apiPath, shot] of [
        [
          '/catalog/default/group/storefront/operations',
          'groups/default/storefront/slo',
          '22-team-error-budgets',
        ],
        ['/opsdeck', 'org/slo', '23-org-error-budgets'],
      ]) {
        const answer = await api(apiPath);
        await page.goto(`${baseUrl}${path}`);
        const card = page
          .getByText('Error budgets', { exact: true })
          .first()
          .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]');
        await card.waitFor({ timeout: 60_000 });
        await card.getByText('Exhausted').first().waitFor({ timeout: 60_000 });
        for (const [state, title] of [
          ['exhausted', 'Exhausted'],
          ['burning', 'Burning'],
          ['healthy', 'Healthy'],
          ['no-data', 'No data'],
          ['no-slo', 'No SLO'],
        ]) {
          const count = answer.counts[state];
          if (count === 0) continue;
          await card.getByLabel(`${title}: ${count}`).first().waitFor();
        }
        assert.ok(answer.counts.exhausted >= 1);
        await card.getByText('web-storefront').first().waitFor();
        await assertAccessible(page, `${path} error budgets`);
        await card.scrollIntoViewIfNeeded();
        await portal.screenshot(shot);
      }
    });

    it('reads well in the dark theme too', async () => {
      const { page, baseUrl } = portal;
      await page.evaluate(() => localStorage.setItem('theme', 'dark'));
      try {
        for (const [path, ready] of [
          ['/catalog/default/component/web-storefront', 'opsdeck-slo-status'],
          [
            '/catalog/default/component/web-storefront/delivery',
            'opsdeck-budget-chart',
          ],
        ]) {
          await page.goto(`${baseUrl}${path}`);
          await page.getByTestId(ready).first().waitFor({ timeout: 60_000 });
          const background = await page.evaluate(
            () =>
              getComputedStyle(document.querySelector('main') ?? document.body)
                .backgroundColor,
          );
          assert.notEqual(
            background,
            'rgb(255, 255, 255)',
            'the dark theme is on',
          );
          await assertAccessible(page, `${path} (dark)`);
        }
        await portal.screenshot('24-slo-dark');
      } finally {
        await page.evaluate(() => localStorage.removeItem('theme'));
      }
    });
  },
);
