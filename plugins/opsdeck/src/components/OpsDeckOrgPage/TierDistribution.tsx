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
import { METRIC_SHORT_TITLES, TIER_LABELS } from '../shared/format';
import { tierColor } from '../shared/TierChip';

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
  const distribution = tierDistribution(props.services);
  const data = TIERED.map(name => ({
    metric: METRIC_SHORT_TITLES[name],
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
        Services per tier, by metric ({props.services.length} services)
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
            {(['elite', 'high', 'medium', 'low'] as const).map(tier => (
              <Bar
                key={tier}
                dataKey={tier}
                name={TIER_LABELS[tier]}
                stackId="tiers"
                fill={tierColor(theme, tier)}
                isAnimationActive={false}
              />
            ))}
            <Bar
              dataKey="none"
              name="No data"
              stackId="tiers"
              fill={theme.palette.action.disabled}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table
        aria-label="Services per tier"
        style={{ width: '100%', fontSize: 13, textAlign: 'right' }}
      >
        <thead>
          <tr>
            <th>Metric</th>
            <th>Elite</th>
            <th>High</th>
            <th>Medium</th>
            <th>Low</th>
            <th>No data</th>
          </tr>
        </thead>
        <tbody>
          {data.map(row => (
            <tr key={row.metric} data-testid={`opsdeck-tier-row-${row.metric}`}>
              <th scope="row">{row.metric}</th>
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
