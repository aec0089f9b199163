import {
  OpsDeckOnCallPerson,
  OpsDeckOnCallProvider,
  OpsDeckOnCallShift,
  ProviderHttpError,
  textOf,
} from '@opsdeck/backstage-plugin-node';
import { OPSGENIE_TEAM_ANNOTATION } from '../opsgenieSource';
import {
  DAY,
  LevelSources,
  Who,
  incidentsOfAlerts,
  levelOfSchedules,
  levelOneFromSchedules,
  levelsFromRules,
  once,
  schedulesOfTeam,
  shiftsOf,
  timelinesAroundNow,
} from './escalationLevels';
import { JsmOnCallSettings, JsmTeam, createJsmApi } from './jsmApi';

/**
 * Who is on call for a Jira Service Management Operations team, through JSM's operations REST
 * API (`https://api.atlassian.com/jsm/ops/api/{cloudId}/v1`, basic auth with an Atlassian
 * account's e-mail and API token).
 *
 * The `opsgenie.com/team` annotation names the team by its name (as adopters coming from
 * Opsgenie already have it) or by its id. Levels follow the team's escalation: level n is
 * rule n; a schedule recipient is whoever `GET /v1/schedules/{id}/on-calls` names, until the
 * next change in its timeline; a user recipient is that user. A team without an escalation
 * gets its schedules' on-call people as level 1. People are Atlassian account ids, named
 * through Jira's user API when `siteUrl` is set.
 *
 * @public
 */
export function createJsmOnCallProvider(
  settings: JsmOnCallSettings,
): OpsDeckOnCallProvider {
  const api = createJsmApi(settings);

  const teamOf = async (value: string): Promise<JsmTeam> => {
    const teams = await api.teams();
    const wanted = value.trim();
    const team =
      teams.find(t => t.id === wanted) ??
      teams.find(t => t.name.toLowerCase() === wanted.toLowerCase());
    if (!team) {
      throw new ProviderHttpError(
        `Jira Service Management has no operations team named or with id "${wanted}" that ${settings.email} can see: check the opsgenie.com/team annotation, and that this account is a member of the team (or a Jira Service Management admin)`,
        404,
      );
    }
    return team;
  };

  const noSchedule = (team: JsmTeam) =>
    new ProviderHttpError(
      `Jira Service Management team ${team.name} has no enabled on-call schedule: add one to the team in Jira Service Management (Operations → On-call)`,
      404,
    );

  /** Names account ids; without `siteUrl` (or a hidden profile) the id is the name. */
  const named = async (who: Who[][]) => {
    const ids = [...new Set(who.flat().flatMap(w => (w.id ? [w.id] : [])))];
    const people = await api.people(ids);
    return (w: Who): OpsDeckOnCallPerson => {
      const p = w.id ? people.get(w.id) : undefined;
      return {
        id: w.id,
        name: p?.name ?? w.name ?? w.id ?? 'Unknown',
        email: p?.email,
      };
    };
  };

  return {
    id: 'jsm',
    title: 'Jira Service Management',
    annotations: [OPSGENIE_TEAM_ANNOTATION],

    async getOnCall({ value }) {
      const team = await teamOf(value);
      const now = Date.now();
      const [schedules, escalation, alerts] = await Promise.all([
        api.schedules(),
        api.escalationOf(team.id),
        api.openAlertsOf(team.id),
      ]);
      const sources: LevelSources = {
        now,
        schedules,
        timeline: timelinesAroundNow(now, api.timeline),
        onCallNow: once(id => api.onCallNow(id)),
      };
      let levels;
      if (escalation) {
        levels = await levelsFromRules(escalation.rules, sources);
      } else {
        // No escalation: the team's schedules' on-call people are level 1, as before.
        const own = schedulesOfTeam(schedules, team);
        if (!own.length) throw noSchedule(team);
        levels = await levelOneFromSchedules(own, sources);
      }
      const person = await named(levels.map(l => l.who));
      return {
        levels: levels.map(({ who, ...level }) => ({
          ...level,
          people: who.map(person),
        })),
        incidents: incidentsOfAlerts(alerts, a =>
          a.acknowledged === true ? 'acknowledged' : textOf(a.status) ?? 'open',
        ),
      };
    },

    async getShifts({ value, from, to }) {
      const team = await teamOf(value);
      const [schedules, escalation] = await Promise.all([
        api.schedules(),
        api.escalationOf(team.id),
      ]);
      const own = schedulesOfTeam(schedules, team);
      if (!own.length) throw noSchedule(team);
      const levelOf = levelOfSchedules(escalation, schedules);
      // The timeline starts at the beginning of the day containing `from`: one day more.
      const days = (to.getTime() - from.getTime()) / DAY + 1;
      const timelines = await Promise.all(
        own.map(s => api.timeline(s.id, from, days)),
      );
      const shifts = timelines.flatMap((tl, i) =>
        shiftsOf(tl, { from: from.getTime(), to: to.getTime() }).map(s => ({
          ...s,
          scheduleName: own[i].name,
          level: levelOf.get(own[i].id) ?? 1,
        })),
      );
      const person = await named([shifts.map(s => s.who)]);
      return shifts
        .map(
          ({ who, ...s }): OpsDeckOnCallShift => ({
            ...s,
            person: person(who),
          }),
        )
        .sort((a, b) => a.from.localeCompare(b.from) || a.level - b.level);
    },
  };
}
