import express from 'express';

/**
 * Demo only: a stand-in for PagerDuty's REST API v2 (the real one is outside this machine),
 * answering the documented bodies of "Get a service", "List all of the on-calls" and "List
 * incidents" for the demo's `pagerduty.com/service-id` values. Weekly shifts hand off Monday
 * 09:00 UTC, rotating through each team's members, so "who is on call", "until when" and "who is
 * next" move with the clock like a real schedule.
 */

const WEEK = 7 * 86_400_000;
/** Monday 5 Jan 2026 09:00 UTC: the rotations' anchor. */
const ANCHOR = Date.UTC(2026, 0, 5, 9);

type Person = { id: string; name: string; email: string };
const person = (login: string, name: string): Person => ({
  id: `P${login.replace(/\W/g, '').toUpperCase().slice(0, 6)}`,
  name,
  email: `${login}@acme.example`,
});

const payments = [
  person('daniel.kim', 'Daniel Kim'),
  person('priya.shah', 'Priya Shah'),
];
/** The new hire: second level as a shadow in her first two weeks, not first level on day one. */
const newHire = person('nina.patel', 'Nina Patel');
const SHADOW_WEEKS = 2;
const storefront = [
  person('lucas.martin', 'Lucas Martin'),
  person('emma.novak', 'Emma Novak'),
  person('yusuf.demir', 'Yusuf Demir'),
];
const observability = [person('mei.chen', 'Mei Chen')];
const security = [person('sofia.rossi', 'Sofia Rossi')];
const platformLead = person('raj.iyer', 'Raj Iyer');

/** Per service id: its escalation policy (level 1 rotates weekly, level 2 is fixed). */
const SERVICES: Record<
  string,
  {
    name: string;
    rotation: Person[];
    escalation: Person;
    shadow?: Person;
    incidents?: number;
  }
> = {
  PCHK001: {
    name: 'Checkout API',
    rotation: payments,
    escalation: payments[0],
    shadow: newHire,
    incidents: 1,
  },
  PPAY002: {
    name: 'Payment gateway',
    rotation: payments,
    escalation: payments[0],
    shadow: newHire,
  },
  PPAYSYS: {
    name: 'Payments',
    rotation: payments,
    escalation: payments[0],
    shadow: newHire,
  },
  PSTORE1: {
    name: 'Storefront',
    rotation: storefront,
    escalation: storefront[0],
  },
  POBS001: {
    name: 'Observability',
    rotation: observability,
    escalation: platformLead,
  },
  PSEC001: { name: 'Security', rotation: security, escalation: platformLead },
};

const userRef = (p: Person) => ({
  id: p.id,
  type: 'user',
  summary: p.name,
  name: p.name,
  email: p.email,
  html_url: `https://acme.pagerduty.example/users/${p.id}`,
});
const policyRef = (id: string) => ({
  id: `EP${id}`,
  type: 'escalation_policy_reference',
  summary: `${SERVICES[id].name} escalation`,
});
const iso = (t: number) => new Date(t).toISOString();

/** The weekly level-1 shifts overlapping `[since, until)`. */
function shifts(id: string, since: number, until: number) {
  const { rotation } = SERVICES[id];
  const out = [];
  let week = Math.floor((since - ANCHOR) / WEEK);
  for (; ANCHOR + week * WEEK < until; week++) {
    const start = ANCHOR + week * WEEK;
    const who =
      rotation[((week % rotation.length) + rotation.length) % rotation.length];
    out.push({
      user: userRef(who),
      escalation_level: 1,
      schedule: {
        id: `S${id}`,
        type: 'schedule_reference',
        summary: `${SERVICES[id].name} primary`,
      },
      escalation_policy: policyRef(id),
      start: iso(start),
      end: iso(start + WEEK),
    });
  }
  return out;
}

/**
 * The new hire's shadow shift at level 2: from the Monday 09:00 UTC of the current week (she
 * joined this week, whenever the demo runs) for {@link SHADOW_WEEKS} weeks.
 */
function shadowShift(id: string, now: number) {
  const { shadow } = SERVICES[id];
  if (!shadow) return [];
  const start = ANCHOR + Math.floor((now - ANCHOR) / WEEK) * WEEK;
  return [
    {
      user: userRef(shadow),
      escalation_level: 2,
      schedule: {
        id: `S${id}SHADOW`,
        type: 'schedule_reference',
        summary: `${SERVICES[id].name} shadow (new hires)`,
      },
      escalation_policy: policyRef(id),
      start: iso(start),
      end: iso(start + SHADOW_WEEKS * WEEK),
    },
  ];
}

/** The router the demo plugin mounts at `/pagerduty`; `token` is the demo API key. */
export function demoPagerDutyRouter(token: string): express.Router {
  const router = express.Router();
  router.use((req, res, next) => {
    if (req.headers.authorization !== `Token token=${token}`) {
      res.status(401).json({ error: { message: 'Unauthorized', code: 2006 } });
      return;
    }
    next();
  });
  // Express parses `escalation_policy_ids[]=…` into `escalation_policy_ids: […]`.
  const first = (value: unknown) =>
    String((Array.isArray(value) ? value[0] : value) ?? '');
  const serviceId = (req: express.Request) =>
    first(req.query.escalation_policy_ids).replace(/^EP/, '');

  router.get('/services/:id', (req, res) => {
    const id = req.params.id;
    if (!SERVICES[id]) {
      res.status(404).json({ error: { message: 'Not Found', code: 2100 } });
      return;
    }
    res.json({
      service: {
        id,
        type: 'service',
        name: SERVICES[id].name,
        summary: SERVICES[id].name,
        html_url: `https://acme.pagerduty.example/service-directory/${id}`,
        escalation_policy: policyRef(id),
      },
    });
  });

  router.get('/oncalls', (req, res) => {
    const id = serviceId(req);
    if (!SERVICES[id]) {
      res.json({
        oncalls: [],
        limit: 100,
        offset: 0,
        more: false,
        total: null,
      });
      return;
    }
    const now = Date.now();
    const since = req.query.since ? Date.parse(String(req.query.since)) : now;
    const until = req.query.until
      ? Date.parse(String(req.query.until))
      : now + 1;
    const level2 = {
      user: userRef(SERVICES[id].escalation),
      escalation_level: 2,
      schedule: null,
      escalation_policy: policyRef(id),
      start: null,
      end: null,
    };
    res.json({
      oncalls: [
        ...shifts(id, since, until),
        ...(req.query.since ? [] : [level2]),
        ...shadowShift(id, now).filter(
          s => Date.parse(s.start) < until && Date.parse(s.end) > since,
        ),
      ],
      limit: 100,
      offset: 0,
      more: false,
      total: null,
    });
  });

  router.get('/incidents', (req, res) => {
    const id = first(req.query.service_ids);
    const open = SERVICES[id]?.incidents ?? 0;
    const since =
      Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
    res.json({
      incidents: Array.from({ length: open }, (_, i) => ({
        id: `Q${id}${i + 1}`,
        type: 'incident',
        title: 'Elevated 5xx on POST /orders',
        status: 'acknowledged',
        urgency: 'high',
        created_at: iso(since),
        html_url: `https://acme.pagerduty.example/incidents/Q${id}${i + 1}`,
      })),
      limit: 25,
      offset: 0,
      more: false,
    });
  });
  return router;
}
