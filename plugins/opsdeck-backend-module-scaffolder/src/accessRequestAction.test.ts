import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createAccessRequestAction } from './accessRequestAction';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const baseUrl = 'http://backstage.test/api/opsdeck';

function actionWith(entity?: object) {
  return createAccessRequestAction({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth(),
    catalog: { getEntityByRef: async () => entity } as any,
  });
}

function context(input: object) {
  const outputs: Record<string, unknown> = {};
  return {
    outputs,
    ctx: {
      input,
      logger: { info: jest.fn() },
      output: (k: string, v: unknown) => {
        outputs[k] = v;
      },
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/nina'),
    } as any,
  };
}

describe('opsdeck:access:request', () => {
  it("files the request as the user, in the resource's domain", async () => {
    let seen: { body: any; auth: string | null } | undefined;
    server.use(
      http.post(`${baseUrl}/access-requests`, async ({ request }) => {
        seen = {
          body: await request.json(),
          auth: request.headers.get('authorization'),
        };
        return HttpResponse.json(
          {
            id: 'r1',
            status: 'pending',
            approver: 'group:default/platform-data',
          },
          { status: 201 },
        );
      }),
    );
    const { ctx, outputs } = context({
      resource: 'resource:default/postgres-main',
      reason: 'Debug a migration',
      durationDays: 7,
    });
    await actionWith({
      metadata: { annotations: { 'opsdeck.io/platform-domain': 'data' } },
    }).handler(ctx);
    expect(seen!.body).toEqual({
      domain: 'data',
      resource: 'resource:default/postgres-main',
      reason: 'Debug a migration',
      durationDays: 7,
    });
    // a token on behalf of the user who ran the template
    expect(seen!.auth).toMatch(/^Bearer .*user:default\/nina/);
    expect(outputs).toEqual({
      id: 'r1',
      status: 'pending',
      approver: 'group:default/platform-data',
    });
  });

  it("fails with OpsDeck's message, and names a resource without a domain", async () => {
    server.use(
      http.post(`${baseUrl}/access-requests`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'reason: required, a non-empty string',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(
      actionWith().handler(
        context({ resource: 'x', reason: '', domain: 'data' }).ctx,
      ),
    ).rejects.toThrow(/reason: required/);
    await expect(
      actionWith({ metadata: {} }).handler(
        context({ resource: 'resource:default/x', reason: 'y' }).ctx,
      ),
    ).rejects.toThrow(/names no platform domain/);
  });
});
