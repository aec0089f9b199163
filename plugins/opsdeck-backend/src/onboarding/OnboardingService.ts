import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  OnboardingAutoCheck,
  OnboardingProgress,
  OnboardingQuest,
  OnboardingStepProgress,
} from '@opsdeck/backstage-plugin-common';
import { DatabaseOnboardingStore } from '../store/DatabaseOnboardingStore';
import { OnboardingAutoChecks } from './autoChecks';

/**
 * The onboarding quests (`opsdeck.onboarding.quests`, with the former checklist as one quest)
 * with each user's progress: steps ticked by hand, and steps whose automatic check found the
 * evidence (a change of theirs in production, their first on-call shift). Progress belongs to
 * the signed-in user: nobody reads or changes another user's.
 *
 * @internal
 */
export class OnboardingService {
  private readonly checks: Set<OnboardingAutoCheck>;

  constructor(
    private readonly options: {
      store: DatabaseOnboardingStore;
      quests: OnboardingQuest[];
      autoChecks?: OnboardingAutoChecks;
    },
  ) {
    this.checks = new Set(
      options.quests.flatMap(q =>
        q.steps.flatMap(s => (s.auto ? [s.auto] : [])),
      ),
    );
  }

  async getProgress(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<OnboardingProgress> {
    const userRef = credentials.principal.userEntityRef;
    const now = Date.now();
    const [ticks, evaluated] = await Promise.all([
      this.options.store.progressOf(userRef),
      this.options.autoChecks?.evaluate(userRef, this.checks, credentials, now),
    ]);
    const quests = this.options.quests.map(quest => {
      const steps = quest.steps.map((step): OnboardingStepProgress => {
        const evidence = step.auto
          ? evaluated?.found.get(step.auto)
          : undefined;
        const doneAt = ticks.get(step.id);
        if (evidence) {
          return {
            ...step,
            done: true,
            doneAt: evidence.at,
            doneBy: 'auto',
            evidence,
            kept: doneAt !== undefined,
          };
        }
        return doneAt === undefined
          ? { ...step, done: false }
          : {
              ...step,
              done: true,
              doneAt: new Date(doneAt).toISOString(),
              doneBy: 'you',
              kept: true,
            };
      });
      return {
        ...quest,
        steps,
        done: steps.filter(s => s.done).length,
        total: steps.length,
      };
    });
    const steps = quests.flatMap(q => q.steps);
    const shift = evaluated?.shift;
    return {
      userRef,
      quests,
      steps,
      done: steps.filter(s => s.done).length,
      total: steps.length,
      ...(shift
        ? {
            shift: {
              entityRef: shift.entityRef,
              from: new Date(shift.from).toISOString(),
              until: new Date(shift.until).toISOString(),
              level: shift.level,
              ...(shift.scheduleName
                ? { scheduleName: shift.scheduleName }
                : {}),
              now: shift.from <= now && now < shift.until,
            },
          }
        : {}),
    };
  }

  /** Ticks or unticks one step of the caller's own progress. */
  async setStep(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    body: unknown,
  ): Promise<OnboardingProgress> {
    const { step, done, userRef } = (body ?? {}) as Record<string, unknown>;
    const caller = credentials.principal.userEntityRef;
    if (userRef !== undefined && userRef !== caller) {
      throw new NotAllowedError(
        `Onboarding progress belongs to its user: you are ${caller}, not ${String(
          userRef,
        )}`,
      );
    }
    const ids = this.options.quests.flatMap(q => q.steps.map(s => s.id));
    if (typeof step !== 'string' || !ids.includes(step)) {
      throw new InputError(
        `step: no onboarding step ${JSON.stringify(step)}; the steps are ${
          ids.join(', ') ||
          'none (opsdeck.onboarding.quests and .checklist are empty)'
        }`,
      );
    }
    if (typeof done !== 'boolean') {
      throw new InputError('done: must be true or false');
    }
    await this.options.store.setStep(caller, step, done);
    return this.getProgress(credentials);
  }
}
