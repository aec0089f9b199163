import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  OnboardingProgress,
  OnboardingStep,
} from '@opsdeck/backstage-plugin-common';
import { DatabaseOnboardingStore } from '../store/DatabaseOnboardingStore';

/**
 * The onboarding checklist (`opsdeck.onboarding.checklist`) with each user's ticks. Progress
 * belongs to the signed-in user: nobody reads or changes another user's.
 *
 * @internal
 */
export class OnboardingService {
  constructor(
    private readonly options: {
      store: DatabaseOnboardingStore;
      checklist: OnboardingStep[];
    },
  ) {}

  async getProgress(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<OnboardingProgress> {
    const userRef = credentials.principal.userEntityRef;
    const ticks = await this.options.store.progressOf(userRef);
    const steps = this.options.checklist.map(step => {
      const doneAt = ticks.get(step.id);
      return {
        ...step,
        done: doneAt !== undefined,
        ...(doneAt !== undefined
          ? { doneAt: new Date(doneAt).toISOString() }
          : {}),
      };
    });
    return {
      userRef,
      steps,
      done: steps.filter(s => s.done).length,
      total: steps.length,
    };
  }

  /** Ticks or unticks one step of the caller's own checklist. */
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
    const ids = this.options.checklist.map(s => s.id);
    if (typeof step !== 'string' || !ids.includes(step)) {
      throw new InputError(
        `step: no checklist step ${JSON.stringify(step)}; the steps are ${
          ids.join(', ') || 'none (opsdeck.onboarding.checklist is empty)'
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
