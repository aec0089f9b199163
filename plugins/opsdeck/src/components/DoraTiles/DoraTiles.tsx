import { Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import {
  DORA_METRIC_NAMES,
  DoraMetricName,
  DoraMetrics,
  DoraNullReason,
  MIN_VALUES_TO_COMPARE,
  compareWindows,
} from '@opsdeck/backstage-plugin-common';
import { ReactNode } from 'react';
import { PlatformTeam } from '../shared/AskPlatformTeam';
import { ForAdmins } from '../shared/ForAdmins';
import { MetricTerm, TierChip } from '../shared/TierChip';
import { WithCode } from '../shared/WithCode';
import {
  GOOD_NULL_REASONS,
  NULL_REASON_ANCHORS,
  isRate,
  useOpsDeckFormat,
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
  hint: {
    textDecoration: 'underline dotted',
    textUnderlineOffset: '3px',
    cursor: 'help',
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
  const { t } = useOpsDeckFormat();
  const Arrow = props.up ? ArrowUpwardIcon : ArrowDownwardIcon;
  return (
    <Arrow
      className={`${classes.arrow} ${classes[props.trend]}`}
      titleAccess={t(`change.${props.trend}`)}
    />
  );
}

/** Text that explains itself on hover and keyboard focus. */
function Hint(props: { title: ReactNode; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Tooltip title={<>{props.title}</>} arrow>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focus shows the explanation */}
      <span tabIndex={0} className={classes.hint}>
        {props.children}
      </span>
    </Tooltip>
  );
}

function MetricTile(props: {
  name: DoraMetricName;
  current: DoraMetrics;
  previous?: DoraMetrics;
  firstEventAt?: number | null;
}) {
  const classes = useStyles();
  const { t, formatMetricValue, formatChange } = useOpsDeckFormat();
  const { name, current, previous } = props;
  const metric = current[name];
  const before = previous?.[name].value ?? null;
  const comparison = previous
    ? compareWindows(name, current, previous, props.firstEventAt ?? null)
    : undefined;
  const trend = comparison?.trend ?? 'not-enough-history';
  const reason = metric.reason as DoraNullReason | undefined;
  const why = () => {
    if (comparison?.reason === 'too-few-values') {
      return t('change.reason.too-few-values', {
        count: MIN_VALUES_TO_COMPARE,
      });
    }
    if (comparison?.reason === 'history-starts-late') {
      return t('change.reason.history-starts-late');
    }
    return t('change.reason.no-previous');
  };
  const change = () => {
    const text = t('change.vsPrevious', {
      change: formatChange(name, metric.value!, before!),
    });
    return isRate(name) ? (
      <Hint title={t('change.pointsHint')}>{text}</Hint>
    ) : (
      text
    );
  };
  return (
    <div className={classes.tile} data-testid={`opsdeck-dora-${name}`}>
      <Typography variant="body2" color="textSecondary" component="h3">
        <MetricTerm name={name} />
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
            {reason ? t(`nullReasons.${reason}.text`) : metric.reason}
          </Typography>
          {reason && !GOOD_NULL_REASONS.has(reason) && (
            <Typography variant="caption" color="textSecondary">
              {askText(reason, t)}
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
              metric={name}
              benchmark={current.benchmark}
            />
          </div>
          <Typography
            variant="caption"
            className={classes.change}
            data-testid={`opsdeck-dora-${name}-change`}
          >
            {trend === 'not-enough-history' || before === null ? (
              <Hint title={why()}>{t('change.notEnoughHistory')}</Hint>
            ) : (
              <>
                {(trend === 'better' || trend === 'worse') && (
                  <TrendArrow up={metric.value > before} trend={trend} />
                )}
                {change()}
              </>
            )}
          </Typography>
        </>
      )}
    </div>
  );
}

type T = ReturnType<typeof useOpsDeckFormat>['t'];

/** What a reader without admin rights can do about a missing value: whom to ask. */
function askText(reason: DoraNullReason, t: T): ReactNode {
  switch (reason) {
    case 'no-deployments-ever':
    case 'none-in-window':
    case 'no-changes':
    case 'no-incidents':
      return t(`nullReasons.${reason}.ask`, { whom: <PlatformTeam /> });
    case 'none-recovered':
      return t('nullReasons.none-recovered.ask');
    default:
      return null;
  }
}

/** How to fix the missing values, once per reason, for admins. */
function NullReasonFixes(props: { metrics: DoraMetrics }) {
  const { t } = useOpsDeckFormat();
  const docsUrl = useDocsUrl();
  const fixable = [
    'no-deployments-ever',
    'none-in-window',
    'no-changes',
    'no-incidents',
  ] as const;
  const reasons = fixable.filter(reason =>
    DORA_METRIC_NAMES.some(
      name =>
        props.metrics[name].value === null &&
        props.metrics[name].reason === reason,
    ),
  );
  if (reasons.length === 0) return null;
  return (
    <ForAdmins testId="opsdeck-dora-fixes">
      {reasons.map(reason => (
        <p key={reason} style={{ margin: '4px 0' }}>
          <WithCode text={t(`nullReasons.${reason}.fix`)} />{' '}
          {NULL_REASON_ANCHORS[reason] && (
            <Link to={`${docsUrl}#${NULL_REASON_ANCHORS[reason]}`}>
              {t('nullReasons.howToSend')}
            </Link>
          )}
        </p>
      ))}
    </ForAdmins>
  );
}

/**
 * The five DORA metrics and MTTR as tiles: value (or why there is none and whom to ask), tier,
 * and the change against the previous window; how to fix missing values for admins.
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
    <>
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
      <NullReasonFixes metrics={props.current} />
    </>
  );
}
