import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRefInput } from '../catalog/entityRefInput';
import {
  DoraMetric,
  OnCallAnswer,
  startOfUtcDay,
} from '@opsdeck/backstage-plugin-common';
import { DoraService } from '../dora/DoraService';
import { OnCallService } from '../oncall/OnCallService';
import { OwnershipService } from '../oncall/OwnershipService';
import { SloService } from '../slo/SloService';

/** `checkout` or `component:default/checkout` → its parts; a bad ref is a 400 naming it. */
const refOf = (entityRef: string) =>
  parseEntityRefInput(entityRef, { defaultKind: 'component' });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hours = (ms: number | null) =>
  ms === null ? null : Math.round((ms / HOUR) * 10) / 10;
const percent = (ratio: number | null) =>
  ratio === null ? null : Math.round(ratio * 1000) / 10;

/** Who is on call, per level, in one line each. */
function onCallLines(answer: OnCallAnswer): string[] {
  if (!answer.levels.length) {
    return [answer.error?.message ?? 'Nobody is on call.'];
  }
  return answer.levels.map(
    l =>
      `Level ${l.level}: ${l.people.map(p => p.name).join(', ')}${
        l.until ? ` until ${l.until}` : ''
      }`,
  );
}

const entityInput = (z: any) =>
  z.object({
    entityRef: z
      .string()
      .min(1)
      .describe(
        'The catalog entity: a full ref such as component:default/checkout, or a Component name',
      ),
  });

/**
 * OpsDeck's answers in Backstage's actions registry, so AI assistants and other tools that speak
 * to Backstage through it can ask who owns a service, who is on call for it, how it delivers
 * (DORA) and how its SLOs stand. Each runs as the caller: catalog reads with their credentials,
 * so an entity they may not see is not found.
 *
 * @internal
 */
export function registerActions(
  actions: ActionsRegistryService,
  services: {
    ownership: OwnershipService;
    oncall: OnCallService;
    dora: DoraService;
    slo: SloService;
  },
) {
  actions.register({
    name: 'who-owns',
    title: 'Who owns a service',
    description:
      'The team that owns a catalog entity (from the catalog), its members and contact e-mail, the teams above it, and who is on call for the entity now.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: entityInput,
      output: z =>
        z.object({
          entityRef: z.string(),
          owner: z
            .object({
              entityRef: z.string(),
              name: z.string(),
              email: z.string().optional(),
              members: z.array(
                z.object({
                  entityRef: z.string(),
                  name: z.string(),
                  email: z.string().optional(),
                }),
              ),
            })
            .nullable(),
          parents: z.array(z.string()),
          onCall: z.array(z.string()),
          summary: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const answer = await services.ownership.getOwnership(
        refOf(input.entityRef),
        { credentials },
      );
      const owner = answer.owner
        ? {
            entityRef: answer.owner.entityRef,
            name: answer.owner.name,
            ...(answer.owner.email ? { email: answer.owner.email } : {}),
            members: answer.owner.members.map(m => ({
              entityRef: m.entityRef,
              name: m.name,
              ...(m.email ? { email: m.email } : {}),
            })),
          }
        : null;
      return {
        output: {
          entityRef: answer.entityRef,
          owner,
          parents: answer.parents.map(p => p.name),
          onCall: onCallLines(answer.oncall),
          summary: owner
            ? `${answer.entityRef} is owned by ${owner.name}${
                owner.email ? ` (${owner.email})` : ''
              }${
                answer.parents.length
                  ? `, part of ${answer.parents.map(p => p.name).join(' → ')}`
                  : ''
              }.`
            : `${answer.entityRef} has no owner in the catalog; set spec.owner.`,
        },
      };
    },
  });

  actions.register({
    name: 'who-is-on-call',
    title: 'Who is on call for a service',
    description:
      'Who is on call now for a catalog entity, per escalation level, until when, and where the on-call comes from (PagerDuty, Opsgenie/JSM, or a rotation in the catalog, possibly inherited from its System or team). Says when the answer is the last known one because the provider is down.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: entityInput,
      output: z =>
        z.object({
          entityRef: z.string(),
          provider: z.string().nullable(),
          levels: z.array(
            z.object({
              level: z.number(),
              people: z.array(
                z.object({
                  name: z.string(),
                  email: z.string().optional(),
                  userRef: z.string().optional(),
                }),
              ),
              until: z.string().optional(),
            }),
          ),
          from: z.string().optional(),
          asOf: z.string(),
          stale: z.boolean(),
          summary: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const answer = await services.oncall.getOnCall(refOf(input.entityRef), {
        credentials,
      });
      return {
        output: {
          entityRef: answer.entityRef,
          provider: answer.provider,
          levels: answer.levels.map(l => ({
            level: l.level,
            people: l.people.map(p => ({
              name: p.name,
              ...(p.email ? { email: p.email } : {}),
              ...(p.userRef ? { userRef: p.userRef } : {}),
            })),
            ...(l.until ? { until: l.until } : {}),
          })),
          ...(answer.source ? { from: answer.source.entityRef } : {}),
          asOf: answer.asOf,
          stale: answer.stale,
          summary: [
            ...onCallLines(answer),
            ...(answer.stale
              ? [`(last known answer, as of ${answer.asOf})`]
              : []),
          ].join('; '),
        },
      };
    },
  });

  actions.register({
    name: 'dora-metrics',
    title: 'How a service delivers (DORA)',
    description:
      'The DORA metrics of a Component over the last N days (default 90), computed by OpsDeck from CI/CD and incident events: deployment frequency, change lead time, change fail rate, failed deployment recovery time, deployment rework rate and MTTR, each with its tier.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        entityInput(z).extend({
          days: z
            .number()
            .int()
            .min(1)
            .max(365)
            .optional()
            .describe('The window, in days before now; default 90'),
        }),
      output: z => {
        const metric = z.object({
          value: z.number().nullable(),
          unit: z.string(),
          tier: z.string().nullable(),
        });
        return z.object({
          entityRef: z.string(),
          from: z.string(),
          to: z.string(),
          deploymentsPerWeek: metric,
          changeLeadTimeHours: metric,
          changeFailRatePercent: metric,
          recoveryTimeHours: metric,
          reworkRatePercent: metric,
          mttrHours: metric,
          pendingEvents: z
            .number()
            .describe(
              'Events accepted but not counted yet (they count within seconds)',
            ),
          summary: z.string(),
        });
      },
    },
    action: async ({ input, credentials }) => {
      // DORA windows are whole UTC days: the last N days, today included.
      const to = startOfUtcDay(Date.now()) + DAY;
      const answer = await services.dora.getEntityDora(refOf(input.entityRef), {
        from: new Date(to - (input.days ?? 90) * DAY).toISOString(),
        credentials,
      });
      const m = answer.current;
      const of = (
        metric: DoraMetric<unknown>,
        value: number | null,
        unit: string,
      ) => ({ value, unit, tier: metric.tier });
      const out = {
        deploymentsPerWeek: of(
          m.deploymentFrequency,
          m.deploymentFrequency.value === null
            ? null
            : Math.round(m.deploymentFrequency.detail.perWeek * 10) / 10,
          'deployments per week',
        ),
        changeLeadTimeHours: of(
          m.changeLeadTime,
          hours(m.changeLeadTime.value),
          'hours (median)',
        ),
        changeFailRatePercent: of(
          m.changeFailRate,
          percent(m.changeFailRate.value),
          '%',
        ),
        recoveryTimeHours: of(
          m.recoveryTime,
          hours(m.recoveryTime.value),
          'hours (median)',
        ),
        reworkRatePercent: of(m.reworkRate, percent(m.reworkRate.value), '%'),
        mttrHours: of(m.mttr, hours(m.mttr.value), 'hours (median)'),
      };
      const line = (
        name: string,
        v: { value: number | null; unit: string; tier: string | null },
      ) =>
        `${name}: ${v.value === null ? 'no data' : `${v.value} ${v.unit}`}${
          v.tier ? ` (${v.tier})` : ''
        }`;
      return {
        output: {
          entityRef: answer.entityRef,
          from: new Date(m.window.from).toISOString(),
          to: new Date(m.window.to).toISOString(),
          ...out,
          pendingEvents: answer.pendingEvents ?? 0,
          summary: [
            line('Deployment frequency', out.deploymentsPerWeek),
            line('Change lead time', out.changeLeadTimeHours),
            line('Change fail rate', out.changeFailRatePercent),
            line('Failed deployment recovery time', out.recoveryTimeHours),
            line('Deployment rework rate', out.reworkRatePercent),
            line('MTTR', out.mttrHours),
          ].join('; '),
        },
      };
    },
  });

  actions.register({
    name: 'slo-status',
    title: 'How a service’s SLOs stand',
    description:
      'The SLOs of a Component (OpenSLO files it names, evaluated against Prometheus): per objective the target, the SLI over the window, the error budget remaining (negative once exhausted), and the multi-window burn status: ok, ticket (burning too fast to last the window), page (burning fast now) or no-data.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: entityInput,
      output: z =>
        z.object({
          entityRef: z.string(),
          objectives: z.array(
            z.object({
              slo: z.string(),
              objective: z.string(),
              targetPercent: z.number(),
              sliPercent: z.number().nullable(),
              budgetRemainingPercent: z.number().nullable(),
              status: z.string(),
            }),
          ),
          problems: z.array(z.string()),
          stale: z.boolean(),
          summary: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const answer = await services.slo.getEntitySlo(refOf(input.entityRef), {
        credentials,
      });
      const objectives = answer.slos.flatMap(s =>
        s.objectives.map(o => ({
          slo: s.displayName ?? s.name,
          objective: o.displayName,
          targetPercent: Math.round(o.target * 100_000) / 1000,
          sliPercent:
            o.sli === null ? null : Math.round(o.sli * 100_000) / 1000,
          budgetRemainingPercent:
            o.budget === null
              ? null
              : Math.round(o.budget.remaining * 1000) / 10,
          status: o.status,
        })),
      );
      const problems = [
        ...answer.problems.map(p => `${p.file}: ${p.error}`),
        ...answer.slos.flatMap(s =>
          s.error ? [`${s.name}: ${s.error.message}`] : [],
        ),
      ];
      return {
        output: {
          entityRef: answer.entityRef,
          objectives,
          problems,
          stale: answer.stale,
          summary: objectives.length
            ? objectives
                .map(
                  o =>
                    `${o.slo} (${o.objective}): ${o.status}, ${
                      o.budgetRemainingPercent === null
                        ? 'no data'
                        : `${o.budgetRemainingPercent} % of the error budget left`
                    }`,
                )
                .join('; ')
            : problems[0] ??
              `${answer.entityRef} has no SLOs; name OpenSLO files in its opsdeck.io/openslo annotation.`,
        },
      };
    },
  });
}
