import { DoraMetrics } from './metrics';

/**
 * The metrics every DORA answer carries: this window, the previous one of the same length, and
 * each ISO week of this window.
 *
 * @public
 */
export interface DoraAnswer {
  /** The window asked for. */
  current: DoraMetrics;
  /** The window of the same length just before it. */
  previous: DoraMetrics;
  /** Each ISO week (Monday 00:00 UTC) overlapping the window, clipped to it. */
  weekly: Array<{ weekStart: number; metrics: DoraMetrics }>;
  /**
   * When the scope's earliest event (deployment finished, incident opened) happened, epoch ms;
   * null without any. Windows are compared only when it precedes the previous window.
   */
  firstEventAt?: number | null;
}

/**
 * How far the derived data behind an answer has come: derivation runs after ingest, so an
 * answer can lag the events just accepted.
 *
 * @public
 */
export interface DerivationState {
  /** When the newest event the answer includes was received, epoch ms; null before any. */
  derivedThrough?: number | null;
  /**
   * Events accepted but not derived yet (at least 1 while any derivation work is queued): exact
   * up to 1 000, above that the difference of the events' row ids (which PostgreSQL may skip).
   */
  pendingEvents?: number;
}

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/dora`.
 *
 * @public
 */
export interface EntityDora extends DoraAnswer, DerivationState {
  /** The entity, as its full ref. */
  entityRef: string;
  /** Service identities whose events count for the entity (its ref and mapped annotations). */
  services: string[];
}

/**
 * The answer of `GET /groups/{namespace}/{name}/dora` and `GET /org/dora`.
 *
 * @public
 */
export interface ScopeDora extends DoraAnswer, DerivationState {
  /** What was measured. */
  scope: {
    type: 'group' | 'org';
    /** The group, for group scopes. */
    entityRef?: string;
    /** Whether the group's child groups count too. */
    includeChildren?: boolean;
    /** Components the scope holds under current ownership. */
    services: number;
  };
}

/**
 * One event behind the numbers, as the provenance list (the Delivery tab's timeline) shows it.
 *
 * @public
 */
export interface ProvenanceItem {
  /** A deployment or an incident. */
  type: 'deployment' | 'incident';
  /** Record key, `<source>:<id>`. */
  key: string;
  /** The source that sent it. */
  source: string;
  /** The source's id. */
  id: string;
  /** Finish time (deployments) or open time (incidents), epoch ms. */
  time: number;
  /** What people call it. */
  title?: string;
  /** Link back to the source; http(s) only. */
  url?: string;
  /** The stored record and, for deployments, its derived facts (failed, rework, …). */
  detail: Record<string, unknown>;
}

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/events`.
 *
 * @public
 */
export interface ProvenancePage extends DerivationState {
  /** Newest first. */
  items: ProvenanceItem[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}
