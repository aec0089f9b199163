import Typography from '@material-ui/core/Typography';
import { DerivationState } from '@opsdeck/backstage-plugin-common';
import { formatInstant, useOpsDeckFormat } from './format';

/**
 * How fresh numbers built on derived data are: the newest event they include, and how many
 * accepted events are still being counted (they appear within seconds; reload to see them).
 *
 * @internal
 */
export function DerivedThrough(props: { state: DerivationState }) {
  const { t } = useOpsDeckFormat();
  const { derivedThrough, pendingEvents } = props.state;
  if (derivedThrough === undefined && pendingEvents === undefined) return null;
  const parts: string[] = [
    derivedThrough
      ? t('freshness.until', { instant: formatInstant(derivedThrough) })
      : t('freshness.nothing'),
  ];
  if (pendingEvents) {
    parts.push(t('freshness.pending', { count: pendingEvents }));
  }
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="p"
      data-testid="opsdeck-derived-through"
    >
      {parts.join(' · ')}.
    </Typography>
  );
}
