import {
  OpsDeckOnCallPerson,
  OpsDeckOnCallProvider,
  OpsDeckOnCallShift,
  ProviderHttpError,
  createProviderHttpClient,
  textOf,
} from '@opsdeck/backstage-plugin-node';
import { OPSGENIE_TEAM_ANNOTATION } from '../opsgenieSource';

const DAY = 86_400_000;

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

type Period = {
  startDate?: string;
  endDate?: string;
  recipient?: { type?: string; id?: string; name?: string };
};

const periodsOf = (timeline: any): Period[] =>
  ((timeline?.data?.finalTimeline?.rotations ?? []) as any[]).flatMap(
    r => (r?.periods ?? []) as Period[],
  );

const personOf = (recipient: Period['recipient']): OpsDeckOnCallPerson => {
  const name = textOf(recipient?.name) ?? 'Unknown';
  // Opsgenie users are named by their username, which is their e-mail address.
  return {
    id: textOf(recipient?.id),
    name,
    email: name.includes('@') ? name : undefined,
  };
};

/**
 * Who is on call for an Opsgenie (or JSM Operations) team: the schedules the team owns
 * (`GET /v2/schedules`), their final timelines (`GET /v2/schedules/{id}/timeline`) for who
 * is on call now and the upcoming shifts, and the team's open alerts (`GET /v2/alerts`).
 *
 * @public
 */
export function createOpsgenieOnCallProvider(
  settings: OpsgenieOnCallSettings,
): OpsDeckOnCallProvider {
  const http = createProviderHttpClient({
    provider: 'Opsgenie',
    baseUrl: settings.baseUrl ?? 'https://api.opsgenie.com',
    authorization: async () =>
      settings.authScheme === 'Basic'
        ? `Basic ${Buffer.from(settings.token).toString('base64')}`
        : `GenieKey ${settings.token}`,
    fetch: settings.fetch,
  });

  const schedulesOf = async (team: string) => {
    const body = await http.getJson<any>('/v2/schedules');
    const owned = ((body?.data ?? []) as any[]).filter(
      s =>
        s?.enabled !== false &&
        textOf(s?.ownerTeam?.name)?.toLowerCase() === team.toLowerCase(),
    );
    if (!owned.length) {
      throw new ProviderHttpError(
        `Opsgenie has no enabled schedule owned by team ${team}`,
        404,
      );
    }
    return owned.map(s => ({
      id: String(s.id),
      name: textOf(s.name) ?? String(s.id),
      team: textOf(s.ownerTeam?.name) ?? team,
    }));
  };

  const timeline = (id: string, from: Date, days: number) =>
    http.getJson<any>(`/v2/schedules/${encodeURIComponent(id)}/timeline`, {
      identifierType: 'id',
      date: from.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      interval: String(Math.max(1, Math.ceil(days))),
      intervalUnit: 'days',
    });

  return {
    id: 'opsgenie',
    title: 'Opsgenie',
    annotations: [OPSGENIE_TEAM_ANNOTATION],

    async getOnCall({ value: team }) {
      const now = new Date();
      const schedules = await schedulesOf(team);
      const [timelines, alerts] = await Promise.all([
        Promise.all(schedules.map(s => timeline(s.id, now, 1))),
        http.getJson<any>('/v2/alerts', {
          // The team's name as Opsgenie spells it (from its schedules).
          query: `status: open AND teams: "${schedules[0].team.replace(
            /"/g,
            '',
          )}"`,
          limit: '20',
          sort: 'createdAt',
          order: 'desc',
        }),
      ]);
      const people = new Map<string, OpsDeckOnCallPerson>();
      const ends: number[] = [];
      const names: string[] = [];
      timelines.forEach((t, i) => {
        const current = periodsOf(t).filter(
          p =>
            p.recipient?.type !== 'none' &&
            Date.parse(p.startDate ?? '') <= now.getTime() &&
            now.getTime() < Date.parse(p.endDate ?? ''),
        );
        if (current.length) names.push(schedules[i].name);
        for (const p of current) {
          const person = personOf(p.recipient);
          people.set(person.id ?? person.name, person);
          ends.push(Date.parse(p.endDate!));
        }
      });
      return {
        levels: people.size
          ? [
              {
                level: 1,
                people: [...people.values()],
                until: new Date(Math.min(...ends)).toISOString(),
                scheduleName: names.join(', '),
              },
            ]
          : [],
        incidents: ((alerts?.data ?? []) as any[]).flatMap(a =>
          textOf(a?.id) && textOf(a?.createdAt)
            ? [
                {
                  id: a.id,
                  title: textOf(a.message) ?? a.id,
                  status: textOf(a.status) ?? 'open',
                  createdAt: a.createdAt,
                  urgency: textOf(a.priority),
                },
              ]
            : [],
        ),
      };
    },

    async getShifts({ value: team, from, to }) {
      const schedules = await schedulesOf(team);
      const days = (to.getTime() - from.getTime()) / DAY;
      const timelines = await Promise.all(
        schedules.map(s => timeline(s.id, from, days)),
      );
      const shifts: OpsDeckOnCallShift[] = timelines.flatMap((t, i) =>
        periodsOf(t)
          .filter(p => p.recipient?.type !== 'none' && p.startDate && p.endDate)
          .map(p => ({
            person: personOf(p.recipient),
            from: new Date(p.startDate!).toISOString(),
            until: new Date(p.endDate!).toISOString(),
            level: 1,
            scheduleName: schedules[i].name,
          })),
      );
      return shifts.sort((a, b) => a.from.localeCompare(b.from));
    },
  };
}
