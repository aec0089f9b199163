import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DoraMetricName,
  DoraTier,
  OnCallAnswer,
  ScopeServiceRow,
} from '@opsdeck/backstage-plugin-common';
import { TierChip } from './TierChip';
import { METRIC_SHORT_TITLES, formatMetricValue } from './format';

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
}) {
  const columns: TableColumn<ServiceTableRow>[] = [
    {
      title: 'Service',
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
            title: 'Owner',
            field: 'owner',
            render: (row: ServiceTableRow) =>
              row.owner ? <EntityRefLink entityRef={row.owner} /> : '—',
          } as TableColumn<ServiceTableRow>,
        ]
      : []),
    ...(props.showOnCall
      ? [
          {
            title: 'On call now',
            field: 'oncall',
            render: (row: ServiceTableRow) =>
              row.oncall === undefined
                ? '…'
                : oncallText(row.oncall) ||
                  (row.oncall.error?.reason === 'no-oncall-annotation'
                    ? 'not set'
                    : 'unknown'),
            customSort: (a: ServiceTableRow, b: ServiceTableRow) =>
              oncallText(a.oncall).localeCompare(oncallText(b.oncall)),
          } as TableColumn<ServiceTableRow>,
        ]
      : []),
    ...TABLE_METRICS.map(
      (name): TableColumn<ServiceTableRow> => ({
        title: METRIC_SHORT_TITLES[name],
        field: `dora.${name}.tier`,
        render: row => {
          const metric = row.dora[name];
          return (
            <span
              title={
                metric.value === null
                  ? metric.reason
                  : formatMetricValue(name, metric.value)
              }
            >
              <TierChip tier={metric.tier} />
            </span>
          );
        },
        customSort: (a, b) => rank(a.dora[name].tier) - rank(b.dora[name].tier),
      }),
    ),
    {
      title: 'Coverage',
      field: 'coverage',
      type: 'numeric',
      render: row => (row.coverage === null ? 'n/a' : `${row.coverage}%`),
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
            No services. Set <code>spec.owner</code> on a Component to this team
            to see it here.
          </div>
        }
      />
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
