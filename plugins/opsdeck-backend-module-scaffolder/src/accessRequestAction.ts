import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

const DOMAIN_ANNOTATION = 'opsdeck.io/platform-domain';

/**
 * `opsdeck:access:request` — files an access request with OpsDeck on behalf of the user who
 * runs the template: stored with requester, reason, resource and the approving team, listed on
 * the domain's section of the platform page, decided by the domain's owning team. The domain is
 * the resource's `opsdeck.io/platform-domain` unless given.
 *
 * @public
 */
export function createAccessRequestAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'opsdeck:access:request',
    description:
      "Asks a platform domain's owning team for access to a resource (stored and decided in OpsDeck).",
    schema: {
      input: {
        resource: z =>
          z
            .string()
            .describe('Entity ref (or name) of what access is wanted to'),
        reason: z => z.string().describe('Why'),
        durationDays: z =>
          z
            .number()
            .int()
            .min(1)
            .max(365)
            .optional()
            .describe('For how many days'),
        domain: z =>
          z
            .string()
            .optional()
            .describe("Platform domain; the resource's by default"),
      },
      output: {
        id: z => z.string().describe('The request id'),
        approver: z => z.string().describe('The team that decides'),
        status: z => z.string(),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      let domain = ctx.input.domain;
      if (!domain) {
        const entity = await options.catalog.getEntityByRef(
          ctx.input.resource,
          {
            credentials,
          },
        );
        domain = entity?.metadata.annotations?.[DOMAIN_ANNOTATION];
        if (!domain) {
          throw new InputError(
            `${ctx.input.resource} names no platform domain (${DOMAIN_ANNOTATION}); pass domain`,
          );
        }
      }
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'opsdeck',
      });
      const baseUrl = await options.discovery.getBaseUrl('opsdeck');
      const response = await fetch(`${baseUrl}/access-requests`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({
          domain,
          resource: ctx.input.resource,
          reason: ctx.input.reason,
          ...(ctx.input.durationDays
            ? { durationDays: ctx.input.durationDays }
            : {}),
        }),
      });
      if (!response.ok) {
        const error = await ResponseError.fromResponse(response);
        throw new InputError(
          `OpsDeck refused the access request: ${error.cause.message}`,
          error,
        );
      }
      const request = (await response.json()) as {
        id: string;
        approver: string;
        status: string;
      };
      ctx.logger.info(
        `Access request ${request.id} is ${request.status}; ${request.approver} decides`,
      );
      ctx.output('id', request.id);
      ctx.output('approver', request.approver);
      ctx.output('status', request.status);
    },
  });
}
