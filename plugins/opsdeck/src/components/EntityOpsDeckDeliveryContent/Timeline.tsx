import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ProvenanceItem } from '@opsdeck/backstage-plugin-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { opsDeckApiRef } from '../../api/OpsDeckApi';
import { PlatformTeam } from '../shared/AskPlatformTeam';
import { ForAdmins } from '../shared/ForAdmins';
import { useOpsDeckFormat } from '../shared/format';
import { EventRow } from './EventRow';
import { RunRow } from './RunRow';
import { Repository } from './sourceLinks';
import {
  TIMELINE_FILTERS,
  TimelineFilter,
  apiTypeOf,
  groupTimeline,
  matchesFilter,
} from './timelineRows';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/** Pages one "Load more" may read to find events of a filter the API cannot apply itself. */
const MAX_PAGES_PER_LOAD = 5;

/** The filter as chips: one pressed at a time. */
function FilterChips(props: {
  value: TimelineFilter;
  onChange: (filter: TimelineFilter) => void;
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  return (
    <div
      className={classes.filters}
      role="group"
      aria-label={t('timeline.filter')}
      data-testid="opsdeck-timeline-filter"
    >
      <Typography variant="body2" component="span" color="textSecondary">
        {t('timeline.filter')}
      </Typography>
      {TIMELINE_FILTERS.map(f => (
        <Chip
          key={f}
          size="small"
          clickable
          label={t(`timeline.filters.${f}`)}
          color={props.value === f ? 'primary' : 'default'}
          variant={props.value === f ? 'default' : 'outlined'}
          aria-pressed={props.value === f}
          onClick={() => props.onChange(f)}
        />
      ))}
    </div>
  );
}

/**
 * The deployments, rollbacks and incidents behind the numbers, newest first, each linking back
 * to its source, its commit and pull request; runs of alike deployments folded into one row;
 * filtered by type; pages of 50 with "Load more".
 *
 * @internal
 */
export function Timeline(props: {
  entity: CompoundEntityRef;
  repo?: Repository;
  from: string;
  to: string;
  filter: TimelineFilter;
  onFilterChange: (filter: TimelineFilter) => void;
}) {
  const api = useApi(opsDeckApiRef);
  const { t } = useOpsDeckFormat();
  const { entity, from, to, filter, repo } = props;
  const [items, setItems] = useState<ProvenanceItem[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();
  // Only the latest load may set the list: an answer for the previous filter or window may
  // arrive after the next one's.
  const latest = useRef(0);

  const load = useCallback(
    async (after?: string) => {
      const mine = ++latest.current;
      setLoading(true);
      try {
        // Failures and rollbacks are rarer than a page: read on until some turn up.
        const found: ProvenanceItem[] = [];
        let next = after;
        for (let page = 0; page < MAX_PAGES_PER_LOAD; page++) {
          const answer = await api.getEntityEvents(entity, {
            from,
            to,
            cursor: next,
            limit: 50,
            ...(apiTypeOf(filter) ? { type: apiTypeOf(filter) } : {}),
          });
          found.push(...answer.items.filter(i => matchesFilter(i, filter)));
          next = answer.nextCursor;
          if (found.length > 0 || !next) break;
        }
        if (mine !== latest.current) return;
        setItems(prev => (after ? [...prev, ...found] : found));
        setCursor(next);
        setError(undefined);
      } catch (e) {
        if (mine === latest.current) setError(e as Error);
      } finally {
        if (mine === latest.current) setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entity.kind, entity.namespace, entity.name, from, to, filter],
  );
  useEffect(() => {
    setItems([]);
    load();
  }, [load]);
  const rows = useMemo(() => groupTimeline(items), [items]);

  const chips = <FilterChips value={filter} onChange={props.onFilterChange} />;
  if (error) {
    return (
      <>
        {chips}
        <ResponseErrorPanel error={error} />
      </>
    );
  }
  if (loading && items.length === 0) {
    return (
      <>
        {chips}
        <Progress />
      </>
    );
  }
  if (items.length === 0) {
    return (
      <>
        {chips}
        {filter === 'all' ? (
          <>
            <Typography variant="body2" data-testid="opsdeck-timeline-empty">
              {t('timeline.empty', { whom: <PlatformTeam /> })}
            </Typography>
            <ForAdmins>{t('timeline.emptyFix')}</ForAdmins>
          </>
        ) : (
          <Typography variant="body2" data-testid="opsdeck-timeline-empty">
            {t('timeline.emptyFiltered', {
              filter: t(`timeline.filters.${filter}`),
            })}
          </Typography>
        )}
      </>
    );
  }
  return (
    <>
      {chips}
      <List dense aria-label={t('timeline.list')}>
        {rows.map(row =>
          row.type === 'event' ? (
            <EventRow key={row.item.key} item={row.item} repo={repo} />
          ) : (
            <RunRow key={row.items[0].key} row={row} repo={repo} />
          ),
        )}
      </List>
      {cursor && (
        <Button
          variant="outlined"
          onClick={() => load(cursor)}
          disabled={loading}
        >
          {loading ? t('timeline.loading') : t('timeline.loadMore')}
        </Button>
      )}
    </>
  );
}
