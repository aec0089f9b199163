import { Knex } from 'knex';

/**
 * Onboarding checklist progress per user: the only place that speaks SQL for it.
 *
 * @internal
 */
export class DatabaseOnboardingStore {
  constructor(private readonly db: Knex) {}

  /** The steps a user has ticked, step id → when (epoch ms). */
  async progressOf(userRef: string): Promise<Map<string, number>> {
    const rows = await this.db('opsdeck_onboarding_progress')
      .where('user_ref', userRef)
      .select('step_id', 'done_at');
    return new Map(rows.map(r => [String(r.step_id), Number(r.done_at)]));
  }

  /** Ticks (keeping the first tick's time) or unticks one step. */
  async setStep(
    userRef: string,
    stepId: string,
    done: boolean,
    now = Date.now(),
  ): Promise<void> {
    if (done) {
      await this.db('opsdeck_onboarding_progress')
        .insert({ user_ref: userRef, step_id: stepId, done_at: now })
        .onConflict(['user_ref', 'step_id'])
        .ignore();
    } else {
      await this.db('opsdeck_onboarding_progress')
        .where({ user_ref: userRef, step_id: stepId })
        .delete();
    }
  }
}
