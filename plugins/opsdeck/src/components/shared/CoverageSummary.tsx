import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ScopeCoverage } from '@opsdeck/backstage-plugin-common';
import { formatNumber, useOpsDeckFormat } from './format';
import { integrationTitle } from './integrationTitle';

/**
 * A scope's coverage: one percentage over all its services and, per integration, on how many
 * services it is present.
 *
 * @internal
 */
export function CoverageSummary(props: { coverage: ScopeCoverage }) {
  const { coverage } = props;
  const { t, formatWholePercent } = useOpsDeckFormat();
  return (
    <>
      <Typography
        variant="h4"
        component="p"
        data-testid="opsdeck-scope-coverage"
      >
        {formatWholePercent(coverage.percent)}
      </Typography>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {t('coverage.acrossServices', {
          count: coverage.services.length,
          present: formatNumber(coverage.present, 0),
          applicable: formatNumber(coverage.applicable, 0),
        })}
      </Typography>
      {coverage.integrations.map(i => {
        const title = integrationTitle(i, t);
        return (
          <div key={i.id} data-testid={`opsdeck-scope-integration-${i.id}`}>
            <Typography variant="body2">
              {t('coverage.integration', {
                title,
                present: formatNumber(i.present, 0),
                applicable: formatNumber(i.applicable, 0),
              })}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={i.applicable ? (i.present * 100) / i.applicable : 0}
              aria-label={t('coverage.integrationBar', { title })}
            />
          </div>
        );
      })}
    </>
  );
}
