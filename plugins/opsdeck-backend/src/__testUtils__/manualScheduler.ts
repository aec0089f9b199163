import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * Test helper: a scheduler that runs nothing by itself; the test runs each scheduled task by
 * its id (`tasks.get('opsdeck-webhooks-sweep')!()`), when it wants.
 */
export function manualScheduler() {
  const tasks = new Map<string, () => Promise<void>>();
  const factory = mockServices.scheduler.mock({
    scheduleTask: async (
      task: SchedulerServiceTaskScheduleDefinition &
        SchedulerServiceTaskInvocationDefinition,
    ) => {
      tasks.set(task.id, async () => {
        await task.fn(new AbortController().signal);
      });
    },
  }).factory;
  return { tasks, factory };
}
