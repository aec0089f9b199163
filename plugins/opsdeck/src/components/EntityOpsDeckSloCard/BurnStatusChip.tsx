import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import FiberManualRecordIcon from '@material-ui/icons/FiberManualRecord';
import {
  BurnStatus,
  DEFAULT_BURN_RULES,
} from '@opsdeck/backstage-plugin-common';
import { useOpsDeckFormat } from '../shared/format';
import { Term } from '../shared/glossary';
import { formatBurnRules } from './sloFormat';

const statusColor = (theme: Theme, status: BurnStatus): string | undefined =>
  ({
    page: theme.palette.error.main,
    ticket: theme.palette.warning.main,
    ok: theme.palette.success.main,
    'no-data': undefined,
  }[status]);

// Outlined, the status's colour on the border and the dot and the label in the text colour, as
// the tier chips: readable in the light and the dark theme (WCAG contrast), and never told by
// colour alone — the label says it.
const useStyles = makeStyles(theme => ({
  chip: (props: { status: BurnStatus }) => ({
    cursor: 'inherit',
    borderColor: statusColor(theme, props.status),
  }),
  dot: (props: { status: BurnStatus }) => ({
    color: `${statusColor(theme, props.status)} !important`,
  }),
}));

/**
 * What an objective's burn rates call for — Page, Ticket, OK or No data — as a chip whose
 * tooltip says what it means and the multi-window rules behind it; it links to the glossary's
 * burn rate.
 */
export function BurnStatusChip(props: { status: BurnStatus }) {
  const { status } = props;
  const classes = useStyles({ status });
  const { t } = useOpsDeckFormat();
  const definition = (
    <>
      {t(`sloCard.status.${status}.means`)}
      <br />
      {t('sloCard.status.rules', {
        page: formatBurnRules(DEFAULT_BURN_RULES.page, t),
        ticket: formatBurnRules(DEFAULT_BURN_RULES.ticket, t),
      })}
    </>
  );
  return (
    <Term definition={definition} anchor="burn-rate" plain>
      <Chip
        size="small"
        variant="outlined"
        className={classes.chip}
        icon={
          status === 'no-data' ? undefined : (
            <FiberManualRecordIcon className={classes.dot} />
          )
        }
        label={t(`sloCard.status.${status}.label`)}
        data-testid="opsdeck-slo-status"
      />
    </Term>
  );
}
