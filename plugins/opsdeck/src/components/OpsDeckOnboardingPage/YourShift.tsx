import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { OnboardingShift } from '@opsdeck/backstage-plugin-common';
import { formatShiftTime } from '../shared/OnCallLevels';
import { TextWithRefs } from '../shared/TextWithRefs';
import { formatRelative, useOpsDeckFormat } from '../shared/format';

/**
 * The reader's on-call shift in words: "You are on call now: level 2 for Checkout API until
 * Mon 7 Dec 09:00" or "Your next shift: …", what the level means, and the schedule.
 *
 * @internal
 */
export function YourShift(props: {
  shift?: OnboardingShift;
  /** The heading's variant: the page's banner reads larger than a card's line. */
  variant?: 'h6' | 'body1';
}) {
  const { t } = useOpsDeckFormat();
  const { shift } = props;
  if (!shift) {
    return (
      <Typography variant="body2" data-testid="opsdeck-your-shift-none">
        {t('shift.none')}
      </Typography>
    );
  }
  const level = t('shift.level', { level: String(shift.level) });
  const entity = <EntityRefLink entityRef={shift.entityRef} />;
  return (
    <div data-testid="opsdeck-your-shift">
      <Typography variant={props.variant ?? 'body1'} component="p">
        {shift.now
          ? t('shift.now', {
              level,
              entity,
              until: formatShiftTime(shift.until),
            })
          : t('shift.next', {
              level,
              entity,
              from: formatShiftTime(shift.from),
              until: formatShiftTime(shift.until),
              relative: formatRelative(shift.from),
            })}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {shift.level >= 2
          ? t('shift.shadow', { level: String(shift.level) })
          : t('shift.primary')}
        {shift.scheduleName && (
          <>
            {' '}
            {t('shift.schedule', {
              schedule: <TextWithRefs text={shift.scheduleName} />,
            })}
          </>
        )}
      </Typography>
    </div>
  );
}
