import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useMemo, useState } from 'react';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { DoraTiles } from '../DoraTiles';
import { BudgetStatesCard } from '../shared/BudgetStates';
import { CoverageSummary } from '../shared/CoverageSummary';
import { WindowSelector } from '../shared/WindowSelector';
import { WindowDays, lastDays } from '../shared/windows';
import { useOpsDeckFormat } from '../shared/format';
import { AdminLink } from './AdminLink';
import { CoverageMatrix } from './CoverageMatrix';
import { TierDistribution } from './TierDistribution';

/**
 * The org overview (`/opsdeck`): the organisation's DORA rollup, how services spread across
 * tiers, its services grouped by the state of their error budgets, and a services ×
 * integrations matrix of what each service has and lacks — not a leaderboard of teams. Holders of
 * `opsdeck.admin` find a link to the administration page in its header (when the app mounts it).
 *
 * @public
 */
export function OpsDeckOrgPage() {
  const { t } = useOpsDeckFormat();
  const [days, setDays] = useState<WindowDays>(90);
  const window = useMemo(() => lastDays(days), [days]);
  const dora = useOpsDeck(
    api => api.getOrgDora(window),
    [window.from, window.to],
  );
  const services = useOpsDeck(
    api => api.getOrgServices(window),
    [window.from, window.to],
  );
  const coverage = useOpsDeck(api => api.getOrgCoverage(), []);
  // async: an OpsDeckApi of an app that predates SLOs fails this card, not the page
  const budgets = useOpsDeck(async api => api.getOrgSlo(), []);

  return (
    <Page themeId="tool">
      <Header title={t('org.title')} subtitle={t('org.subtitle')}>
        <AdminLink />
      </Header>
      <Content>
        <ContentHeader title={t('windows.last', { count: days })}>
          <WindowSelector value={days} onChange={setDays} />
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <InfoCard title={t('org.dora')} subheader={t('org.doraSubheader')}>
              {dora.loading && <Progress />}
              {dora.error && <ResponseErrorPanel error={dora.error} />}
              {dora.value && !dora.loading && (
                <DoraTiles
                  current={dora.value.current}
                  previous={dora.value.previous}
                  firstEventAt={dora.value.firstEventAt}
                  columns={6}
                />
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={7}>
            <InfoCard title={t('org.tiers')}>
              {services.loading && <Progress />}
              {services.error && <ResponseErrorPanel error={services.error} />}
              {services.value && !services.loading && (
                <TierDistribution services={services.value.services} />
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={5}>
            <InfoCard title={t('org.coverage')}>
              {coverage.loading && <Progress />}
              {coverage.error && <ResponseErrorPanel error={coverage.error} />}
              {coverage.value && <CoverageSummary coverage={coverage.value} />}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <BudgetStatesCard {...budgets} />
          </Grid>
          <Grid item xs={12}>
            {coverage.value && (
              <CoverageMatrix
                coverage={coverage.value}
                services={services.value?.services}
              />
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
