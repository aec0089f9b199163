import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  OnCallAnswer,
  OnCallShiftAnswer,
} from '@opsdeck/backstage-plugin-common';
import { Fragment } from 'react';
import { OnCallLevels } from '../shared/OnCallLevels';
import { TextWithRefs } from '../shared/TextWithRefs';
import {
  formatInstant,
  formatRelative,
  useOpsDeckFormat,
} from '../shared/format';
import { useWrapStyles } from '../shared/wrapStyles';

/** A team as the page shows it. */
export type Team = { entityRef: string; title: string; members: string[] };

function MyShifts(props: { shifts?: OnCallShiftAnswer[]; loading: boolean }) {
  const wrap = useWrapStyles();
  const { t } = useOpsDeckFormat();
  if (props.loading) return <Progress />;
  const shifts = props.shifts ?? [];
  if (shifts.length === 0) {
    return (
      <Typography variant="body2" data-testid="opsdeck-my-shifts-none">
        {t('onboarding.noShifts')}
      </Typography>
    );
  }
  return (
    <List dense disablePadding data-testid="opsdeck-my-shifts">
      {shifts.slice(0, 5).map(s => (
        <ListItem key={`${s.from}-${s.level}`} disableGutters>
          <ListItemText
            className={wrap.wrap}
            primary={t('onboarding.shift', {
              from: formatInstant(s.from),
              until: formatInstant(s.until),
              relative: formatRelative(s.from),
            })}
            secondary={
              <>
                {t('onboarding.level', { level: String(s.level) })}
                {s.scheduleName && (
                  <>
                    {' · '}
                    <TextWithRefs text={s.scheduleName} />
                  </>
                )}
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * The reader's teams: who is on call for each now, people to ask, and the reader's own
 * upcoming shifts.
 *
 * @internal
 */
export function TeamCard(props: {
  teams: Team[];
  oncall?: Map<string, OnCallAnswer>;
  shifts: { value?: OnCallShiftAnswer[]; loading: boolean };
}) {
  const { t } = useOpsDeckFormat();
  const { teams, oncall } = props;
  return (
    <InfoCard title={t('onboarding.yourTeam', { count: teams.length })}>
      {teams.map(team => (
        <div key={team.entityRef} data-testid="opsdeck-my-team">
          <Typography variant="h6" component="h3">
            <EntityRefLink entityRef={team.entityRef}>
              {team.title}
            </EntityRefLink>
          </Typography>
          <Typography variant="subtitle2" component="h4">
            {t('onboarding.oncallNow')}
          </Typography>
          {oncall?.get(team.entityRef) ? (
            <OnCallLevels oncall={oncall.get(team.entityRef)!} subject="team" />
          ) : (
            <Progress />
          )}
          {team.members.length > 0 && (
            <Typography variant="body2" data-testid="opsdeck-people-to-ask">
              {t('onboarding.peopleToAsk', {
                people: (
                  <>
                    {team.members.map((m, i) => (
                      <Fragment key={m}>
                        {i > 0 && ', '}
                        <EntityRefLink entityRef={m} />
                      </Fragment>
                    ))}
                  </>
                ),
              })}
            </Typography>
          )}
        </div>
      ))}
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
        {t('onboarding.nextOnCall')}
      </Typography>
      <MyShifts shifts={props.shifts.value} loading={props.shifts.loading} />
    </InfoCard>
  );
}
