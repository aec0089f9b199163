import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import FiberManualRecordIcon from '@material-ui/icons/FiberManualRecord';
import { DoraTier } from '@opsdeck/backstage-plugin-common';
import { TIER_LABELS } from './format';

export const tierColor = (theme: Theme, tier: DoraTier): string =>
  ({
    elite: theme.palette.success.main,
    high: theme.palette.info.main,
    medium: theme.palette.warning.main,
    low: theme.palette.error.main,
  }[tier]);

// Outlined with the tier's colour on the border and dot, the label in the text colour: readable
// (WCAG contrast) in the light and the dark theme alike.
const useStyles = makeStyles(theme => ({
  chip: (props: { tier: DoraTier | null }) =>
    props.tier ? { borderColor: tierColor(theme, props.tier) } : {},
  dot: (props: { tier: DoraTier | null }) =>
    props.tier ? { color: `${tierColor(theme, props.tier)} !important` } : {},
}));

/** A DORA tier as a chip; "not benchmarked" or "no tier" without one. */
export function TierChip(props: {
  tier: DoraTier | null;
  notBenchmarked?: boolean;
}) {
  const { tier, notBenchmarked } = props;
  const classes = useStyles({ tier });
  const untiered = notBenchmarked ? 'not benchmarked' : 'no tier';
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes.chip}
      icon={
        tier ? <FiberManualRecordIcon className={classes.dot} /> : undefined
      }
      label={tier ? TIER_LABELS[tier] : untiered}
      data-testid="opsdeck-tier"
    />
  );
}
