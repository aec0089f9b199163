import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  OnboardingAutoCheck,
  OnboardingEvidence,
} from '@opsdeck/backstage-plugin-common';
import { SafeLink } from '../shared/SafeLink';
import { formatDay, useOpsDeckFormat } from '../shared/format';

/**
 * What an automatic check found, in words: "your change shipped in “Deploy 3f2a1c9” on 30 Nov"
 * (the deployment linked when it has an http(s) link), or "your first shift: level 2 on
 * Checkout API from 30 Nov".
 *
 * @internal
 */
export function EvidenceWords(props: {
  check: OnboardingAutoCheck;
  evidence: OnboardingEvidence;
}) {
  const { t } = useOpsDeckFormat();
  const { check, evidence } = props;
  const date = formatDay(evidence.at);
  if (check === 'first-oncall-shift') {
    const level = t('shift.level', { level: String(evidence.level ?? 1) });
    return (
      <>
        {evidence.entityRef
          ? t('quests.evidence.shift', {
              level,
              date,
              entity: <EntityRefLink entityRef={evidence.entityRef} />,
            })
          : t('quests.evidence.shiftNoEntity', { level, date })}
      </>
    );
  }
  return (
    <>
      {evidence.title
        ? t('quests.evidence.change', {
            date,
            title: <SafeLink url={evidence.url}>{evidence.title}</SafeLink>,
          })
        : t('quests.evidence.changeUntitled', { date })}
    </>
  );
}
