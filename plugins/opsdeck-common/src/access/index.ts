import { PlatformDomainId } from '../platform/domains';

/**
 * An access request to a platform domain's resource (a database, a server, a VPN…).
 *
 * @public
 */
export interface AccessRequest {
  /** Its id. */
  id: string;
  /** The platform domain that grants it. */
  domain: PlatformDomainId;
  /** What access is wanted to: an entity ref or the name people use. */
  resource: string;
  /** Why. */
  reason: string;
  /** For how many days, when limited. */
  durationDays?: number;
  /** Who asked, as a User ref. */
  requester: string;
  /** The team that decides: the domain's owning Group when the request was made. */
  approver: string;
  /** `pending`, `approved` or `rejected`. */
  status: 'pending' | 'approved' | 'rejected';
  /** Who decided, as a User ref. */
  decidedBy?: string;
  /** What the decider said. */
  comment?: string;
  /** When it was asked, ISO 8601. */
  createdAt: string;
  /** When it was decided, ISO 8601. */
  decidedAt?: string;
}
