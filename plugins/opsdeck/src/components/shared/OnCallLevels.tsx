import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApiHolder } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  OnCallAnswer,
  OnCallPerson,
  OnCallShiftAnswer,
} from '@opsdeck/backstage-plugin-common';
import { Fragment, ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { OpsDeckT } from '../../translation';
import { PlatformTeam } from './AskPlatformTeam';
import { ForAdmins } from './ForAdmins';
import { SafeLink } from './SafeLink';
import { TextWithRefs } from './TextWithRefs';
import { formatInstant, useOpsDeckFormat } from './format';
import { useWrapStyles } from './wrapStyles';

const useStyles = makeStyles(theme => ({
  // Links inside sentences are underlined, not told apart by colour alone (WCAG 1.4.1).
  root: { '& a': { textDecoration: 'underline' } },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.palette.text.secondary,
  },
  stale: { borderColor: theme.palette.warning.main },
}));

/** A person, linked to their catalog User when exactly one matched. */
export function PersonName({ person }: { person: OnCallPerson }) {
  return person.userRef ? (
    <EntityRefLink entityRef={person.userRef}>{person.name}</EntityRefLink>
  ) : (
    <>{person.name}</>
  );
}

const sameRef = (a: string, b: string) => {
  try {
    return (
      stringifyEntityRef(parseEntityRef(a)).toLocaleLowerCase('en-US') ===
      stringifyEntityRef(parseEntityRef(b)).toLocaleLowerCase('en-US')
    );
  } catch {
    return false;
  }
};

/**
 * The signed-in user's entity ref; undefined while it loads or where the app has no identity
 * (a card rendered outside an app, in a test).
 *
 * @internal
 */
export function useSignedInUserRef(): string | undefined {
  const identityApi = useApiHolder().get(identityApiRef);
  const { value } = useAsync(
    async () => (await identityApi?.getBackstageIdentity())?.userEntityRef,
    [identityApi],
  );
  return value;
}

/** Whether an on-call person is the signed-in user. */
export const isMe = (person: OnCallPerson, me: string | undefined) =>
  Boolean(me && person.userRef && sameRef(person.userRef, me));

const shiftTimeFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** A shift's start or end as people say it, in the viewer's zone: "Mon 7 Dec 09:00". */
export function formatShiftTime(value: string | number): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? String(value)
    : shiftTimeFormat.format(date);
}

/** An escalation level in words: "first level", "second level", … */
export function levelName(level: number, t: OpsDeckT): string {
  switch (level) {
    case 1:
      return t('shift.names.first');
    case 2:
      return t('shift.names.second');
    case 3:
      return t('shift.names.third');
    default:
      return t('shift.names.other', { level: String(level) });
  }
}

/** Whose on-call an answer is, as the plain message names it. */
export type OnCallSubject = 'service' | 'team' | 'domain';

/** The on-call tool's name as people know it. */
function providerName(provider: string, t: OpsDeckT): string {
  switch (provider) {
    case 'rotation':
    case 'pagerduty':
    case 'opsgenie':
    case 'jsm':
      return t(`oncall.providers.${provider}`);
    default:
      return provider;
  }
}

/** Why nobody is shown, in plain words that say whom to ask; the backend's detail is for admins. */
function NoLevels(props: {
  oncall: OnCallAnswer;
  subject: OnCallSubject;
  ask?: string;
}) {
  const { t } = useOpsDeckFormat();
  const { error } = props.oncall;
  const args = {
    subject: t(`oncall.subject.${props.subject}`),
    whom: props.ask ? (
      <EntityRefLink entityRef={props.ask} />
    ) : (
      <PlatformTeam />
    ),
  };
  let text: ReactNode;
  switch (error?.reason) {
    case undefined:
      text = t('oncall.nobodyOnCall');
      break;
    case 'no-oncall-annotation':
    case 'no-provider':
      text = t('oncall.notSetUp', args);
      break;
    case 'invalid-rotation':
      text = t('oncall.brokenRotation', args);
      break;
    case 'provider-unavailable':
    case 'provider-rejected':
      text = t('oncall.unreachable', args);
      break;
    default:
      text = t('oncall.unknown', { subject: args.subject });
  }
  return (
    <>
      <Typography variant="body2" data-testid="opsdeck-oncall-error">
        {text}
      </Typography>
      {error?.message && (
        <ForAdmins testId="opsdeck-oncall-error-detail">
          {error.message}
        </ForAdmins>
      )}
    </>
  );
}

/** Parts of a line joined by " · ". */
function dotted(parts: ReactNode[]): ReactNode {
  return parts.filter(Boolean).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && ' · '}
      {part}
    </Fragment>
  ));
}

/**
 * Who is on call per escalation level, until when, where the answer came from, how fresh it
 * is, open incidents, and who is next. Without anyone on call it says why in plain words and
 * whom to ask (the `ask` entity, else the platform team); the technical reason is for admins.
 *
 * @internal
 */
export function OnCallLevels(props: {
  oncall: OnCallAnswer;
  next?: OnCallShiftAnswer;
  /** Whose on-call this is, for the plain message. Default: a service. */
  subject?: OnCallSubject;
  /** Whom to ask when on-call is not set up: an entity ref, usually the owning team. */
  ask?: string;
}) {
  const wrap = useWrapStyles();
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { oncall, next } = props;
  const me = useSignedInUserRef();
  const provider = oncall.provider
    ? providerName(oncall.provider, t)
    : undefined;
  return (
    <div data-testid="opsdeck-oncall" className={classes.root}>
      {oncall.levels.length === 0 ? (
        <NoLevels
          oncall={oncall}
          subject={props.subject ?? 'service'}
          ask={props.ask}
        />
      ) : (
        <List dense disablePadding>
          {oncall.levels.map(level => {
            const mine = level.people.some(p => isMe(p, me));
            return (
              <ListItem
                key={level.level}
                disableGutters
                data-testid={`opsdeck-oncall-level-${level.level}`}
              >
                <ListItemText
                  className={wrap.wrap}
                  primary={
                    <>
                      <strong>
                        {mine
                          ? t('you.levelNamed', {
                              level: String(level.level),
                              name: levelName(level.level, t),
                            })
                          : t('oncall.level', { level: String(level.level) })}
                      </strong>
                      {level.people.length === 0
                        ? t('oncall.nobody')
                        : level.people.map((p, i) => (
                            <Fragment key={`${p.name}-${i}`}>
                              {i > 0 && ', '}
                              {isMe(p, me) ? (
                                <span data-testid="opsdeck-oncall-you">
                                  <EntityRefLink entityRef={p.userRef!}>
                                    {t('you.name')}
                                  </EntityRefLink>
                                  {level.until
                                    ? t('you.now', {
                                        until: formatShiftTime(level.until),
                                      })
                                    : t('you.nowOpen')}
                                </span>
                              ) : (
                                <PersonName person={p} />
                              )}
                            </Fragment>
                          ))}
                    </>
                  }
                  secondary={dotted([
                    level.until
                      ? t('oncall.until', {
                          instant: formatInstant(level.until),
                        })
                      : undefined,
                    level.scheduleName && (
                      <TextWithRefs text={level.scheduleName} />
                    ),
                    level.entityRef
                      ? t('oncall.escalatedTo', {
                          entity: <EntityRefLink entityRef={level.entityRef} />,
                        })
                      : undefined,
                  ])}
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {next && (
        <Typography variant="body2" data-testid="opsdeck-oncall-next">
          {isMe(next.person, me)
            ? t('you.next', { instant: formatShiftTime(next.from) })
            : t('oncall.next', {
                person: <PersonName person={next.person} />,
                instant: formatInstant(next.from),
              })}
        </Typography>
      )}
      {oncall.incidents && oncall.incidents.length > 0 && (
        <Typography variant="body2" data-testid="opsdeck-oncall-incidents">
          {t('oncall.incidents', {
            count: oncall.incidents.length,
            incidents: (
              <>
                {oncall.incidents.map((incident, i) => (
                  <Fragment key={incident.id}>
                    {i > 0 && ', '}
                    <SafeLink url={incident.url}>{incident.title}</SafeLink>
                  </Fragment>
                ))}
              </>
            ),
          })}
        </Typography>
      )}
      <Typography variant="caption" component="div" className={classes.meta}>
        {provider && (
          <span>
            {oncall.source && oncall.source.origin !== 'own'
              ? t('oncall.fromVia', {
                  provider,
                  entity: <EntityRefLink entityRef={oncall.source.entityRef} />,
                })
              : t('oncall.from', { provider })}
          </span>
        )}
        <span data-testid="opsdeck-oncall-asof">
          {t('oncall.asOf', { instant: formatInstant(oncall.asOf) })}
        </span>
        {oncall.stale && (
          <Tooltip title={t('oncall.staleHint')}>
            <Chip
              size="small"
              variant="outlined"
              label={t('oncall.stale')}
              className={classes.stale}
              data-testid="opsdeck-oncall-stale"
            />
          </Tooltip>
        )}
      </Typography>
    </div>
  );
}

/** The first shift at level 1 that starts after now. */
export function nextShift(
  items: readonly OnCallShiftAnswer[] | undefined,
  now = Date.now(),
): OnCallShiftAnswer | undefined {
  return (items ?? [])
    .filter(s => s.level === 1 && Date.parse(s.from) > now)
    .sort((a, b) => Date.parse(a.from) - Date.parse(b.from))[0];
}
