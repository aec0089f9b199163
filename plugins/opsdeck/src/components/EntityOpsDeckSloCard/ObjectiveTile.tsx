import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  SloAnswer,
  SloObjectiveAnswer,
} from '@opsdeck/backstage-plugin-common';
import { useOpsDeckFormat } from '../shared/format';
import { Term } from '../shared/glossary';
import { BurnStatusChip } from './BurnStatusChip';
import { Queries, QueryHint } from './Queries';
import {
  formatApproxDuration,
  formatBudgetShare,
  formatBurn,
  formatCount,
  formatLookback,
  formatSli,
  formatTarget,
  formatWindow,
} from './sloFormat';

/** Below this share of the budget left the bar turns to the warning colour. */
const LOW_BUDGET = 0.25;

const useStyles = makeStyles(theme => ({
  tile: {
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.75),
    // links inside sentences are underlined, not told apart by colour alone (WCAG 1.4.1)
    '& a': { textDecoration: 'underline' },
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  numbers: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: theme.spacing(2),
  },
  value: { fontWeight: 600 },
  bar: { height: 8, borderRadius: 4 },
  healthy: { backgroundColor: theme.palette.success.main },
  low: { backgroundColor: theme.palette.warning.main },
  rates: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': {
      textAlign: 'left',
      padding: theme.spacing(0.25, 0.75, 0.25, 0),
      fontWeight: 'normal',
      ...theme.typography.body2,
    },
    '& th': { color: theme.palette.text.secondary },
    '& caption': {
      captionSide: 'top',
      textAlign: 'left',
      ...theme.typography.caption,
      color: theme.palette.text.secondary,
    },
  },
  fast: { fontWeight: 600 },
  muted: { color: theme.palette.text.secondary },
}));

type T = ReturnType<typeof useOpsDeckFormat>['t'];

/** When the budget runs out at the last hour's rate, in words. */
function exhaustionText(objective: SloObjectiveAnswer, t: T): string {
  const { budget, timeToExhaustionMs, burnRates } = objective;
  if (budget?.exhausted || timeToExhaustionMs === 0) {
    return t('sloCard.exhaustion.already');
  }
  if (timeToExhaustionMs !== null) {
    return t('sloCard.exhaustion.in', {
      duration: formatApproxDuration(timeToExhaustionMs, t),
    });
  }
  const lastHour = burnRates.find(b => b.lookback === '1h');
  return lastHour && lastHour.rate !== null
    ? t('sloCard.exhaustion.notBurning')
    : t('sloCard.exhaustion.noRecentData');
}

/** The budget left as a bar, with the share left or, once exhausted, how much was spent. */
function BudgetBar(props: { objective: SloObjectiveAnswer }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const budget = props.objective.budget!;
  const remainingMs = props.objective.remainingMs;
  const left = Math.min(100, Math.max(0, budget.remaining * 100));
  return (
    <div data-testid="opsdeck-slo-budget">
      <Typography variant="body2" component="p">
        <Term definition={t('sloCard.budget.definition')} anchor="error-budget">
          {t('sloCard.budget.label')}
        </Term>
        {': '}
        <span className={classes.value} data-testid="opsdeck-slo-budget-text">
          {budget.exhausted
            ? t('sloCard.budget.exhausted', {
                spent: formatBudgetShare(budget.consumed, t),
              })
            : t('sloCard.budget.left', {
                left: formatBudgetShare(budget.remaining, t),
              })}
        </span>
      </Typography>
      <LinearProgress
        variant="determinate"
        value={left}
        className={classes.bar}
        classes={{
          bar: budget.remaining >= LOW_BUDGET ? classes.healthy : classes.low,
        }}
        aria-label={t('sloCard.budget.bar')}
        aria-valuetext={t('sloCard.budget.left', {
          left: formatBudgetShare(Math.max(0, budget.remaining), t),
        })}
      />
      {!budget.exhausted && remainingMs !== null && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="opsdeck-slo-budget-time"
        >
          {t('sloCard.budget.timeLeft', {
            duration: formatApproxDuration(remainingMs, t),
          })}
        </Typography>
      )}
    </div>
  );
}

/** The burn rate over each lookback; "no data" where a lookback had no events. */
function BurnRates(props: { objective: SloObjectiveAnswer }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { burnRates } = props.objective;
  return (
    <table className={classes.rates} data-testid="opsdeck-slo-burn-rates">
      <caption>
        <Term definition={t('sloCard.burn.definition')} anchor="burn-rate">
          {t('sloCard.burn.caption')}
        </Term>
      </caption>
      <thead>
        <tr>
          {burnRates.map(b => (
            <th key={b.lookback} scope="col">
              {formatLookback(b.lookback, t)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          {burnRates.map(b => (
            <td
              key={b.lookback}
              data-testid={`opsdeck-slo-burn-${b.lookback}`}
              className={b.rate !== null && b.rate >= 1 ? classes.fast : ''}
            >
              <QueryHint
                title={t('sloCard.burn.over', {
                  lookback: formatLookback(b.lookback, t),
                })}
                queries={b.queries}
              >
                {b.rate === null ? (
                  <span className={classes.muted}>{t('sloCard.noData')}</span>
                ) : (
                  formatBurn(b.rate, t)
                )}
              </QueryHint>
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

/**
 * One objective: what it promises and its target, the SLI over the window, the budget left (as
 * a bar and as time), the burn-rate status, the burn rate per lookback, when the budget runs
 * out, and the queries behind every number.
 */
export function ObjectiveTile(props: {
  slo: SloAnswer;
  objective: SloObjectiveAnswer;
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { slo, objective } = props;
  const over = formatWindow(slo.windowMs, t);
  return (
    <div className={classes.tile} data-testid="opsdeck-slo-objective">
      <div className={classes.head}>
        <Typography variant="body1" component="h4" className={classes.value}>
          {objective.displayName}
        </Typography>
        <BurnStatusChip status={objective.status} />
      </div>
      <Typography variant="body2" component="div" className={classes.numbers}>
        <span data-testid="opsdeck-slo-sli">
          <Term definition={t('sloCard.sli.definition')} anchor="sli">
            {t('sloCard.sli.label')}
          </Term>{' '}
          {objective.sli === null ? (
            <span className={classes.value}>{t('sloCard.noData')}</span>
          ) : (
            <QueryHint
              title={t('sloCard.sli.counts', {
                good: formatCount(objective.window.good),
                total: formatCount(objective.window.total),
                window: over,
              })}
              queries={objective.window.queries}
            >
              <span className={classes.value}>
                {formatSli(objective.sli, objective.target, t)}
              </span>
            </QueryHint>
          )}
        </span>
        <span data-testid="opsdeck-slo-target">
          {t('sloCard.target', {
            target: formatTarget(objective.target, t),
          })}
        </span>
      </Typography>
      {objective.budget ? (
        <BudgetBar objective={objective} />
      ) : (
        <Typography variant="body2" data-testid="opsdeck-slo-no-data">
          {t('sloCard.noDataOver', { window: over })}
        </Typography>
      )}
      {objective.budget && (
        <Typography variant="body2" data-testid="opsdeck-slo-exhaustion">
          {exhaustionText(objective, t)}
        </Typography>
      )}
      <BurnRates objective={objective} />
      <Queries
        groups={[
          {
            label: t('sloCard.queries.window', { window: over }),
            queries: objective.window.queries,
          },
          ...objective.burnRates.map(b => ({
            label: t('sloCard.burn.over', {
              lookback: formatLookback(b.lookback, t),
            }),
            queries: b.queries,
          })),
        ]}
      />
    </div>
  );
}
