import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  DoraMetricName,
  DoraNullReason,
  DoraTier,
  OnCallAnswer,
  ScopeServiceRow,
} from '@opsdeck/backstage-plugin-common';
import { OpsDeckT } from '../../translation';
import { ForAdmins } from './ForAdmins';
import { TierChip } from './TierChip';
import { WithCode } from './WithCode';
import { useOpsDeckFormat } from './format';
import { useGlossaryHref } from './glossary';

const TIER_RANK: Record<DoraTier, number> = {
  elite: 0,
  high: 1,
  medium: 2,
  low: 3,
};
const rank = (tier: DoraTier | null) => (tier ? TIER_RANK[tier] : 4);

/** A service row with, when loaded, who is on call for it now. */
export type ServiceTableRow = ScopeServiceRow & {
  oncall?: OnCallAnswer;
  /** Text the search box filters on. */
  search: string;
};

const TABLE_METRICS: DoraMetricName[] = [
  'deploymentFrequency',
  'changeLeadTime',
  'changeFailRate',
  'recoveryTime',
];

function oncallText(answer: OnCallAnswer | undefined): string {
  if (!answer) return '';
  const first = answer.levels[0];
  return first ? first.people.map(p => p.name).join(', ') : '';
}

/** A tier's value for its hover text, or why there is none. */
function metricValue(
  row: ServiceTableRow,
  name: DoraMetricName,
  t: OpsDeckT,
  format: (name: DoraMetricName, value: number) => string,
): string {
  const metric = row.dora[name];
  if (metric.value !== null) return format(name, metric.value);
  const reason = metric.reason as DoraNullReason | undefined;
  return reason ? t(`nullReasons.${reason}.text`) : '—';
}

/**
 * A sortable, searchable table of services: on-call now (when given), DORA tiers, coverage %.
 *
 * @internal
 */
export function ServicesTable(props: {
  title: string;
  rows: ServiceTableRow[];
  showOnCall?: boolean;
  /** Add the owning team (when the rows come from several teams). */
  showOwner?: boolean;
  /** The benchmark set the tiers come from. */
  benchmark?: string;
}) {
  const { t, formatMetricValue, formatWholePercent } = useOpsDeckFormat();
  const glossary = useGlossaryHref()(undefined, props.benchmark);
  const columns: TableColumn<ServiceTableRow>[] = [
    {
      title: t('services.service'),
      field: 'entityRef',
      highlight: true,
      render: row => (
        <EntityRefLink entityRef={row.entityRef}>{row.title}</EntityRefLink>
      ),
      customFilterAndSearch: (term, row) =>
        row.search
          .toLocaleLowerCase()
          .includes(String(term).toLocaleLowerCase()),
    },
    ...(props.showOwner
      ? [
          {
            title: t('services.owner'),
            field: 'owner',
            render: (row: ServiceTableRow) =>
              row.owner ? <EntityRefLink entityRef={row.owner} /> : '—',
          } as TableColumn<ServiceTableRow>,
        ]
      : []),
    ...(props.showOnCall
      ? [
          {
            title: t('services.oncall'),
            field: 'oncall',
            render: (row: ServiceTableRow) =>
              row.oncall === undefined
                ? t('services.loading')
                : oncallText(row.oncall) ||
                  (row.oncall.error?.reason === 'no-oncall-annotation'
                    ? t('services.notSet')
                    : t('services.unknown')),
            customSort: (a: ServiceTableRow, b: ServiceTableRow) =>
              oncallText(a.oncall).localeCompare(oncallText(b.oncall)),
          } as TableColumn<ServiceTableRow>,
        ]
      : []),
    ...TABLE_METRICS.map(
      (name): TableColumn<ServiceTableRow> => ({
        // The header is the table's sort button: a link inside it would nest interactive
        // elements, so its definition shows on hover and the glossary link sits below the table.
        title: (
          <Tooltip title={t(`metrics.${name}.definition`)}>
            <span>{t(`metrics.${name}.short`)}</span>
          </Tooltip>
        ),
        field: `dora.${name}.tier`,
        render: row => (
          <TierChip
            tier={row.dora[name].tier}
            metric={name}
            benchmark={props.benchmark}
            value={metricValue(row, name, t, formatMetricValue)}
          />
        ),
        customSort: (a, b) => rank(a.dora[name].tier) - rank(b.dora[name].tier),
      }),
    ),
    {
      title: t('services.coverage'),
      field: 'coverage',
      type: 'numeric',
      render: row => formatWholePercent(row.coverage),
    },
  ];
  return (
    <div data-testid="opsdeck-services-table">
      <Table<ServiceTableRow>
        title={props.title}
        columns={columns}
        data={props.rows}
        options={{
          paging: props.rows.length > 20,
          pageSize: 20,
          search: true,
          // no drag handle inside the sort button (axe: nested-interactive)
          draggable: false,
          padding: 'dense',
        }}
        emptyContent={
          <div style={{ padding: 16 }}>
            <Typography variant="body2">{t('services.empty')}</Typography>
            <ForAdmins>
              <WithCode text={t('services.emptyFix')} />
            </ForAdmins>
          </div>
        }
      />
      {glossary && (
        <Typography variant="caption" component="p" style={{ marginTop: 4 }}>
          <Link to={glossary}>{t('glossaryLink')}</Link>
        </Typography>
      )}
    </div>
  );
}

/** Table rows from the services answer (titles filled in, search text built). */
export function toServiceRows(
  services: ScopeServiceRow[],
  oncall?: Map<string, OnCallAnswer>,
): ServiceTableRow[] {
  return services.map(s => {
    const title = s.title ?? s.entityRef.replace(/^component:(default\/)?/, '');
    const answer = oncall?.get(s.entityRef);
    return {
      ...s,
      title,
      ...(answer ? { oncall: answer } : {}),
      search: [title, s.entityRef, s.owner ?? '', oncallText(answer)].join(' '),
    };
  });
}
