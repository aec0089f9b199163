import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import RocketIcon from '@material-ui/icons/FlightTakeoff';
import UndoIcon from '@material-ui/icons/Undo';
import { ProvenanceItem } from '@opsdeck/backstage-plugin-common';
import { useCallback, useEffect, useState } from 'react';
import { opsDeckApiRef } from '../../api/OpsDeckApi';
import { SafeLink } from '../shared/SafeLink';
import { OpsDeckT } from '../../translation';
import { PlatformTeam } from '../shared/AskPlatformTeam';
import { ForAdmins } from '../shared/ForAdmins';
import { formatInstant, useOpsDeckFormat } from '../shared/format';
import { useWrapStyles } from '../shared/wrapStyles';
import { whyLines } from './whyText';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'inline-flex',
    gap: theme.spacing(0.5),
    marginLeft: theme.spacing(1),
  },
  failed: { borderColor: theme.palette.error.main },
  why: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2) },
}));

type Kind = 'deployment' | 'rollback' | 'incident';

function kindOf(item: ProvenanceItem): Kind {
  if (item.type === 'incident') return 'incident';
  return item.detail.rollbackOf ? 'rollback' : 'deployment';
}

const ICONS: Record<Kind, typeof RocketIcon> = {
  deployment: RocketIcon,
  rollback: UndoIcon,
  incident: ReportProblemIcon,
};

function describe(
  item: ProvenanceItem,
  t: OpsDeckT,
  formatDuration: (ms: number) => string,
): string {
  const d = item.detail as Record<string, any>;
  if (item.type === 'incident') {
    const parts = [d.severity, d.environment];
    if (typeof d.resolvedAt === 'number' && typeof d.openedAt === 'number') {
      parts.push(
        t('timeline.resolvedAfter', {
          duration: formatDuration(d.resolvedAt - d.openedAt),
        }),
      );
    } else {
      parts.push(t('timeline.open'));
    }
    return parts.filter(Boolean).join(' · ');
  }
  return [
    d.environment,
    d.status,
    d.commit?.sha ? String(d.commit.sha).slice(0, 7) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function EventRow({ item }: { item: ProvenanceItem }) {
  const wrap = useWrapStyles();
  const classes = useStyles();
  const { t, formatDuration } = useOpsDeckFormat();
  const d = item.detail as Record<string, any>;
  const kind = kindOf(item);
  const why = item.type === 'deployment' ? whyLines(d, t) : [];
  const Icon = ICONS[kind];
  return (
    <ListItem divider data-testid="opsdeck-timeline-item" data-kind={kind}>
      <ListItemIcon>
        <Icon titleAccess={t(`timeline.kinds.${kind}`)} />
      </ListItemIcon>
      <ListItemText
        className={wrap.wrap}
        primary={
          <>
            <SafeLink url={item.url}>
              {item.title ?? `${item.source} ${item.id}`}
            </SafeLink>
            <span className={classes.chips}>
              {item.type === 'deployment' && d.failed && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={t('timeline.failed')}
                  className={classes.failed}
                />
              )}
              {item.type === 'deployment' && d.rework && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={t('timeline.rework')}
                />
              )}
            </span>
          </>
        }
        secondary={
          <>
            {t('timeline.line', {
              instant: formatInstant(item.time),
              description: describe(item, t, formatDuration),
              source: item.source,
            })}
            {why.length > 0 && (
              <ul className={classes.why} data-testid="opsdeck-timeline-why">
                {why.map(line => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
      />
    </ListItem>
  );
}

/**
 * The deployments, rollbacks and incidents behind the numbers, newest first, each linking back
 * to its source; pages of 50 with "Load more".
 *
 * @internal
 */
export function Timeline(props: {
  entity: CompoundEntityRef;
  from: string;
  to: string;
}) {
  const api = useApi(opsDeckApiRef);
  const { t } = useOpsDeckFormat();
  const { entity, from, to } = props;
  const [items, setItems] = useState<ProvenanceItem[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      try {
        const page = await api.getEntityEvents(entity, {
          from,
          to,
          cursor: after,
          limit: 50,
        });
        setItems(prev => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entity.kind, entity.namespace, entity.name, from, to],
  );
  useEffect(() => {
    setItems([]);
    load();
  }, [load]);

  if (error) return <ResponseErrorPanel error={error} />;
  if (loading && items.length === 0) return <Progress />;
  if (items.length === 0) {
    return (
      <>
        <Typography variant="body2" data-testid="opsdeck-timeline-empty">
          {t('timeline.empty', { whom: <PlatformTeam /> })}
        </Typography>
        <ForAdmins>{t('timeline.emptyFix')}</ForAdmins>
      </>
    );
  }
  return (
    <>
      <List dense aria-label={t('timeline.list')}>
        {items.map(item => (
          <EventRow key={item.key} item={item} />
        ))}
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
