/**
 * Deterministic demo history: deployments and incidents for the demo services, day by day.
 * Every day's events depend only on the service and the date (seeded RNG), and ids are stable,
 * so sending the history again — or a longer one later — changes nothing already stored.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** How a demo service delivers. */
interface Profile {
  service: string | { annotation: string; value: string };
  /** Average successful production deployments per day. */
  perDay: number;
  /** Commit-to-production range, hours. */
  leadHours: [number, number];
  /** Share of deployments that fail. */
  failRate: number;
  /** Time to the fix after a failure, hours. */
  recoveryHours: [number, number];
  /** Share of successful deployments that cause an incident. */
  incidentRate: number;
  /** Who writes its changes (catalog Users' logins; emails are `<login>@acme.example`). */
  authors: string[];
}

/** Nina, the demo's new hire, writes some of Payments' changes from the day she joined. */
const NEW_HIRE = 'nina.patel';

/**
 * Payments ships small changes many times a day (elite); Storefront ships big batches rarely and
 * often breaks (struggling); Logistics sends nothing yet (its answers say why).
 */
export const DEMO_PROFILES: Record<string, Profile> = {
  'checkout-api': {
    service: 'component:default/checkout-api',
    perDay: 3,
    leadHours: [1, 6],
    failRate: 0.03,
    recoveryHours: [0.3, 0.8],
    incidentRate: 0.01,
    authors: ['daniel.kim', 'priya.shah'],
  },
  'payment-gateway': {
    service: {
      annotation: 'github.com/project-slug',
      value: 'acme/payment-gateway',
    },
    perDay: 2,
    leadHours: [2, 10],
    failRate: 0.04,
    recoveryHours: [0.3, 1],
    incidentRate: 0.01,
    authors: ['daniel.kim', 'priya.shah'],
  },
  'fraud-detector': {
    service: 'component:default/fraud-detector',
    perDay: 1.5,
    leadHours: [2, 12],
    failRate: 0.05,
    recoveryHours: [0.5, 2],
    incidentRate: 0.01,
    authors: ['priya.shah', 'daniel.kim'],
  },
  'web-storefront': {
    service: 'component:default/web-storefront',
    perDay: 0.3,
    leadHours: [72, 400],
    failRate: 0.4,
    recoveryHours: [20, 60],
    incidentRate: 0.2,
    authors: ['lucas.martin', 'emma.novak', 'yusuf.demir'],
  },
  'product-catalog': {
    service: {
      annotation: 'github.com/project-slug',
      value: 'acme/product-catalog',
    },
    perDay: 0.2,
    leadHours: [96, 500],
    failRate: 0.35,
    recoveryHours: [24, 96],
    incidentRate: 0.2,
    authors: ['emma.novak', 'yusuf.demir'],
  },
};

/** mulberry32: small, fast, good enough for demo data, and the same everywhere (the SLO history uses it too). */
export function rngFor(seed: string) {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++)
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (t: number) => new Date(t).toISOString();
const hex = (rng: () => number) =>
  Array.from({ length: 12 }, () => Math.floor(rng() * 16).toString(16)).join(
    '',
  );

/** One day of one service: its deployments and incidents, as items of the events batch. */
/** The author of a deployment's change: its own seed, so the rest of the history stays put. */
function authorOf(id: string, p: Profile, finishedAt: number, joined: number) {
  const rng = rngFor(`${id}:author`);
  const newHire =
    p.authors.includes('daniel.kim') && finishedAt >= joined && rng() < 0.4;
  const login = newHire
    ? NEW_HIRE
    : p.authors[Math.floor(rng() * p.authors.length)];
  return `${login}@acme.example`;
}

function dayOf(name: string, p: Profile, day: number, joined: number) {
  const rng = rngFor(`${name}:${day}`);
  const deployments: object[] = [];
  const incidents: object[] = [];
  const count = Math.floor(p.perDay + rng());
  for (let n = 0; n < count; n++) {
    const id = `${name}-${new Date(day).toISOString().slice(0, 10)}-${n}`;
    const finishedAt =
      day +
      9 * HOUR +
      (n * 8 * HOUR) / Math.max(count, 1) +
      rng() * 30 * 60_000;
    const lead =
      (p.leadHours[0] + rng() * (p.leadHours[1] - p.leadHours[0])) * HOUR;
    const sha = hex(rng);
    const failed = rng() < p.failRate;
    deployments.push({
      id,
      service: p.service,
      environment: 'production',
      status: failed ? 'failure' : 'success',
      startedAt: iso(finishedAt - 10 * 60_000),
      finishedAt: iso(finishedAt),
      changes: [
        {
          sha,
          time: iso(finishedAt - lead),
          authorEmail: authorOf(id, p, finishedAt, joined),
        },
      ],
      title: `Deploy ${sha.slice(0, 7)}`,
    });
    const recovery =
      (p.recoveryHours[0] + rng() * (p.recoveryHours[1] - p.recoveryHours[0])) *
      HOUR;
    if (failed) {
      deployments.push({
        id: `${id}-fix`,
        service: p.service,
        environment: 'production',
        status: 'success',
        finishedAt: iso(finishedAt + recovery),
        changes: [{ sha: hex(rng), time: iso(finishedAt + recovery / 2) }],
        rework: true,
        title: 'Fix forward',
      });
    } else if (rng() < p.incidentRate) {
      incidents.push({
        id: `${id}-incident`,
        service: p.service,
        openedAt: iso(finishedAt + HOUR),
        resolvedAt: iso(finishedAt + HOUR + recovery),
        severity: 'P2',
        causedBy: { deployment: `opsdeck-demo:${id}` },
        title: `Errors after ${sha.slice(0, 7)}`,
      });
    }
  }
  return { deployments, incidents };
}

/** Days of history: two 90-day windows, so "vs the previous window" compares like with like. */
const HISTORY_DAYS = 180;

/**
 * Event batches (at most `batchSize` items each) for the days from `anchorDay − 180 days` up to
 * and including `today`, leaving out anything that would finish after `now`.
 */
export function demoHistoryBatches(options: {
  anchorDay: number;
  now: number;
  batchSize?: number;
  /** When the new hire's changes start (default: Monday 09:00 UTC of `now`'s week). */
  newHireJoined?: number;
}): Array<{
  version: 1;
  source: string;
  deployments: object[];
  incidents: object[];
}> {
  const { anchorDay, now } = options;
  const batchSize = options.batchSize ?? 500;
  // The new hire joined this week: Monday 09:00 UTC of the week `now` falls in.
  const monday = Math.floor((now - 4 * DAY) / (7 * DAY)) * 7 * DAY + 4 * DAY;
  const joined = options.newHireJoined ?? monday + 9 * HOUR;
  const items: Array<{ kind: 'deployments' | 'incidents'; item: any }> = [];
  for (let day = anchorDay - HISTORY_DAYS * DAY; day <= now; day += DAY) {
    for (const [name, profile] of Object.entries(DEMO_PROFILES)) {
      const { deployments, incidents } = dayOf(name, profile, day, joined);
      for (const d of deployments) items.push({ kind: 'deployments', item: d });
      for (const i of incidents) items.push({ kind: 'incidents', item: i });
    }
  }
  const past = items.filter(
    ({ item }) =>
      Date.parse(item.finishedAt ?? item.resolvedAt ?? item.openedAt) <= now,
  );
  const batches = [];
  for (let i = 0; i < past.length; i += batchSize) {
    const chunk = past.slice(i, i + batchSize);
    batches.push({
      version: 1 as const,
      source: 'opsdeck-demo',
      deployments: chunk.filter(c => c.kind === 'deployments').map(c => c.item),
      incidents: chunk.filter(c => c.kind === 'incidents').map(c => c.item),
    });
  }
  return batches;
}
