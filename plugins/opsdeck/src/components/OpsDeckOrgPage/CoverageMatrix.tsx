import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  CoverageIntegrationId,
  ScopeCoverage,
  ScopeServiceRow,
} from '@opsdeck/backstage-plugin-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { OpsDeckT } from '../../translation';
import { formatNumber, useOpsDeckFormat } from '../shared/format';
import { integrationTitle } from '../shared/integrationTitle';
import { IntegrationFixes } from './IntegrationFixes';
import { MATRIX_INTEGRATIONS, MatrixRow, matrixRows } from './matrixRows';

const useStyles = makeStyles(theme => ({
  cell: { fontSize: '1.1em', fontWeight: 'bold', cursor: 'default' },
  present: { color: theme.palette.success.main },
  missing: { color: theme.palette.error.main },
  na: { color: theme.palette.text.secondary },
  team: { minWidth: 220 },
  // on the page's grey background the usual secondary label colour is too faint
  label: { color: theme.palette.text.primary },
  toolbar: {
    display: 'flex',
    justifyContent: 'flex-end',
    marginBottom: theme.spacing(1),
  },
}));

/** ✓, ✗ or —, with the fix on hover and the same in words for a screen reader. */
function Cell(props: {
  row: MatrixRow;
  id: CoverageIntegrationId;
  title: string;
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const state = props.row.cells[props.id];
  const testId = `opsdeck-matrix-${props.id}`;
  if (state === 'not-applicable') {
    return (
      <span
        role="img"
        aria-label={t('org.matrix.notApplicable', { integration: props.title })}
        className={`${classes.cell} ${classes.na}`}
        data-testid={testId}
      >
        —
      </span>
    );
  }
  if (state === 'present') {
    return (
      <span
        role="img"
        aria-label={t('org.matrix.present', { integration: props.title })}
        className={`${classes.cell} ${classes.present}`}
        data-testid={testId}
      >
        ✓
      </span>
    );
  }
  const hint = t('org.matrix.missing', {
    integration: props.title,
    fix: t(`org.fixes.${props.id}`),
  });
  return (
    <Tooltip title={hint}>
      <span
        role="img"
        aria-label={hint}
        className={`${classes.cell} ${classes.missing}`}
        data-testid={testId}
      >
        ✗
      </span>
    </Tooltip>
  );
}

function columns(
  t: OpsDeckT,
  formatWholePercent: (p: number | null) => string,
): TableColumn<MatrixRow>[] {
  return [
    {
      title: t('services.service'),
      field: 'title',
      highlight: true,
      render: row => (
        <EntityRefLink entityRef={row.entityRef}>{row.title}</EntityRefLink>
      ),
      customSort: (a, b) => a.title.localeCompare(b.title),
      cellStyle: { minWidth: 170 },
    },
    {
      // "Team", not "Owner": the first integration is called Owner
      title: t('org.matrix.team'),
      field: 'ownerTitle',
      cellStyle: { minWidth: 120 },
      render: row =>
        row.owner ? (
          <EntityRefLink entityRef={row.owner}>{row.ownerTitle}</EntityRefLink>
        ) : (
          t('org.matrix.noOwner')
        ),
      customSort: (a, b) => a.ownerTitle.localeCompare(b.ownerTitle),
    },
    ...MATRIX_INTEGRATIONS.map((integration): TableColumn<MatrixRow> => {
      const title = integrationTitle(integration, t);
      return {
        title,
        field: `cells.${integration.id}`,
        sorting: false,
        align: 'center',
        // eight narrow ✓ / ✗ columns: the table fits without scrolling sideways
        width: '64px',
        headerStyle: { padding: '6px 4px', fontSize: '0.7rem' },
        cellStyle: { padding: '6px 4px' },
        render: row => <Cell row={row} id={integration.id} title={title} />,
      };
    }),
    {
      title: t('services.coverage'),
      field: 'percent',
      type: 'numeric',
      render: row => formatWholePercent(row.percent),
      customSort: (a, b) => (a.percent ?? -1) - (b.percent ?? -1),
    },
  ];
}

/**
 * Services × integrations: one compact row per service with its owner, ✓ / ✗ per integration
 * that applies (the fix on hover) and its coverage; sortable by service, owner and coverage,
 * filtered by team. What each missing integration needs is said once, below.
 *
 * @internal
 */
export function CoverageMatrix(props: {
  coverage: ScopeCoverage;
  services?: ScopeServiceRow[];
}) {
  const classes = useStyles();
  const { t, formatWholePercent } = useOpsDeckFormat();
  const catalogApi = useApi(catalogApiRef);
  const [team, setTeam] = useState('');

  const ownerRefs = useMemo(
    () =>
      [...new Set((props.services ?? []).flatMap(s => s.owner ?? []))].sort(),
    [props.services],
  );
  // owners by title, not by ref: one catalog call for all of them
  const titles = useAsync(async () => {
    if (ownerRefs.length === 0) return new Map<string, string>();
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: ownerRefs,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return new Map(
      ownerRefs.flatMap((ref, i) => {
        const title = items[i]?.metadata.title ?? items[i]?.metadata.name;
        return title ? [[ref, title] as const] : [];
      }),
    );
  }, [catalogApi, ownerRefs]);

  const rows = useMemo(
    () =>
      matrixRows(
        props.coverage,
        props.services ?? [],
        titles.value ?? new Map(),
      ),
    [props.coverage, props.services, titles.value],
  );
  const teams = useMemo(() => {
    const byRef = new Map(rows.flatMap(r => (r.owner ? [[r.owner, r]] : [])));
    return [...byRef.values()]
      .map(r => ({ ref: r.owner!, title: r.ownerTitle }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [rows]);
  const shown = team ? rows.filter(r => r.owner === team) : rows;
  const gaps = shown.filter(r =>
    Object.values(r.cells).includes('missing'),
  ).length;

  return (
    <div data-testid="opsdeck-coverage-matrix">
      <div className={classes.toolbar}>
        <TextField
          select
          size="small"
          variant="outlined"
          label={t('org.matrix.team')}
          value={team}
          onChange={e => setTeam(e.target.value)}
          className={classes.team}
          id="opsdeck-matrix-team"
          // "All teams" shows as a value, so the label stays above it
          InputLabelProps={{ shrink: true, className: classes.label }}
          SelectProps={{ displayEmpty: true }}
        >
          <MenuItem value="">{t('org.matrix.allTeams')}</MenuItem>
          {teams.map(option => (
            <MenuItem key={option.ref} value={option.ref}>
              {option.title}
            </MenuItem>
          ))}
        </TextField>
      </div>
      <Table<MatrixRow>
        title={t('org.matrix.title', {
          count: shown.length,
          gaps: formatNumber(gaps, 0),
        })}
        columns={columns(t, formatWholePercent)}
        data={shown}
        options={{
          paging: shown.length > 50,
          pageSize: 50,
          search: true,
          // no drag handle inside the sort button (axe: nested-interactive)
          draggable: false,
          padding: 'dense',
        }}
      />
      <IntegrationFixes coverage={props.coverage} />
    </div>
  );
}
