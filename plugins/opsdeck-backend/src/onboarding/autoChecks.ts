import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DoraDeployment,
  OnboardingAutoCheck,
  OnboardingEvidence,
  ShiftsAnswer,
  createEnvironmentMatcher,
} from '@opsdeck/backstage-plugin-common';
import { relationTargets } from '../catalog/entities';

const DAY = 86_400_000;
/** How far back a first shift is looked for (PagerDuty answers up to 90 days). */
const SHIFTS_BACK = 90 * DAY;
/** How far ahead the next shift is looked for. */
const SHIFTS_AHEAD = 30 * DAY;
/** At most this many of the reader's teams' services are asked about their shifts. */
const MAX_SERVICES = 20;

/** A shift of the reader's: on call now, or the next one. @internal */
export interface ReaderShift {
  entityRef: string;
  from: number;
  until: number;
  level: number;
  scheduleName?: string;
}

/**
 * Evidence from real data that ticks onboarding steps: the reader's first change in production
 * (a production success shipping a change whose `authorEmail` is theirs) and their first on-call
 * shift (any level, shadows included) on their teams' services. Read as the caller.
 *
 * @internal
 */
export class OnboardingAutoChecks {
  private readonly isProduction: (environment: string) => boolean;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      events: {
        firstDeploymentAuthoredBy(
          email: string,
          counts: (deployment: DoraDeployment) => boolean,
        ): Promise<DoraDeployment | undefined>;
      };
      shifts: (
        entityRef: string,
        query: { from: number; to: number; credentials: BackstageCredentials },
      ) => Promise<ShiftsAnswer>;
      productionEnvironments?: readonly string[];
    },
  ) {
    this.isProduction = createEnvironmentMatcher(
      options.productionEnvironments,
    );
  }

  /** What each check found for this reader, and their current or next shift. */
  async evaluate(
    userRef: string,
    checks: ReadonlySet<OnboardingAutoCheck>,
    credentials: BackstageCredentials,
    now = Date.now(),
  ): Promise<{
    found: Map<OnboardingAutoCheck, OnboardingEvidence>;
    shift?: ReaderShift;
  }> {
    const found = new Map<OnboardingAutoCheck, OnboardingEvidence>();
    const user = await this.options.catalog.getEntityByRef(userRef, {
      credentials,
    });
    if (!user) return { found };
    if (checks.has('first-production-change')) {
      const first = await this.firstProductionChange(user);
      if (first) found.set('first-production-change', first);
    }
    const shifts = await this.shiftsOf(user, userRef, credentials, now);
    const first = shifts.find(s => s.from <= now);
    if (first && checks.has('first-oncall-shift')) {
      found.set('first-oncall-shift', {
        at: new Date(first.from).toISOString(),
        entityRef: first.entityRef,
        level: first.level,
        ...(first.scheduleName ? { title: first.scheduleName } : {}),
      });
    }
    const shift =
      shifts.find(s => s.from <= now && now < s.until) ??
      shifts.find(s => s.from > now);
    return { found, ...(shift ? { shift } : {}) };
  }

  private async firstProductionChange(
    user: Entity,
  ): Promise<OnboardingEvidence | undefined> {
    const email = (user.spec?.profile as { email?: string } | undefined)?.email;
    if (!email) return undefined;
    const first = await this.options.events.firstDeploymentAuthoredBy(
      email,
      d => d.finishedAt !== undefined && this.isProduction(d.environment),
    );
    if (!first) return undefined;
    return {
      at: new Date(first.finishedAt!).toISOString(),
      ...(first.title ? { title: first.title } : {}),
      ...(first.url ? { url: first.url } : {}),
    };
  }

  /** The reader's shifts on their teams and the services those own, earliest first. */
  private async shiftsOf(
    user: Entity,
    userRef: string,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<ReaderShift[]> {
    const teams = relationTargets(user, 'memberOf', 'group');
    if (!teams.length) return [];
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'Component', 'relations.ownedBy': teams },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
        limit: MAX_SERVICES,
      },
      { credentials },
    );
    const refs = [...teams, ...items.map(e => stringifyEntityRef(e))];
    const answers = await Promise.all(
      refs.map(ref =>
        this.options
          .shifts(ref, {
            from: now - SHIFTS_BACK,
            to: now + SHIFTS_AHEAD,
            credentials,
          })
          .catch(() => undefined),
      ),
    );
    const mine: ReaderShift[] = [];
    answers.forEach((answer, i) => {
      for (const item of answer?.items ?? []) {
        if (item.person.userRef !== userRef) continue;
        mine.push({
          entityRef: stringifyEntityRef(parseEntityRef(refs[i])),
          from: Date.parse(item.from),
          until: Date.parse(item.until),
          level: item.level,
          ...(item.scheduleName ? { scheduleName: item.scheduleName } : {}),
        });
      }
    });
    return mine.sort((a, b) => a.from - b.from);
  }
}
