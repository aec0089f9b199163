import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  DORA_METRIC_NAMES,
  DoraMetricName,
  ScopeServiceRow,
  tierDistribution,
} from '@opsdeck/backstage-plugin-common';
import {
  Bar,
  BarChart,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useOpsDeckFormat } from '../shared/format';
import { MetricTerm, tierColor } from '../shared/TierChip';
import { TIERS } from '../shared/tiers';

const TIERED: DoraMetricName[] = DORA_METRIC_NAMES.filter(
  n => n !== 'reworkRate',
);

/**
 * How many services sit in each tier of each metric, as stacked bars — the spread across the
 * organisation, not a ranking of teams.
 *
 * @internal
 */
export function TierDistribution(props: {
  services: Pick<ScopeServiceRow, 'dora'>[];
}) {
  const theme = useTheme();
  const { t } = useOpsDeckFormat();
  const distribution = tierDistribution(props.services);
  const data = TIERED.map(name => ({
    name,
    metric: t(`metrics.${name}.short`),
    ...distribution[name],
  }));
  const axis = { fontSize: 12, fill: theme.palette.text.secondary };
  return (
    <figure style={{ margin: 0 }} data-testid="opsdeck-tier-distribution">
      <Typography
        variant="caption"
        component="figcaption"
        color="textSecondary"
      >
        {t('distribution.caption', { count: props.services.length })}
      </Typography>
      <div style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" margin={{ left: 24 }}>
            <XAxis type="number" allowDecimals={false} tick={axis} />
            <YAxis type="category" dataKey="metric" tick={axis} width={80} />
            <Tooltip />
            <Legend
              formatter={value => (
                <span style={{ color: theme.palette.text.primary }}>
                  {value}
                </span>
              )}
            />
            {TIERS.map(tier => (
              <Bar
                key={tier}
                dataKey={tier}
                name={t(`tiers.${tier}`)}
                stackId="tiers"
                fill={tierColor(theme, tier)}
                isAnimationActive={false}
              />
            ))}
            <Bar
              dataKey="none"
              name={t('distribution.noData')}
              stackId="tiers"
              fill={theme.palette.action.disabled}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table
        aria-label={t('distribution.table')}
        style={{ width: '100%', fontSize: 13, textAlign: 'right' }}
      >
        <thead>
          <tr>
            <th>{t('distribution.metric')}</th>
            {TIERS.map(tier => (
              <th key={tier}>{t(`tiers.${tier}`)}</th>
            ))}
            <th>{t('distribution.noData')}</th>
          </tr>
        </thead>
        <tbody>
          {data.map(row => (
            <tr key={row.metric} data-testid={`opsdeck-tier-row-${row.metric}`}>
              <th scope="row">
                <MetricTerm name={row.name} short />
              </th>
              <td>{row.elite}</td>
              <td>{row.high}</td>
              <td>{row.medium}</td>
              <td>{row.low}</td>
              <td>{row.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
