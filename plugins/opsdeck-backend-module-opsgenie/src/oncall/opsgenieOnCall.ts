import {
  OpsDeckOnCallPerson,
  OpsDeckOnCallProvider,
  OpsDeckOnCallShift,
  ProviderHttpError,
  createProviderHttpClient,
  textOf,
} from '@opsdeck/backstage-plugin-node';
import { OPSGENIE_TEAM_ANNOTATION } from '../opsgenieSource';
import {
  DAY,
  Escalation,
  LevelSources,
  ScheduleRef,
  ScheduleTimeline,
  Who,
  chooseEscalation,
  levelOfSchedules,
  levelOneFromSchedules,
  levelsFromRules,
  schedulesOfTeam,
  incidentsOfAlerts,
  shiftsOf,
  timeOf,
  timelinesAroundNow,
} from './escalationLevels';
import { FixHints, withFix } from './providerErrors';

const KEY = 'opsdeck.oncall.opsgenie';

const FIXES: FixHints = {
  401: `check ${KEY}.token (an Opsgenie API integration key) and ${KEY}.authScheme`,
  403: `the API integration in ${KEY}.token may not read configuration: it must not be restricted to access configurations, and a team integration only sees its own team`,
};

/**
 * Settings of the Opsgenie / JSM Operations on-call provider (`opsdeck.oncall.opsgenie`).
 *
 * @public
 */
export interface OpsgenieOnCallSettings {
  /**
   * API base URL including any path prefix; default `https://api.opsgenie.com`
   * (EU: `https://api.eu.opsgenie.com`).
   */
  baseUrl?: string;
  /** An API integration key (sent as `GenieKey …`), or `email:api-token` with `authScheme: Basic`. */
  token: string;
  /** `GenieKey` (default, Opsgenie) or `Basic` (Atlassian account e-mail and API token). */
  authScheme?: 'GenieKey' | 'Basic';
  /** For tests. */
  fetch?: typeof fetch;
}

// Opsgenie users are named by their username, which is their e-mail address.
const personOf = (who: Who): OpsDeckOnCallPerson => {
  const name = who.name ?? who.id ?? 'Unknown';
  return { id: who.id, name, email: name.includes('@') ? name : undefined };
};

const sameName = (a: string | undefined, b: string) =>
  a?.toLowerCase() === b.toLowerCase();

/**
 * Who is on call for an Opsgenie team (`opsgenie.com/team`, the team's name), per escalation
 * level: the team's escalation (`GET /v2/escalations`, the one its default routing rule uses
 * when it has several) gives level n = rule n; a schedule recipient is whoever the schedule's
 * final timeline (`GET /v2/schedules/{id}/timeline`) has on call now, until its next change;
 * a user recipient is that user. Open alerts from `GET /v2/alerts`; upcoming shifts from the
 * timelines of the schedules the team owns.
 *
 * @public
 */
export function createOpsgenieOnCallProvider(
  settings: OpsgenieOnCallSettings,
): OpsDeckOnCallProvider {
  const client = createProviderHttpClient({
    provider: 'Opsgenie',
    baseUrl: settings.baseUrl ?? 'https://api.opsgenie.com',
    authorization: async () =>
      settings.authScheme === 'Basic'
        ? `Basic ${Buffer.from(settings.token).toString('base64')}`
        : `GenieKey ${settings.token}`,
    fetch: settings.fetch,
  });
  const getJson = async <T>(
    path: string,
    query?: Record<string, string | undefined>,
  ) => {
    try {
      return await client.getJson<T>(path, query);
    } catch (error) {
      throw withFix(error, FIXES);
    }
  };

  const allSchedules = async (): Promise<ScheduleRef[]> => {
    const body = await getJson<any>('/v2/schedules');
    return ((body?.data ?? []) as any[]).flatMap(s =>
      textOf(s?.id) && s?.enabled !== false
        ? [
            {
              id: String(s.id),
              name: textOf(s.name) ?? String(s.id),
              teamId: textOf(s.ownerTeam?.id),
              teamName: textOf(s.ownerTeam?.name),
            },
          ]
        : [],
    );
  };

  /** The team's escalations as Opsgenie lists them (all of the account's, filtered). */
  const escalationsOf = async (team: string) => {
    const body = await getJson<any>('/v2/escalations');
    return ((body?.data ?? []) as any[])
      .filter(e => sameName(textOf(e?.ownerTeam?.name), team))
      .map(e => ({
        id: textOf(e.id),
        name: textOf(e.name),
        teamId: textOf(e.ownerTeam?.id),
        teamName: textOf(e.ownerTeam?.name),
        enabled: e.enabled,
        rules: ((e.rules ?? []) as any[]).map(r => ({
          notifyType: textOf(r?.notifyType),
          recipient: {
            type: textOf(r?.recipient?.type),
            id: textOf(r?.recipient?.id),
            // Users are named by username, schedules and teams by name.
            name: textOf(r?.recipient?.username) ?? textOf(r?.recipient?.name),
          },
        })),
      }));
  };

  const escalationOf = async (
    team: string,
  ): Promise<(Escalation & { teamName?: string }) | undefined> => {
    const escalations = await escalationsOf(team);
    if (escalations.filter(e => e.enabled !== false).length < 2) {
      return chooseEscalation(escalations);
    }
    // Several: the one the team's default routing rule notifies.
    const routes = await getJson<any>(
      `/v2/teams/${encodeURIComponent(
        escalations[0].teamId ?? team,
      )}/routing-rules`,
      escalations[0].teamId ? undefined : { teamIdentifierType: 'name' },
    );
    const route = ((routes?.data ?? []) as any[]).find(r => r?.isDefault);
    return chooseEscalation(escalations, route?.notify);
  };

  const timeline = async (
    id: string,
    from: Date,
    days: number,
  ): Promise<ScheduleTimeline> => {
    const body = await getJson<any>(
      `/v2/schedules/${encodeURIComponent(id)}/timeline`,
      {
        identifierType: 'id',
        date: from.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        interval: String(Math.max(1, Math.ceil(days))),
        intervalUnit: 'days',
      },
    );
    const rotations = (body?.data?.finalTimeline?.rotations ?? []) as any[];
    return {
      end: timeOf(body?.data?.endDate),
      periods: rotations.flatMap(r =>
        ((r?.periods ?? []) as any[]).flatMap(p => {
          const start = timeOf(p?.startDate);
          const end = timeOf(p?.endDate);
          const recipient = p?.recipient;
          if (start === undefined || end === undefined) return [];
          // `none`: nobody is on call in this period.
          const who =
            recipient && recipient.type !== 'none'
              ? [{ id: textOf(recipient.id), name: textOf(recipient.name) }]
              : [];
          return [{ start, end, who }];
        }),
      ),
    };
  };

  const noSchedule = (team: string) =>
    new ProviderHttpError(
      `Opsgenie has no enabled schedule owned by team ${team}: check the team's name in the opsgenie.com/team annotation, or give the team an on-call schedule in Opsgenie`,
      404,
    );

  return {
    id: 'opsgenie',
    title: 'Opsgenie',
    annotations: [OPSGENIE_TEAM_ANNOTATION],

    async getOnCall({ value: team }) {
      const now = Date.now();
      const [schedules, escalation] = await Promise.all([
        allSchedules(),
        escalationOf(team),
      ]);
      const own = schedulesOfTeam(schedules, { name: team });
      if (!escalation && !own.length) throw noSchedule(team);
      const sources: LevelSources = {
        now,
        schedules,
        timeline: timelinesAroundNow(now, timeline),
      };
      const [levels, alerts] = await Promise.all([
        escalation
          ? levelsFromRules(escalation.rules, sources)
          : // No escalation: the team's schedules' on-call people are level 1, as before.
            levelOneFromSchedules(own, sources),
        getJson<any>('/v2/alerts', {
          // The team's name as Opsgenie spells it.
          query: `status: open AND teams: "${(
            escalation?.teamName ??
            own[0]?.teamName ??
            team
          ).replace(/"/g, '')}"`,
          limit: '20',
          sort: 'createdAt',
          order: 'desc',
        }),
      ]);
      return {
        levels: levels.map(({ who, ...level }) => ({
          ...level,
          people: who.map(personOf),
        })),
        incidents: incidentsOfAlerts(
          alerts?.data ?? [],
          a => textOf(a.status) ?? 'open',
        ),
      };
    },

    async getShifts({ value: team, from, to }) {
      const [schedules, escalation] = await Promise.all([
        allSchedules(),
        escalationOf(team),
      ]);
      const own = schedulesOfTeam(schedules, { name: team });
      if (!own.length) throw noSchedule(team);
      const levelOf = levelOfSchedules(escalation, schedules);
      const days = (to.getTime() - from.getTime()) / DAY;
      const timelines = await Promise.all(
        own.map(s => timeline(s.id, from, days)),
      );
      const shifts: OpsDeckOnCallShift[] = timelines.flatMap((tl, i) =>
        shiftsOf(tl, { from: from.getTime(), to: to.getTime() }).map(s => ({
          person: personOf(s.who),
          from: s.from,
          until: s.until,
          level: levelOf.get(own[i].id) ?? 1,
          scheduleName: own[i].name,
        })),
      );
      return shifts.sort(
        (a, b) => a.from.localeCompare(b.from) || a.level - b.level,
      );
    },
  };
}
