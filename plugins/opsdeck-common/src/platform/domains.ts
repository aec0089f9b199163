/**
 * The platform (DevOps) team's domains OpsDeck gives a home to, in display order.
 *
 * @public
 */
export const PLATFORM_DOMAIN_IDS = [
  'network',
  'delivery',
  'orchestration',
  'observability',
  'cloud',
  'security',
  'data',
  'operations',
] as const;

/**
 * One platform domain id, the value of the `opsdeck.io/platform-domain` annotation.
 *
 * @public
 */
export type PlatformDomainId = (typeof PLATFORM_DOMAIN_IDS)[number];

/**
 * A platform domain as shown to users.
 *
 * @public
 */
export interface PlatformDomain {
  /** The annotation value. */
  id: PlatformDomainId;
  /** Section title on the platform page. */
  title: string;
  /** One sentence: what the domain covers. */
  description: string;
}

/**
 * Default titles and descriptions; `opsdeck.platform.domains` in app-config may override them.
 *
 * @public
 */
export const DEFAULT_PLATFORM_DOMAINS: readonly PlatformDomain[] = [
  {
    id: 'network',
    title: 'Network',
    description: 'VPCs, proxies and VPN, DNS.',
  },
  {
    id: 'delivery',
    title: 'Development & delivery',
    description:
      'Version control, CI/CD, QA and performance environments, package registries.',
  },
  {
    id: 'orchestration',
    title: 'Orchestration',
    description:
      'Kubernetes, ECS or Nomad; workflow engines such as Airflow and Argo Workflows.',
  },
  {
    id: 'observability',
    title: 'Observability',
    description: 'Logs, metrics, uptime, APM and alerting.',
  },
  {
    id: 'cloud',
    title: 'Cloud platform',
    description: 'Cloud accounts, landing zones, budgets and managed services.',
  },
  {
    id: 'security',
    title: 'Security & access',
    description:
      'Identity and SSO, audited access to servers and databases, firewalls.',
  },
  {
    id: 'data',
    title: 'Data platform',
    description: 'Databases, queues and streams, warehouse and BI.',
  },
  {
    id: 'operations',
    title: 'Service operations',
    description:
      'On-call, incident response and runbooks, shared with product teams.',
  },
];

/**
 * Whether a string is one of the known platform domain ids.
 *
 * @public
 */
export function isPlatformDomainId(value: unknown): value is PlatformDomainId {
  return (
    typeof value === 'string' &&
    (PLATFORM_DOMAIN_IDS as readonly string[]).includes(value)
  );
}
