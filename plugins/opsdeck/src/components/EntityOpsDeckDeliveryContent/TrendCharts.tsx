import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  DORA_METRIC_NAMES,
  DoraMetricName,
  DoraMetrics,
} from '@opsdeck/backstage-plugin-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { MetricTerm } from '../shared/TierChip';
import { formatUtcDay, useOpsDeckFormat } from '../shared/format';

const HOUR = 3_600_000;

/** What each chart plots per week, and in which unit. */
const SERIES: Record<
  DoraMetricName,
  {
    unit: 'deployments' | 'hoursMedian' | 'percentOfDeployments';
    of: (m: DoraMetrics) => number | null;
    bars?: boolean;
  }
> = {
  deploymentFrequency: {
    unit: 'deployments',
    of: m => m.deploymentFrequency.detail.count,
    bars: true,
  },
  changeLeadTime: {
    unit: 'hoursMedian',
    of: m =>
      m.changeLeadTime.value === null ? null : m.changeLeadTime.value / HOUR,
  },
  changeFailRate: {
    unit: 'percentOfDeployments',
    of: m =>
      m.changeFailRate.value === null ? null : m.changeFailRate.value * 100,
  },
  recoveryTime: {
    unit: 'hoursMedian',
    of: m =>
      m.recoveryTime.value === null ? null : m.recoveryTime.value / HOUR,
  },
  reworkRate: {
    unit: 'percentOfDeployments',
    of: m => (m.reworkRate.value === null ? null : m.reworkRate.value * 100),
  },
  mttr: {
    unit: 'hoursMedian',
    of: m => (m.mttr.value === null ? null : m.mttr.value / HOUR),
  },
};

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * One weekly trend chart per metric (recharts), ISO weeks labelled in UTC.
 *
 * @internal
 */
export function TrendCharts(props: {
  weekly: Array<{ weekStart: number; metrics: DoraMetrics }>;
}) {
  const theme = useTheme();
  const { t } = useOpsDeckFormat();
  const color = theme.palette.primary.main;
  const axis = { fontSize: 11, fill: theme.palette.text.secondary };
  return (
    <Grid container spacing={2}>
      {DORA_METRIC_NAMES.map(name => {
        const series = SERIES[name];
        const data = props.weekly.map(w => {
          const v = series.of(w.metrics);
          return {
            week: formatUtcDay(w.weekStart),
            value: v === null ? null : round(v),
          };
        });
        const unit = t(`trends.units.${series.unit}`);
        const title = t('trends.title', {
          metric: t(`metrics.${name}.title`),
          unit,
        });
        return (
          <Grid item xs={12} md={6} lg={4} key={name}>
            <figure
              style={{ margin: 0 }}
              data-testid={`opsdeck-trend-${name}`}
              aria-label={title}
            >
              <Typography variant="subtitle2" component="figcaption">
                {t('trends.title', {
                  metric: <MetricTerm name={name} />,
                  unit,
                })}
              </Typography>
              <div style={{ width: '100%', height: 180 }}>
                <ResponsiveContainer>
                  {series.bars ? (
                    <BarChart data={data}>
                      <CartesianGrid
                        strokeDasharray="3 3"
                        stroke={theme.palette.divider}
                      />
                      <XAxis dataKey="week" tick={axis} />
                      <YAxis allowDecimals={false} tick={axis} width={36} />
                      <Tooltip />
                      <Bar
                        dataKey="value"
                        name={unit}
                        fill={color}
                        isAnimationActive={false}
                      />
                    </BarChart>
                  ) : (
                    <LineChart data={data}>
                      <CartesianGrid
                        strokeDasharray="3 3"
                        stroke={theme.palette.divider}
                      />
                      <XAxis dataKey="week" tick={axis} />
                      <YAxis tick={axis} width={36} />
                      <Tooltip />
                      <Line
                        dataKey="value"
                        name={unit}
                        stroke={color}
                        connectNulls
                        dot
                        isAnimationActive={false}
                      />
                    </LineChart>
                  )}
                </ResponsiveContainer>
              </div>
            </figure>
          </Grid>
        );
      })}
      <Grid item xs={12}>
        <Typography variant="caption" color="textSecondary">
          {t('trends.weeks')}
        </Typography>
      </Grid>
    </Grid>
  );
}
