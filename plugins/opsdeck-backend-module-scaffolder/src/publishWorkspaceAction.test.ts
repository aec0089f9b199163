import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublishWorkspaceAction } from './publishWorkspaceAction';

async function workspaceWith(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-ws-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('opsdeck:publish:workspace', () => {
  it('names the entity from the file when the catalog reads the location later', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'opsdeck-publish-'));
    const action = createPublishWorkspaceAction({
      directory,
      catalog: {
        addLocation: async () => ({
          location: {},
          entities: [],
          exists: false,
        }),
      } as any,
      auth: mockServices.auth(),
    });
    const outputs: Record<string, unknown> = {};
    await action.handler({
      input: { name: 'topic' },
      workspacePath: await workspaceWith({
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: order-events\n',
      }),
      logger: { info: jest.fn() },
      output: (k: string, v: unknown) => {
        outputs[k] = v;
      },
      getInitiatorCredentials: async () => mockCredentials.user(),
    } as any);
    expect(outputs.entityRef).toBe('resource:default/order-events');
  });

  it("copies the workspace and registers its catalog-info.yaml with its own service credentials, not the initiator's", async () => {
    const directory = await mkdtemp(join(tmpdir(), 'opsdeck-publish-'));
    const addLocation = jest.fn(async () => ({
      location: { id: 'l1', type: 'file', target: 'x' },
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'orders', namespace: 'default' },
        },
      ],
      exists: false,
    }));
    const action = createPublishWorkspaceAction({
      directory,
      catalog: { addLocation } as any,
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
    const workspacePath = await workspaceWith({
      'catalog-info.yaml': 'kind: Resource\n',
      'sub/database.tf': 'resource "x" {}\n',
    });
    const outputs: Record<string, unknown> = {};
    const credentials = mockCredentials.user('user:default/nina');
    const ctx: any = {
      input: { name: 'postgres-orders' },
      workspacePath,
      logger: { info: jest.fn() },
      output: (k: string, v: unknown) => {
        outputs[k] = v;
      },
      getInitiatorCredentials: async () => credentials,
    };
    await action.handler(ctx);
    const target = join(directory, 'postgres-orders');
    expect(await readFile(join(target, 'sub/database.tf'), 'utf8')).toBe(
      'resource "x" {}\n',
    );
    expect(addLocation).toHaveBeenCalledWith(
      { type: 'file', target: join(target, 'catalog-info.yaml') },
      {
        credentials: expect.objectContaining({
          principal: { type: 'service', subject: 'plugin:scaffolder' },
        }),
      },
    );
    expect(outputs).toEqual({
      directory: target,
      catalogInfoUrl: join(target, 'catalog-info.yaml'),
      entityRef: 'resource:default/orders',
    });

    // the same name again is refused, and nothing is registered twice
    await expect(action.handler(ctx)).rejects.toThrow(/published before/);
    expect(addLocation).toHaveBeenCalledTimes(1);
    // a name cannot climb out of the publish directory
    await expect(
      action.handler({ ...ctx, input: { name: '../escape' } }),
    ).rejects.toThrow();
  });
});
