import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useOpsDeckFormat } from './format';

const useStyles = makeStyles(theme => ({
  note: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  chip: { borderColor: theme.palette.warning.main },
}));

/**
 * "stale": an SLI provider did not answer and the numbers shown are its last known ones, said
 * in words beside the chip.
 *
 * @internal
 */
export function BudgetStale() {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const text = t('sloViews.stale');
  return (
    <div className={classes.note} data-testid="opsdeck-budget-stale">
      <Chip
        size="small"
        variant="outlined"
        label={t('sloViews.staleChip')}
        className={classes.chip}
      />
      <Typography variant="caption" color="textSecondary">
        {text}
      </Typography>
    </div>
  );
}
