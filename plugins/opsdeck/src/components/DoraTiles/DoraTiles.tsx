import { Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import {
  DORA_METRIC_NAMES,
  DoraMetricName,
  DoraMetrics,
  compareWindows,
} from '@opsdeck/backstage-plugin-common';
import { TierChip } from '../shared/TierChip';
import {
  METRIC_TITLES,
  NULL_REASONS,
  formatChange,
  formatMetricValue,
} from '../shared/format';

const useStyles = makeStyles(theme => ({
  tile: {
    height: '100%',
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    '& a': { textDecoration: 'underline' },
  },
  value: { fontWeight: 600 },
  better: { color: theme.palette.success.main },
  worse: { color: theme.palette.error.main },
  change: {
    display: 'flex',
    alignItems: 'center',
    gap: 2,
    color: theme.palette.text.secondary,
  },
  arrow: { fontSize: '1rem' },
}));

/** Where the README explains what to send; `opsdeck.docsUrl` overrides the default. */
export function useDocsUrl(): string {
  const config = useApi(configApiRef);
  return (
    config.getOptionalString('opsdeck.docsUrl') ??
    'https://github.com/opsdeck/opsdeck/blob/main/README.md'
  );
}

function TrendArrow(props: { up: boolean; trend: 'better' | 'worse' }) {
  const classes = useStyles();
  const Arrow = props.up ? ArrowUpwardIcon : ArrowDownwardIcon;
  return (
    <Arrow
      className={`${classes.arrow} ${classes[props.trend]}`}
      titleAccess={props.trend}
    />
  );
}

function MetricTile(props: {
  name: DoraMetricName;
  current: DoraMetrics;
  previous?: DoraMetrics;
  firstEventAt?: number | null;
}) {
  const classes = useStyles();
  const docsUrl = useDocsUrl();
  const { name, current, previous } = props;
  const metric = current[name];
  const before = previous?.[name].value ?? null;
  const { trend } = previous
    ? compareWindows(name, current, previous, props.firstEventAt ?? null)
    : { trend: 'not-enough-history' as const };
  const reason = metric.reason ? NULL_REASONS[metric.reason] : undefined;
  return (
    <div className={classes.tile} data-testid={`opsdeck-dora-${name}`}>
      <Typography variant="body2" color="textSecondary" component="h3">
        {METRIC_TITLES[name]}
      </Typography>
      {metric.value === null ? (
        <>
          <Typography
            variant="h6"
            component="p"
            data-testid={`opsdeck-dora-${name}-value`}
          >
            —
          </Typography>
          <Typography
            variant="body2"
            data-testid={`opsdeck-dora-${name}-reason`}
          >
            {reason?.text ?? metric.reason}
          </Typography>
          {reason?.fix && (
            <Typography variant="caption" color="textSecondary">
              {reason.fix}{' '}
              {reason.anchor && (
                <Link to={`${docsUrl}#${reason.anchor}`}>How to send it</Link>
              )}
            </Typography>
          )}
        </>
      ) : (
        <>
          <Typography
            variant="h6"
            component="p"
            className={classes.value}
            data-testid={`opsdeck-dora-${name}-value`}
          >
            {formatMetricValue(name, metric.value)}
          </Typography>
          <div>
            <TierChip
              tier={metric.tier}
              notBenchmarked={metric.tierReason === 'not-benchmarked'}
            />
          </div>
          <Typography
            variant="caption"
            className={classes.change}
            data-testid={`opsdeck-dora-${name}-change`}
          >
            {trend === 'not-enough-history' || before === null ? (
              'Not enough history to compare'
            ) : (
              <>
                {(trend === 'better' || trend === 'worse') && (
                  <TrendArrow up={metric.value > before} trend={trend} />
                )}
                {formatChange(name, metric.value, before)} vs previous window
              </>
            )}
          </Typography>
        </>
      )}
    </div>
  );
}

/**
 * The five DORA metrics and MTTR as tiles: value (or why there is none and what to send),
 * tier, and the change against the previous window.
 *
 * @internal
 */
export function DoraTiles(props: {
  current: DoraMetrics;
  previous?: DoraMetrics;
  /** The scope's earliest event: windows are compared only when it precedes the previous one. */
  firstEventAt?: number | null;
  /** Tiles per row on wide screens. */
  columns?: 2 | 3 | 6;
}) {
  const columns = props.columns ?? 3;
  return (
    <Grid container spacing={1}>
      {DORA_METRIC_NAMES.map(name => (
        <Grid item xs={12} sm={6} md={(12 / columns) as 2 | 4 | 6} key={name}>
          <MetricTile
            name={name}
            current={props.current}
            previous={props.previous}
            firstEventAt={props.firstEventAt}
          />
        </Grid>
      ))}
    </Grid>
  );
}
