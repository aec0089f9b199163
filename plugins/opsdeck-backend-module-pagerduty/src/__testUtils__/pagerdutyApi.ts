import type {
  PagerDutyIncidentsResponse,
  PagerDutyOnCall,
  PagerDutyServiceResponse,
  PagerDutyServicesResponse,
  PagerDutyUser,
} from '@pagerduty/backstage-plugin-common';

/** PagerDuty REST API v2 bodies in the documented shapes (types from PagerDuty's own package). */

export const pdUser = (
  id: string,
  name: string,
  email: string,
): PagerDutyUser => ({
  id,
  summary: name,
  name,
  email,
  html_url: `https://acme.pagerduty.com/users/${id}`,
  avatar_url: `https://secure.gravatar.com/avatar/${id}.png`,
});

export const serviceBody = (
  id = 'PLEDGER',
  policy = 'PPOLICY',
): PagerDutyServiceResponse => ({
  service: {
    id,
    name: 'Ledger',
    type: 'service',
    summary: 'Ledger',
    html_url: `https://acme.pagerduty.com/service-directory/${id}`,
    status: 'active',
    escalation_policy: {
      id: policy,
      name: 'Ledger escalation',
      type: 'escalation_policy_reference',
      summary: 'Ledger escalation',
    },
    integrations: [
      {
        id: 'PINTEG1',
        type: 'events_api_v2_inbound_integration',
        summary: 'Backstage',
        integration_key: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      },
    ],
  },
});

/** One `GET /oncalls` entry: the documented fields beyond the package's type (schedule, start, end). */
export type OnCallEntry = PagerDutyOnCall & {
  schedule: { id: string; type: string; summary: string } | null;
  escalation_policy: { id: string; type: string; summary: string };
  start: string | null;
  end: string | null;
};

export const oncall = (
  user: PagerDutyUser,
  level: number,
  start: string | null,
  end: string | null,
  schedule: string | null = 'Ledger primary',
): OnCallEntry => ({
  user,
  escalation_level: level,
  schedule: schedule
    ? { id: 'PSCHED1', type: 'schedule_reference', summary: schedule }
    : null,
  escalation_policy: {
    id: 'PPOLICY',
    type: 'escalation_policy_reference',
    summary: 'Ledger escalation',
  },
  start,
  end,
});

export const oncallsBody = (oncalls: OnCallEntry[], more = false) => ({
  oncalls,
  limit: 100,
  offset: 0,
  more,
  total: null,
});

export const incidentsBody = (): PagerDutyIncidentsResponse => ({
  incidents: [
    {
      id: 'Q1LEDGER',
      title: 'Ledger replication lag',
      status: 'triggered',
      html_url: 'https://acme.pagerduty.com/incidents/Q1LEDGER',
      assignments: [
        { assignee: pdUser('PALICE', 'Alice Adams', 'alice@acme.example') },
      ],
      service: serviceBody().service,
      created_at: '2026-11-22T08:00:00Z',
      urgency: 'high',
    },
  ],
});

export const servicesBody = (): PagerDutyServicesResponse => ({
  services: [serviceBody().service],
});
