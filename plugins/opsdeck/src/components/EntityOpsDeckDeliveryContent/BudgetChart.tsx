import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { Theme, makeStyles, useTheme } from '@material-ui/core/styles';
import { ReactElement } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { OpsDeckT } from '../../translation';
import {
  formatInstant,
  formatNumber,
  formatPercent,
  formatUtcDay,
  useOpsDeckFormat,
} from '../shared/format';
import { BudgetChartData, BudgetRow } from './budgetChartData';
import { formatBurnRate } from './budgetText';
import { statusLabel } from './EventRow';

const DAY = 86_400_000;
const hourFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
    ...theme.typography.caption,
  },
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: 6 },
  tooltip: { padding: theme.spacing(1, 1.5), maxWidth: 320 },
}));

type MarkerKind = 'deployment' | 'flagged' | 'incident';

/** The markers' colours: a warning is not told by colour alone, each kind has its own shape. */
function markerColor(theme: Theme, kind: MarkerKind): string {
  if (kind === 'flagged') return theme.palette.error.main;
  if (kind === 'incident') return theme.palette.warning.main;
  return theme.palette.primary.main;
}

/** A deployment is a dot, a flagged one a triangle, an incident a square. */
function MarkerShape(props: {
  kind: MarkerKind;
  cx: number;
  cy: number;
  color: string;
  outline: string;
}) {
  const { kind, cx, cy, color, outline } = props;
  if (kind === 'flagged') {
    return (
      <path
        d={`M${cx},${cy - 7} L${cx + 6.5},${cy + 5} L${cx - 6.5},${cy + 5} Z`}
        fill={color}
        stroke={outline}
      />
    );
  }
  if (kind === 'incident') {
    return (
      <rect
        x={cx - 5}
        y={cy - 5}
        width={10}
        height={10}
        fill={color}
        stroke={outline}
      />
    );
  }
  return <circle cx={cx} cy={cy} r={4} fill={color} stroke={outline} />;
}

function markerDot(kind: MarkerKind, color: string, outline: string) {
  return (props: { cx?: number; cy?: number; key?: string }): ReactElement => {
    const { cx, cy, key } = props;
    if (typeof cx !== 'number' || typeof cy !== 'number')
      return <g key={key} />;
    return (
      <g key={key}>
        <MarkerShape
          kind={kind}
          cx={cx}
          cy={cy}
          color={color}
          outline={outline}
        />
      </g>
    );
  };
}

function tooltipLines(row: BudgetRow, t: OpsDeckT): string[] {
  const when = formatInstant(row.t);
  const mark = row.mark;
  if (mark?.kind === 'deployment') {
    const d = mark.deployment;
    return [
      t('sloViews.budget.tooltip.deployment', { title: d.title ?? d.id }),
      [
        when,
        statusLabel(d.status, t),
        d.sha
          ? t('sloViews.budget.tooltip.commit', { sha: d.sha.slice(0, 7) })
          : '',
      ]
        .filter(Boolean)
        .join(' · '),
      d.burnAfter === null
        ? t('sloViews.budget.tooltip.notMeasured')
        : t('sloViews.budget.tooltip.burnAfter', {
            rate: formatBurnRate(d.burnAfter, t),
          }),
    ];
  }
  if (mark?.kind === 'incident') {
    const i = mark.incident;
    return [
      t('sloViews.budget.tooltip.incident', { title: i.title ?? i.id }),
      t('sloViews.budget.tooltip.opened', {
        instant: formatInstant(i.openedAt),
      }),
      i.resolvedAt
        ? t('sloViews.budget.tooltip.resolved', {
            instant: formatInstant(i.resolvedAt),
          })
        : t('sloViews.budget.tooltip.open'),
    ];
  }
  return [
    when,
    t('sloViews.budget.tooltip.remaining', {
      value: formatPercent((row.remaining ?? 0) / 100, t),
    }),
  ];
}

/**
 * What the pointer is on: the budget left at a time, or a deployment (title, commit, status and
 * what the hour after it burned), or an incident.
 *
 * @internal
 */
export function BudgetTooltip(props: {
  active?: boolean;
  payload?: Array<{ payload?: BudgetRow }>;
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const row = props.payload?.[0]?.payload;
  if (!props.active || !row) return null;
  const [first, ...rest] = tooltipLines(row, t);
  return (
    <Paper className={classes.tooltip} data-testid="opsdeck-budget-tooltip">
      <Typography variant="subtitle2">{first}</Typography>
      {rest.map(line => (
        <Typography variant="body2" key={line}>
          {line}
        </Typography>
      ))}
    </Paper>
  );
}

/** The legend, in the page's text (readable without the chart, and by screen readers). */
function Legend() {
  const classes = useStyles();
  const theme = useTheme();
  const { t } = useOpsDeckFormat();
  const outline = theme.palette.background.paper;
  const items: Array<{ kind: MarkerKind | 'remaining'; label: string }> = [
    { kind: 'remaining', label: t('sloViews.budget.legend.remaining') },
    { kind: 'deployment', label: t('sloViews.budget.legend.deployment') },
    { kind: 'flagged', label: t('sloViews.budget.legend.flagged') },
    { kind: 'incident', label: t('sloViews.budget.legend.incident') },
  ];
  return (
    <ul
      className={classes.legend}
      aria-label={t('sloViews.budget.legend.label')}
    >
      {items.map(item => (
        <li key={item.kind} className={classes.legendItem}>
          <svg width={16} height={16} aria-hidden="true">
            {item.kind === 'remaining' ? (
              <line
                x1={1}
                y1={8}
                x2={15}
                y2={8}
                stroke={theme.palette.primary.main}
                strokeWidth={2}
              />
            ) : (
              <MarkerShape
                kind={item.kind}
                cx={8}
                cy={8}
                color={markerColor(theme, item.kind)}
                outline={outline}
              />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * The budget left over the SLO's window (recharts): the curve from 100 % down, a line at 0 %
 * where it is exhausted, OpsDeck's production deployments as dots on the curve (failed ones and
 * those followed by a burn as triangles with a dashed line), incidents as squares over a shaded
 * span. The figure's label says the same in words.
 *
 * @internal
 */
export function BudgetChart(props: {
  data: BudgetChartData;
  /** The SLO's window in words ("28 days"). */
  window: string;
  deployments: number;
  burned: number;
  incidents: number;
}) {
  const theme = useTheme();
  const { t } = useOpsDeckFormat();
  const { data } = props;
  const axis = { fontSize: 11, fill: theme.palette.text.secondary };
  const outline = theme.palette.background.paper;
  const label = t('sloViews.budget.chartLabel', {
    window: props.window,
    remaining: formatPercent(data.remainingNow, t),
    deployments: formatNumber(props.deployments, 0),
    burned: formatNumber(props.burned, 0),
    incidents: formatNumber(props.incidents, 0),
  });
  const markers: MarkerKind[] = ['deployment', 'flagged', 'incident'];
  return (
    <figure
      style={{ margin: 0 }}
      aria-label={label}
      data-testid="opsdeck-budget-chart"
    >
      <div style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer>
          <ComposedChart
            data={data.rows}
            margin={{ top: 12, right: 16, left: 0 }}
          >
            <CartesianGrid
              strokeDasharray="3 3"
              stroke={theme.palette.divider}
              vertical={false}
            />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[data.from, data.to]}
              ticks={data.xTicks}
              tickFormatter={v =>
                data.to - data.from >= 2 * DAY
                  ? formatUtcDay(v)
                  : hourFormat.format(new Date(v))
              }
              tick={axis}
              name={t('sloViews.budget.axisDay')}
            />
            <YAxis
              domain={[data.yMin, 100]}
              ticks={data.yTicks}
              tickFormatter={v =>
                t('units.percent', { value: formatNumber(v, 0) })
              }
              tick={axis}
              width={48}
              name={t('sloViews.budget.axisRemaining')}
            />
            {data.incidentSpans.map(span => (
              <ReferenceArea
                key={`incident-${span.id}`}
                x1={span.from}
                x2={Math.max(span.to, span.from + 1)}
                fill={theme.palette.warning.main}
                fillOpacity={0.12}
                ifOverflow="hidden"
              />
            ))}
            {data.flaggedTimes.map(f => (
              <ReferenceLine
                key={`flagged-${f.id}`}
                x={f.t}
                stroke={theme.palette.error.main}
                strokeDasharray="4 3"
                strokeOpacity={0.7}
              />
            ))}
            <ReferenceLine
              y={0}
              stroke={theme.palette.error.main}
              label={{
                value: t('sloViews.budget.exhausted'),
                position: 'insideBottomLeft',
                fill: theme.palette.error.main,
                fontSize: 11,
              }}
            />
            <Area
              dataKey="remaining"
              name={t('sloViews.budget.legend.remaining')}
              stroke={theme.palette.primary.main}
              fill={theme.palette.primary.main}
              fillOpacity={0.15}
              connectNulls
              dot={false}
              isAnimationActive={false}
            />
            {markers.map(kind => (
              <Line
                key={kind}
                dataKey={kind}
                name={t(`sloViews.budget.legend.${kind}`)}
                stroke="none"
                dot={markerDot(kind, markerColor(theme, kind), outline)}
                activeDot={false}
                legendType="none"
                isAnimationActive={false}
              />
            ))}
            <Tooltip content={<BudgetTooltip />} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <Legend />
      {data.to - data.from >= 2 * DAY && (
        <Typography variant="caption" color="textSecondary">
          {t('sloViews.budget.utcDays')}
        </Typography>
      )}
    </figure>
  );
}
