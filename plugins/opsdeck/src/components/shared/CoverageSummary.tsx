import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ScopeCoverage } from '@opsdeck/backstage-plugin-common';

/**
 * A scope's coverage: one percentage over all its services and, per integration, on how many
 * services it is present.
 *
 * @internal
 */
export function CoverageSummary(props: { coverage: ScopeCoverage }) {
  const { coverage } = props;
  return (
    <>
      <Typography
        variant="h4"
        component="p"
        data-testid="opsdeck-scope-coverage"
      >
        {coverage.percent === null ? 'n/a' : `${coverage.percent}%`}
      </Typography>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {coverage.present} of {coverage.applicable} integrations across{' '}
        {coverage.services.length} service
        {coverage.services.length === 1 ? '' : 's'}
      </Typography>
      {coverage.integrations.map(i => (
        <div key={i.id} data-testid={`opsdeck-scope-integration-${i.id}`}>
          <Typography variant="body2">
            {i.title}: {i.present} of {i.applicable}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={i.applicable ? (i.present * 100) / i.applicable : 0}
            aria-label={`${i.title} coverage`}
          />
        </div>
      ))}
    </>
  );
}
