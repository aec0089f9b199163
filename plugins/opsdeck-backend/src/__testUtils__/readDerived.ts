import request from 'supertest';

/**
 * GETs an answer built on derived data until every accepted event is in it (`pendingEvents` is
 * 0): derivation runs after ingest, and read routes never derive. Anything but 200 fails.
 */
export async function readDerived(
  server: Parameters<typeof request>[0],
  path: string,
  headers: Record<string, string> = {},
  timeoutMs = 15_000,
): Promise<request.Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(server).get(path).set(headers);
    if (res.status !== 200) {
      throw new Error(
        `GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
    if (res.body.pendingEvents === 0) return res;
    if (Date.now() > deadline) {
      throw new Error(
        `GET ${path} still had ${res.body.pendingEvents} events pending after ${timeoutMs} ms`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}
