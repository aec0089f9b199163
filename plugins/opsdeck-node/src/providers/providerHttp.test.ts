import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import {
  ProviderHttpError,
  createProviderHttpClient,
  readRetryAfterMs,
} from './providerHttp';

const failed = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: ProviderHttpError) => e,
  );

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('createProviderHttpClient against a real HTTP server', () => {
  let server: Server;
  let baseUrl: string;
  let handlers: Handler[];
  let calls: IncomingMessage[];

  beforeEach(async () => {
    handlers = [];
    calls = [];
    server = createServer((req, res) => {
      calls.push(req);
      const handler = handlers.shift() ?? ((_, r) => r.end('{"ok":true}'));
      handler(req, res);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const client = (
    extra: Partial<Parameters<typeof createProviderHttpClient>[0]> = {},
  ) =>
    createProviderHttpClient({
      provider: 'FakeDuty',
      baseUrl,
      authorization: async () => 'Token token=s3cret-token',
      timeoutMs: 300,
      ...extra,
    });

  const status =
    (code: number, headers: Record<string, string> = {}): Handler =>
    (_, res) => {
      res.writeHead(code, headers);
      res.end('{}');
    };

  it('sends the authorization and repeated query values, and parses JSON', async () => {
    const body = await client().getJson('/oncalls', {
      'escalation_policy_ids[]': ['P1', 'P2'],
      include: undefined,
    });
    expect(body).toEqual({ ok: true });
    expect(calls[0].url).toBe(
      '/oncalls?escalation_policy_ids%5B%5D=P1&escalation_policy_ids%5B%5D=P2',
    );
    expect(calls[0].headers.authorization).toBe('Token token=s3cret-token');
  });

  it('retries 500s, a connection reset and a hang, then succeeds', async () => {
    handlers.push(status(500), (req, _res) => req.socket.destroy());
    expect(await client().getJson('/x')).toEqual({ ok: true });
    expect(calls).toHaveLength(3);

    calls = [];
    handlers.push(() => {}); // hangs until the per-attempt timeout
    expect(await client().getJson('/x')).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
  });

  it('gives up after the bounded attempts with a transient error that names the provider, never the token', async () => {
    handlers.push(status(503), status(503), status(503), status(503));
    const error = await failed(client().getJson('/services/PX?secret=no'));
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect(error.transient).toBe(true);
    expect(error.message).toBe(
      'FakeDuty answered 503 Service Unavailable for ' +
        `${baseUrl}/services/PX`,
    );
    expect(calls).toHaveLength(3);
  });

  it('waits out a short Retry-After before retrying', async () => {
    handlers.push(status(429, { 'Retry-After': '1' }));
    const started = Date.now();
    expect(await client().getJson('/x')).toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls).toHaveLength(2);
  });

  it('does not call the provider again before a long rate-limit reset', async () => {
    const c = client();
    handlers.push(status(429, { 'ratelimit-reset': '60' }));
    const first = await failed(c.getJson('/x'));
    expect(first.status).toBe(429);
    expect(first.retryAfterMs).toBe(60_000);
    const second = await failed(c.getJson('/x'));
    expect(second.message).toMatch(/FakeDuty rate limit: not calling it/);
    expect(calls).toHaveLength(1);
  });

  it("follows every page by the Link header's next URL", async () => {
    const page =
      (n: number, last: boolean): Handler =>
      (_, res) => {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          ...(last
            ? {}
            : {
                Link: `<${baseUrl}/items?page=${
                  n + 1
                }>; rel="next", <${baseUrl}/items?page=9>; rel="last"`,
              }),
        });
        res.end(JSON.stringify([n]));
      };
    handlers.push(page(1, false), page(2, false), page(3, true));
    const c = client();
    const seen: number[] = [];
    let next: string | undefined = '/items';
    while (next) {
      const got: { body: number[]; next?: string } = await c.getPage<number[]>(
        next,
      );
      seen.push(...got.body);
      next = got.next;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(calls.map(r => r.url)).toEqual([
      '/items',
      '/items?page=2',
      '/items?page=3',
    ]);
    expect(calls[2].headers.authorization).toBe('Token token=s3cret-token');
  });

  it('never follows a next link to another origin (the token would go with it)', async () => {
    handlers.push((_, res) => {
      res.writeHead(200, { Link: '<https://evil.example/steal>; rel="next"' });
      res.end('[]');
    });
    const c = client();
    expect((await c.getPage('/items')).next).toBeUndefined();
    const error = await failed(c.getPage('https://evil.example/steal'));
    expect(error.message).toMatch(/not following a link away from/);
    expect(calls).toHaveLength(1);
  });

  it("waits out GitHub's rate limits answered as 403: primary (remaining 0, reset) and secondary (Retry-After)", async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    handlers.push(
      status(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }),
      status(403, { 'retry-after': '1' }),
    );
    const c = client({ maxRetryWaitMs: 5_000, deadlineMs: 10_000 });
    expect(await c.getJson('/x')).toEqual({ ok: true });
    expect(calls).toHaveLength(3);
    // A 403 without either is a refusal: not retried.
    calls = [];
    handlers.push(status(403));
    const refused = await failed(c.getJson('/x'));
    expect([refused.status, refused.transient, calls.length]).toEqual([
      403,
      false,
      1,
    ]);
  });

  it('does not retry a definitive error', async () => {
    handlers.push(status(404));
    const error = await failed(client().getJson('/services/NOPE'));
    expect(error.status).toBe(404);
    expect(error.transient).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('refreshes the token once after a 401', async () => {
    let token = 'old';
    const onUnauthorized = jest.fn(() => {
      token = 'new';
    });
    handlers.push(status(401));
    const body = await client({
      authorization: async () => `Bearer ${token}`,
      onUnauthorized,
    }).getJson('/x');
    expect(body).toEqual({ ok: true });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(calls.map(c => c.headers.authorization)).toEqual([
      'Bearer old',
      'Bearer new',
    ]);
  });

  it('opens the circuit after consecutive failures and fails fast without calling', async () => {
    const c = client({ breakerThreshold: 2, maxAttempts: 1 });
    handlers.push(status(500), status(500));
    await c.getJson('/x').catch(() => undefined);
    await c.getJson('/x').catch(() => undefined);
    const error = await failed(c.getJson('/x'));
    expect(error.message).toMatch(/FakeDuty is failing; not calling it/);
    expect(error.transient).toBe(true);
    expect(calls).toHaveLength(2);
  });
});

describe('readRetryAfterMs', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  it.each([
    [{ 'Retry-After': '3' }, 3000],
    [{ 'Retry-After': 'Sun, 22 Nov 2026 10:00:05 GMT' }, 5000],
    [{ 'ratelimit-reset': '7' }, 7000],
    [{ 'X-RateLimit-Reset': String(now / 1000 + 9) }, 9000],
    [{}, undefined],
  ])('%j → %s ms', (headers, expected) => {
    expect(readRetryAfterMs(new Headers(headers), now)).toBe(expected);
  });
});
