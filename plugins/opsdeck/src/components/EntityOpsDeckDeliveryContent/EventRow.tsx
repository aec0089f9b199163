import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import RocketIcon from '@material-ui/icons/FlightTakeoff';
import UndoIcon from '@material-ui/icons/Undo';
import { ProvenanceItem } from '@opsdeck/backstage-plugin-common';
import { OpsDeckT } from '../../translation';
import { SafeLink } from '../shared/SafeLink';
import { formatInstant, useOpsDeckFormat } from '../shared/format';
import { useWrapStyles } from '../shared/wrapStyles';
import {
  Repository,
  commitUrl,
  deployedSha,
  pullRequestOf,
} from './sourceLinks';
import { EventKind, kindOf } from './timelineRows';
import { whyLines } from './whyText';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'inline-flex',
    gap: theme.spacing(0.5),
    marginLeft: theme.spacing(1),
  },
  failed: { borderColor: theme.palette.error.main },
  why: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2) },
  sources: { '& a': { textDecoration: 'underline' } },
}));

const ICONS: Record<EventKind, typeof RocketIcon> = {
  deployment: RocketIcon,
  rollback: UndoIcon,
  incident: ReportProblemIcon,
};

const STATUSES = ['success', 'failure', 'cancelled', 'pending'] as const;

/** A deployment status in the reader's words; an unknown one as sent. @internal */
export function statusLabel(status: string, t: OpsDeckT): string {
  return (STATUSES as readonly string[]).includes(status)
    ? t(`timeline.statuses.${status as (typeof STATUSES)[number]}`)
    : status;
}

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
  return [d.environment, d.status && statusLabel(String(d.status), t)]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Where a deployment came from: its commit (linked when the service names its repository) and
 * the pull request its title names.
 */
function SourceLinks(props: { item: ProvenanceItem; repo?: Repository }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const sha = deployedSha(props.item);
  const pr = pullRequestOf(props.item, props.repo);
  if (!sha && !pr) return null;
  const short = sha?.slice(0, 7);
  return (
    <span className={classes.sources} data-testid="opsdeck-timeline-sources">
      {sha && (
        <>
          {' · '}
          {t('timeline.commit')}{' '}
          <SafeLink url={commitUrl(props.repo, sha)}>
            <code>{short}</code>
          </SafeLink>
        </>
      )}
      {pr && (
        <>
          {' · '}
          {t('timeline.pullRequest')}{' '}
          <SafeLink url={pr.url}>{pr.label}</SafeLink>
        </>
      )}
    </span>
  );
}

/**
 * One deployment, rollback or incident: its title linking to its source (the pipeline run, the
 * incident page), when it happened, its commit and pull request, and why it counts as it does.
 *
 * @internal
 */
export function EventRow(props: {
  item: ProvenanceItem;
  repo?: Repository;
  nested?: boolean;
}) {
  const { item, repo } = props;
  const wrap = useWrapStyles();
  const classes = useStyles();
  const { t, formatDuration } = useOpsDeckFormat();
  const d = item.detail as Record<string, any>;
  const kind = kindOf(item);
  const why = item.type === 'deployment' ? whyLines(d, t) : [];
  const Icon = ICONS[kind];
  return (
    <ListItem
      divider
      data-testid="opsdeck-timeline-item"
      data-kind={kind}
      style={props.nested ? { paddingLeft: 32 } : undefined}
    >
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
            {item.type === 'deployment' && (
              <SourceLinks item={item} repo={repo} />
            )}
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
