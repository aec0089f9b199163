import { OnCallOrigin } from './inheritance';

/**
 * One person on call, matched to a catalog User where possible.
 *
 * @public
 */
export interface OnCallPerson {
  /** Display name. */
  name: string;
  /** Email, when the provider or the catalog knows it. */
  email?: string;
  /** The catalog User, when exactly one matches by `spec.profile.email`. */
  userRef?: string;
}

/**
 * One escalation level of an on-call answer.
 *
 * @public
 */
export interface OnCallLevelAnswer {
  /** 1 is paged first. */
  level: number;
  /** Who is on call at this level now. */
  people: OnCallPerson[];
  /** End of the current shift, ISO 8601. */
  until?: string;
  /** Schedule or rotation name. */
  scheduleName?: string;
  /** The entity whose on-call this level is, when the level was escalated to a parent. */
  entityRef?: string;
}

/**
 * An open incident or alert the on-call provider reports.
 *
 * @public
 */
export interface OnCallIncident {
  /** The provider's id. */
  id: string;
  /** Title or alert message. */
  title: string;
  /** The provider's status, e.g. `triggered`, `acknowledged`, `open`. */
  status: string;
  /** When it was opened, ISO 8601. */
  createdAt: string;
  /** Urgency or priority as the provider names it (`high`, `P1`). */
  urgency?: string;
  /** The provider's page for it; only http(s) URLs are kept. */
  url?: string;
}

/**
 * Why an on-call answer has no levels, and how to fix it.
 *
 * @public
 */
export interface OnCallError {
  /** `no-oncall-annotation`, `no-provider`, `invalid-rotation`, `provider-unavailable`, `provider-rejected`. */
  reason: string;
  /** What to do, in words. */
  message: string;
}

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/oncall`.
 *
 * @public
 */
export interface OnCallAnswer {
  /** The entity asked about. */
  entityRef: string;
  /** `rotation`, or the id of the provider that answered; null when nothing is known. */
  provider: string | null;
  /** Where the on-call annotation came from, when one was found. */
  source?: { annotation: string; origin: OnCallOrigin; entityRef: string };
  /** Escalation levels, level 1 first. */
  levels: OnCallLevelAnswer[];
  /** Open incidents or alerts, when the provider has them. */
  incidents?: OnCallIncident[];
  /** When the answer was true, ISO 8601. */
  asOf: string;
  /** True when the provider could not be reached and this is its last-known answer. */
  stale: boolean;
  /** Why there are no levels, and how to fix it. */
  error?: OnCallError;
}

/**
 * One shift of `GET /oncall/shifts`.
 *
 * @public
 */
export interface OnCallShiftAnswer {
  /** Who is on call. */
  person: OnCallPerson;
  /** Start, ISO 8601. */
  from: string;
  /** End, ISO 8601. */
  until: string;
  /** Escalation level. */
  level: number;
  /** Schedule or rotation name. */
  scheduleName?: string;
}

/**
 * The answer of `GET /oncall/shifts`.
 *
 * @public
 */
export interface ShiftsAnswer {
  /** `rotation`, or the id of the provider that answered; null when nothing is known. */
  provider: string | null;
  /** Shifts in the window, earliest first. */
  items: OnCallShiftAnswer[];
  /** When the answer was true, ISO 8601. */
  asOf: string;
  /** True when this is the provider's last-known answer. */
  stale: boolean;
  /** Why there are no shifts, and how to fix it. */
  error?: OnCallError;
}

/**
 * A group as the ownership card shows it.
 *
 * @public
 */
export interface OwnershipGroup {
  /** The group's ref. */
  entityRef: string;
  /** Display name. */
  name: string;
  /** Team email. */
  email?: string;
}

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/ownership`.
 *
 * @public
 */
export interface OwnershipAnswer {
  /** The entity asked about. */
  entityRef: string;
  /** The owning group (a Group's own ownership answer is about itself); absent when unowned. */
  owner?: OwnershipGroup & {
    /** Its members. */
    members: Array<{ entityRef: string; name: string; email?: string }>;
    /** Links from the group's profile and `metadata.links`, http(s) only. */
    links: Array<{ title: string; url: string }>;
  };
  /** The owner's parent, its parent, … up to the top. */
  parents: OwnershipGroup[];
  /** Who is on call for the entity. */
  oncall: OnCallAnswer;
}
