import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { ServiceCoverageSummary } from '@opsdeck/backstage-plugin-common';
import { useMemo, useState } from 'react';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { DoraTiles } from '../DoraTiles';
import { CoverageSummary } from '../shared/CoverageSummary';
import { WithCode } from '../shared/WithCode';
import { WindowSelector } from '../shared/WindowSelector';
import { WindowDays, lastDays } from '../shared/windows';
import { useOpsDeckFormat } from '../shared/format';
import { integrationTitle } from '../shared/integrationTitle';
import { OpsDeckT } from '../../translation';
import { TierDistribution } from './TierDistribution';

type GapRow = ServiceCoverageSummary & { title: string };

const gapColumns = (
  t: OpsDeckT,
  formatWholePercent: (percent: number | null) => string,
): TableColumn<GapRow>[] => [
  {
    title: t('services.service'),
    field: 'entityRef',
    highlight: true,
    render: row => (
      <EntityRefLink entityRef={row.entityRef}>{row.title}</EntityRefLink>
    ),
  },
  {
    title: t('services.coverage'),
    field: 'percent',
    type: 'numeric',
    render: row => formatWholePercent(row.percent),
  },
  {
    title: t('org.missing'),
    field: 'missing',
    sorting: false,
    render: row => (
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {row.missing.map(m => (
          <li key={m.id}>
            <strong>{integrationTitle(m, t)}</strong>: <WithCode text={m.fix} />
          </li>
        ))}
      </ul>
    ),
  },
];

/**
 * The org overview (`/opsdeck`): the organisation's DORA rollup, how services spread across
 * tiers, and which services miss which integrations — not a leaderboard of teams.
 *
 * @public
 */
export function OpsDeckOrgPage() {
  const { t, formatWholePercent } = useOpsDeckFormat();
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
  const gaps = (coverage.value?.services ?? [])
    .filter(s => s.missing.length > 0)
    .map(s => ({
      ...s,
      title: s.title ?? s.entityRef.replace(/^component:(default\/)?/, ''),
    }));

  return (
    <Page themeId="tool">
      <Header title={t('org.title')} subtitle={t('org.subtitle')} />
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
            {coverage.value && (
              <div data-testid="opsdeck-coverage-gaps">
                <Table<GapRow>
                  title={t('org.gaps', { count: gaps.length })}
                  columns={gapColumns(t, formatWholePercent)}
                  data={gaps}
                  options={{
                    paging: gaps.length > 20,
                    pageSize: 20,
                    search: true,
                    // no drag handle inside the sort button (axe: nested-interactive)
                    draggable: false,
                    padding: 'dense',
                  }}
                />
              </div>
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
