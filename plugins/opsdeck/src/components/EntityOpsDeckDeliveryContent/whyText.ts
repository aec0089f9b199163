import {
  DeploymentExplanation,
  IgnoredRollbackReason,
} from '@opsdeck/backstage-plugin-common';
import { OpsDeckT } from '../../translation';
import { formatDuration } from '../shared/format';

/** `github:103` → `github 103`: a record as people read it. */
const recordName = (key: string) => key.replace(':', ' ');

const list = (keys: readonly string[]) => keys.map(recordName).join(', ');

const IGNORED_ROLLBACK: readonly IgnoredRollbackReason[] = [
  'unknown-target',
  'rollback-not-successful',
  'other-service-or-environment',
  'target-not-earlier',
];

/**
 * Why a deployment counts as it does, in sentences for the timeline: why it failed, what
 * recovered it and when, which changes it shipped first, which tools reported it, and a
 * `rollbackOf` that was ignored. Empty for a plain successful deployment that shipped nothing new.
 */
export function whyLines(
  detail: Record<string, unknown>,
  t: OpsDeckT,
): string[] {
  const why = (detail.why ?? {}) as DeploymentExplanation;
  const lines: string[] = [];
  if (detail.failed && why.failed) {
    const reasons: string[] = [];
    if (why.failed.status) reasons.push(t('why.statusFailed'));
    if (why.failed.rolledBackBy?.length)
      reasons.push(
        t('why.rolledBackBy', { records: list(why.failed.rolledBackBy) }),
      );
    for (const incident of why.failed.incidents ?? []) {
      const record = recordName(incident.key);
      reasons.push(
        incident.by === 'causedBy'
          ? t('why.incidentCause', { record })
          : t('why.incidentWindow', { record }),
      );
    }
    lines.push(t('why.failed', { reasons: reasons.join('; ') }));
    const recovery = detail.recovery;
    let by = '';
    if (why.recoveredBy && 'deployment' in why.recoveredBy)
      by = t('why.byDeployment', {
        record: recordName(why.recoveredBy.deployment),
      });
    else if (why.recoveredBy && 'incidents' in why.recoveredBy)
      by = t('why.byIncidents', {
        count: why.recoveredBy.incidents.length,
        records: list(why.recoveredBy.incidents),
      });
    if (typeof recovery === 'number')
      lines.push(
        t('why.recovered', { duration: formatDuration(recovery, t), by }),
      );
    else if (recovery === 'discarded') lines.push(t('why.discarded', { by }));
    else if (recovery === 'unrecovered') lines.push(t('why.unrecovered'));
  }
  if (why.firstShipped?.length) {
    const n = why.firstShipped.length;
    const shown = why.firstShipped.slice(0, 3).map(s => s.slice(0, 7));
    lines.push(
      t('why.shipped', {
        count: n,
        shas: `${shown.join(', ')}${n > 3 ? ', …' : ''}`,
      }),
    );
  }
  if (why.sources && why.sources.length > 1) {
    lines.push(
      t('why.sources', {
        count: why.sources.length,
        records: list(why.sources),
      }),
    );
  }
  if (why.ignoredRollback && IGNORED_ROLLBACK.includes(why.ignoredRollback)) {
    lines.push(
      t('why.ignoredRollback', {
        reason: t(`why.ignored.${why.ignoredRollback}`),
      }),
    );
  }
  return lines;
}
