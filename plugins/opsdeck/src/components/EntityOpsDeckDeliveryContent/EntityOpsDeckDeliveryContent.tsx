import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { DoraTiles } from '../DoraTiles';
import { DoraGuidance } from '../DoraGuidance';
import { ERROR_BUDGET_ANCHOR } from '../shared/BudgetLinks';
import { DerivedThrough } from '../shared/DerivedThrough';
import { WindowSelector } from '../shared/WindowSelector';
import { useOpsDeckFormat } from '../shared/format';
import { lastDays } from '../shared/windows';
import { ErrorBudgetCard } from './ErrorBudgetCard';
import { Timeline } from './Timeline';
import { TrendCharts } from './TrendCharts';
import { repositoryOf } from './sourceLinks';
import { useDeliveryParams } from './useDeliveryParams';

/**
 * The Delivery tab of a service: the metrics for a 30, 90 or 180-day window against the window
 * before, weekly trend charts, and a timeline of the deployments, rollbacks and incidents
 * behind the numbers with links back to their sources, commits and pull requests; between the
 * trends and the timeline, the error budget of the service's SLOs over their own window with its
 * deployments and incidents marked. The window, the timeline's filter and the charted SLO live in
 * the URL (`?window=30&type=failures&slo=…&objective=…`).
 *
 * @public
 */
export function EntityOpsDeckDeliveryContent() {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const { t } = useOpsDeckFormat();
  const { days, setDays, filter, setFilter, budget, setBudget } =
    useDeliveryParams();
  const { search } = useLocation();
  const repo = useMemo(() => repositoryOf(entity), [entity]);
  const window = useMemo(() => lastDays(days), [days]);
  const { value, loading, error } = useOpsDeck(
    api => api.getEntityDora(ref, window),
    [ref.kind, ref.namespace, ref.name, window.from, window.to],
  );
  const selector = <WindowSelector value={days} onChange={setDays} />;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={t('delivery.title')}
          subheader={t('delivery.subheader', { days: String(days) })}
          action={selector}
        >
          {loading && <Progress />}
          {error && <ResponseErrorPanel error={error} />}
          {value && !loading && (
            <>
              <DoraTiles
                current={value.current}
                previous={value.previous}
                firstEventAt={value.firstEventAt}
                columns={6}
              />
              <DoraGuidance
                current={value.current}
                previous={value.previous}
                firstEventAt={value.firstEventAt}
                budgetHref={`${search}#${ERROR_BUDGET_ANCHOR}`}
              />
              <DerivedThrough state={value} />
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={t('delivery.trends')}>
          {value && !loading ? (
            <TrendCharts weekly={value.weekly} />
          ) : (
            <Progress />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ErrorBudgetCard
          entity={entity}
          repo={repo}
          choice={budget}
          onChoose={setBudget}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={t('delivery.timeline')}
          subheader={t('delivery.timelineSubheader')}
        >
          <Timeline
            entity={ref}
            repo={repo}
            from={window.from}
            to={window.to}
            filter={filter}
            onFilterChange={setFilter}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
