// Webhook payloads as the providers document them, reduced to the fields OpsDeck reads.

/** A 40-hex commit SHA numbered `n`. */
export const sha = (n: number) => n.toString(16).padStart(40, 'a');

/** An instant in January 2026, UTC, as ISO text. */
export const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 0, day, hour, minute)).toISOString();

/** GitHub `push` to main of commits `c` (each committed on 5 Jan at c:00 UTC). */
export const pushPayload = (
  repo: string,
  before: number,
  after: number,
  commits: number[],
) => ({
  ref: 'refs/heads/main',
  before: sha(before),
  after: sha(after),
  forced: false,
  deleted: false,
  repository: { full_name: repo, html_url: `https://github.com/${repo}` },
  commits: commits.map(c => ({ id: sha(c), timestamp: at(5, c) })),
});

/** GitHub `deployment_status`: deployment `id` of commit `commit` reached `state` at `time`. */
export const deploymentStatusPayload = (
  repo: string,
  id: number,
  state: string,
  commit: number,
  time: string,
) => ({
  action: 'created',
  deployment_status: {
    state,
    environment: 'production',
    created_at: time,
    log_url: `https://github.com/${repo}/actions/runs/${id}`,
  },
  deployment: {
    id,
    sha: sha(commit),
    ref: 'main',
    environment: 'production',
    created_at: time,
  },
  repository: { full_name: repo, html_url: `https://github.com/${repo}` },
});

/** PagerDuty v3 webhook event `eventId` about incident `id` of service `serviceId`. */
export const pagerdutyIncidentPayload = (options: {
  eventId: string;
  type: string;
  occurredAt: string;
  id?: string;
  openedAt?: string;
  serviceId?: string;
}) => {
  const id = options.id ?? 'PT4KHLK';
  return {
    event: {
      id: options.eventId,
      event_type: options.type,
      resource_type: 'incident',
      occurred_at: options.occurredAt,
      agent: null,
      client: null,
      data: {
        id,
        type: 'incident',
        self: `https://api.pagerduty.com/incidents/${id}`,
        html_url: `https://acme.pagerduty.com/incidents/${id}`,
        number: 1,
        status: options.type.split('.')[1],
        created_at: options.openedAt ?? '2026-01-05T14:00:00Z',
        title: 'Checkout returns 502',
        service: {
          id: options.serviceId ?? 'PCHK001',
          type: 'service_reference',
        },
        urgency: 'high',
      },
    },
  };
};
