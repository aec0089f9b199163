import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { opsdeckModulePagerDutyOnCall } from '@opsdeck/backstage-plugin-backend-module-pagerduty';
import { opsdeckPlugin } from '../plugin';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

// PagerDuty REST API v2 bodies as documented ("Get a service", "List all of the on-calls",
// "List incidents"); the typed msw fixtures of the pagerduty module hold the full shapes.
const pdUser = (id: string, name: string, email: string) => ({
  id,
  type: 'user',
  summary: name,
  name,
  email,
  html_url: `https://acme.pagerduty.com/users/${id}`,
});

const serviceBody = (id: string) => ({
  service: {
    id,
    name: id,
    type: 'service',
    summary: id,
    html_url: `https://acme.pagerduty.com/service-directory/${id}`,
    escalation_policy: {
      id: 'PPOLICY',
      type: 'escalation_policy_reference',
      summary: 'Escalation',
    },
  },
});

const oncall = (
  user: ReturnType<typeof pdUser>,
  level: number,
  start: string,
  end: string,
) => ({
  user,
  escalation_level: level,
  schedule: { id: 'PSCHED1', type: 'schedule_reference', summary: 'Primary' },
  escalation_policy: {
    id: 'PPOLICY',
    type: 'escalation_policy_reference',
    summary: 'Escalation',
  },
  start,
  end,
});

const oncallsBody = (oncalls: unknown[]) => ({
  oncalls,
  limit: 100,
  offset: 0,
  more: false,
  total: null,
});

const incidentsBody = () => ({
  incidents: [
    {
      id: 'Q1INC',
      type: 'incident',
      title: 'Replication lag',
      status: 'triggered',
      html_url: 'https://acme.pagerduty.com/incidents/Q1INC',
      created_at: '2026-11-22T08:00:00Z',
      urgency: 'high',
    },
  ],
});

/**
 * A local PagerDuty REST API on a real port, for chaos tests and benchmarks: answers the
 * documented bodies, counts calls per path, and can be switched to 500s, 429s with
 * `ratelimit-reset`, hangs or connection resets.
 */
export async function startFakePagerDuty(options: { token: string }) {
  const state = {
    mode: 'ok' as 'ok' | '500' | '429' | 'hang' | 'reset',
    calls: new Map<string, number>(),
    unauthorized: 0,
    delayMs: 0,
  };
  const now = () => new Date();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    state.calls.set(url.pathname, (state.calls.get(url.pathname) ?? 0) + 1);
    if (req.headers.authorization !== `Token token=${options.token}`) {
      state.unauthorized += 1;
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"Unauthorized","code":2006}}');
      return;
    }
    switch (state.mode) {
      case 'hang':
        return; // never answers
      case 'reset':
        req.socket.destroy();
        return;
      case '500':
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('{"error":{"message":"Internal Server Error","code":2001}}');
        return;
      case '429':
        res.writeHead(429, {
          'Content-Type': 'application/json',
          'ratelimit-limit': '960',
          'ratelimit-remaining': '0',
          'ratelimit-reset': '30',
        });
        res.end('{"error":{"message":"Rate Limit Exceeded","code":2020}}');
        return;
      default:
    }
    const json = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const later = (h: number) =>
      new Date(now().getTime() + h * 3_600_000).toISOString();
    if (url.pathname.startsWith('/services/')) {
      json(
        serviceBody(
          decodeURIComponent(url.pathname.slice('/services/'.length)),
        ),
      );
    } else if (url.pathname === '/oncalls') {
      json(
        oncallsBody([
          oncall(
            pdUser('PALICE', 'Alice Adams', 'alice@acme.example'),
            1,
            later(-2),
            later(6),
          ),
          oncall(
            pdUser('PBOB', 'Bob Brown', 'bob@acme.example'),
            2,
            later(-2),
            later(30),
          ),
        ]),
      );
    } else if (url.pathname === '/incidents') {
      json(incidentsBody());
    } else {
      res.writeHead(404);
      res.end('{"error":{"message":"Not Found","code":2100}}');
    }
  };
  const server: Server = createServer((req, res) => {
    if (state.delayMs) setTimeout(() => handle(req, res), state.delayMs);
    else handle(req, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    totalCalls: () => [...state.calls.values()].reduce((a, b) => a + b, 0),
    async close() {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/**
 * A real backend with OpsDeck and the PagerDuty on-call module pointed at a fresh local
 * PagerDuty; `serverToken` lets the fake expect another token than the backend sends.
 */
export async function startPagerDutyOnCallBackend(options: {
  entities: Entity[];
  token: string;
  serverToken?: string;
  cacheTtl?: object;
  /** More features or service factories (e.g. a real metrics service). */
  features?: Parameters<typeof startTestBackend>[0]['features'];
}) {
  const pd = await startFakePagerDuty({
    token: options.serverToken ?? options.token,
  });
  const backend = await startTestBackend({
    features: [
      opsdeckPlugin,
      opsdeckModulePagerDutyOnCall,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          opsdeck: {
            oncall: {
              pagerduty: {
                baseUrl: pd.baseUrl,
                token: options.token,
                cacheTtl: options.cacheTtl ?? { minutes: 5 },
              },
            },
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return {
    pd,
    backend,
    async stop() {
      await backend.stop();
      await pd.close();
    },
  };
}
