import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { cp, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * `opsdeck:publish:workspace` — publishes a golden path's generated files without a git host:
 * copies the task's workspace into `<directory>/<name>` on the backend host and registers its
 * `catalog-info.yaml` as a `file` location. It registers with the backend's own service
 * credentials: the folder is one this action wrote inside its publish directory, so users need
 * no right to register arbitrary `file` locations (a portal should deny them
 * `catalog.location.create`). For demos and air-gapped portals; real portals publish with
 * `publish:github` / `publish:gitlab` and `catalog:register` instead.
 *
 * @public
 */
export function createPublishWorkspaceAction(options: {
  /** Where published folders go (absolute). */
  directory: string;
  catalog: CatalogService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: 'opsdeck:publish:workspace',
    description:
      'Copies the workspace to a folder on the backend host and registers its catalog-info.yaml in the catalog (demo and offline publishing).',
    schema: {
      input: {
        name: z =>
          z
            .string()
            .regex(
              /^[a-z0-9][a-z0-9-]{0,62}$/,
              'lower-case letters, digits and dashes',
            )
            .describe('Folder name under the publish directory'),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Path of the catalog file in the workspace; catalog-info.yaml by default',
            ),
      },
      output: {
        directory: z => z.string().describe('Where the files were published'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe('The first entity the catalog read from them'),
        catalogInfoUrl: z =>
          z.string().describe('The registered location target'),
      },
    },
    async handler(ctx) {
      const target = resolveSafeChildPath(options.directory, ctx.input.name);
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists) {
        throw new ConflictError(
          `${ctx.input.name} was published before (${target}); choose another name`,
        );
      }
      await mkdir(options.directory, { recursive: true });
      await cp(ctx.workspacePath, target, { recursive: true });
      const catalogInfo = resolveSafeChildPath(
        target,
        ctx.input.catalogInfoPath ?? 'catalog-info.yaml',
      );
      ctx.logger.info(`Published the workspace to ${target}`);
      const { entities } = await options.catalog.addLocation(
        { type: 'file', target: catalogInfo },
        { credentials: await options.auth.getOwnServiceCredentials() },
      );
      ctx.output('directory', target);
      ctx.output('catalogInfoUrl', catalogInfo);
      // The catalog reads a new file location in the background; the file names the entity.
      const entity = entities[0] ?? (await firstEntityIn(catalogInfo));
      if (entity) ctx.output('entityRef', stringifyEntityRef(entity));
    },
  });
}

/** The first entity a catalog file describes, if it parses. */
async function firstEntityIn(path: string): Promise<Entity | undefined> {
  try {
    const [doc] = parseAllDocuments(await readFile(path, 'utf8'));
    const entity = doc?.toJSON() as Entity | undefined;
    return entity?.kind && entity.metadata?.name ? entity : undefined;
  } catch {
    return undefined;
  }
}

/** The default publish directory when none is configured: next to the backend's data. */
export const defaultPublishDirectory = () =>
  join(process.cwd(), '.opsdeck-workspace');
