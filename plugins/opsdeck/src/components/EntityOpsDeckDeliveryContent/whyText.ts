import {
  DeploymentExplanation,
  IgnoredRollbackReason,
} from '@opsdeck/backstage-plugin-common';
import { formatDuration } from '../shared/format';

const IGNORED_ROLLBACK: Record<IgnoredRollbackReason, string> = {
  'unknown-target': 'OpsDeck has no deployment with that id (yet)',
  'rollback-not-successful': 'the rollback itself did not succeed',
  'other-service-or-environment':
    'the target is another service or environment',
  'target-not-earlier': 'the target did not finish before it',
};

/** `github:103` → `github 103`: a record as people read it. */
const recordName = (key: string) => key.replace(':', ' ');

const list = (keys: readonly string[]) => keys.map(recordName).join(', ');

/**
 * Why a deployment counts as it does, in sentences for the timeline: why it failed, what
 * recovered it and when, which changes it shipped first, which tools reported it, and a
 * `rollbackOf` that was ignored. Empty for a plain successful deployment that shipped nothing new.
 */
export function whyLines(detail: Record<string, unknown>): string[] {
  const why = (detail.why ?? {}) as DeploymentExplanation;
  const lines: string[] = [];
  if (detail.failed && why.failed) {
    const reasons: string[] = [];
    if (why.failed.status) reasons.push('its status was a failure');
    if (why.failed.rolledBackBy?.length)
      reasons.push(`rolled back by ${list(why.failed.rolledBackBy)}`);
    for (const incident of why.failed.incidents ?? []) {
      reasons.push(
        incident.by === 'causedBy'
          ? `incident ${recordName(incident.key)} names it as the cause`
          : `incident ${recordName(
              incident.key,
            )} opened within the attribution window after it`,
      );
    }
    lines.push(`Failed: ${reasons.join('; ')}.`);
    const recovery = detail.recovery;
    let by = '';
    if (why.recoveredBy && 'deployment' in why.recoveredBy)
      by = ` by the next successful deployment, ${recordName(
        why.recoveredBy.deployment,
      )}`;
    else if (why.recoveredBy && 'incidents' in why.recoveredBy)
      by = ` when ${list(why.recoveredBy.incidents)} ${
        why.recoveredBy.incidents.length > 1 ? 'were' : 'was'
      } resolved`;
    if (typeof recovery === 'number')
      lines.push(`Recovered after ${formatDuration(recovery)}${by}.`);
    else if (recovery === 'discarded')
      lines.push(
        `Recovery left out of the median: it ended no later than the deployment itself${by}.`,
      );
    else if (recovery === 'unrecovered') lines.push('Not recovered yet.');
  }
  if (why.firstShipped?.length) {
    const n = why.firstShipped.length;
    const shown = why.firstShipped.slice(0, 3).map(s => s.slice(0, 7));
    lines.push(
      `Shipped ${n} change${n > 1 ? 's' : ''} first (${shown.join(', ')}${
        n > 3 ? ', …' : ''
      }): ${n > 1 ? 'their' : 'its'} lead time ends here.`,
    );
  }
  if (why.sources && why.sources.length > 1) {
    lines.push(
      `One rollout reported by ${why.sources.length} tools: ${list(
        why.sources,
      )}; counted once.`,
    );
  }
  if (why.ignoredRollback) {
    lines.push(
      `Its rollbackOf was ignored: ${IGNORED_ROLLBACK[why.ignoredRollback]}.`,
    );
  }
  return lines;
}
