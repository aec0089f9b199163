import Typography from '@material-ui/core/Typography';
import { DerivationState } from '@opsdeck/backstage-plugin-common';
import { formatInstant } from './format';

/**
 * How fresh numbers built on derived data are: the newest event they include, and how many
 * accepted events are still being counted (they appear within seconds; reload to see them).
 *
 * @internal
 */
export function DerivedThrough(props: { state: DerivationState }) {
  const { derivedThrough, pendingEvents } = props.state;
  if (derivedThrough === undefined && pendingEvents === undefined) return null;
  const parts = [
    derivedThrough
      ? `Counts events received until ${formatInstant(derivedThrough)}`
      : 'No events counted yet',
  ];
  if (pendingEvents) {
    parts.push(
      `${pendingEvents} newer event${
        pendingEvents > 1 ? 's are' : ' is'
      } still being counted — reload in a moment`,
    );
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
