import { AccessRequest } from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';

type Row = {
  id: string;
  domain: string;
  resource: string;
  reason: string;
  duration_days: number | null;
  requester: string;
  approver: string;
  status: string;
  decided_by: string | null;
  comment: string | null;
  created_at: number | string;
  decided_at: number | string | null;
};

const toRequest = (r: Row): AccessRequest => ({
  id: r.id,
  domain: r.domain as AccessRequest['domain'],
  resource: r.resource,
  reason: r.reason,
  ...(r.duration_days !== null
    ? { durationDays: Number(r.duration_days) }
    : {}),
  requester: r.requester,
  approver: r.approver,
  status: r.status as AccessRequest['status'],
  ...(r.decided_by ? { decidedBy: r.decided_by } : {}),
  ...(r.comment ? { comment: r.comment } : {}),
  createdAt: new Date(Number(r.created_at)).toISOString(),
  ...(r.decided_at !== null
    ? { decidedAt: new Date(Number(r.decided_at)).toISOString() }
    : {}),
});

/**
 * Access requests: the only place that speaks SQL for them.
 *
 * @internal
 */
export class DatabaseAccessRequestStore {
  constructor(private readonly db: Knex) {}

  async create(request: {
    id: string;
    domain: string;
    resource: string;
    reason: string;
    durationDays?: number;
    requester: string;
    approver: string;
    createdAt: number;
  }): Promise<AccessRequest> {
    const row: Row = {
      id: request.id,
      domain: request.domain,
      resource: request.resource,
      reason: request.reason,
      duration_days: request.durationDays ?? null,
      requester: request.requester,
      approver: request.approver,
      status: 'pending',
      decided_by: null,
      comment: null,
      created_at: request.createdAt,
      decided_at: null,
    };
    await this.db('opsdeck_access_requests').insert(row);
    return toRequest(row);
  }

  async get(id: string): Promise<AccessRequest | undefined> {
    const row = await this.db<Row>('opsdeck_access_requests')
      .where('id', id)
      .first();
    return row ? toRequest(row) : undefined;
  }

  /** Newest first, at most `limit`; with `visibleTo`, only those asked by or decided by them. */
  async list(filter: {
    domain?: string;
    status?: string;
    limit: number;
    visibleTo?: { requester: string; approvers: readonly string[] };
  }): Promise<AccessRequest[]> {
    const query = this.db<Row>('opsdeck_access_requests')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.limit);
    if (filter.domain) query.where('domain', filter.domain);
    if (filter.status) query.where('status', filter.status);
    const { visibleTo } = filter;
    if (visibleTo) {
      query.where(q =>
        q
          .where('requester', visibleTo.requester)
          .orWhereIn('approver', visibleTo.approvers as string[]),
      );
    }
    return (await query).map(toRequest);
  }

  /** Records a decision on a pending request; false when it was no longer pending. */
  async decide(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      /** The approving team at decision time. */
      approver: string;
      decidedBy: string;
      comment?: string;
      decidedAt: number;
    },
  ): Promise<boolean> {
    const changed = await this.db('opsdeck_access_requests')
      .where({ id, status: 'pending' })
      .update({
        status: decision.status,
        approver: decision.approver,
        decided_by: decision.decidedBy,
        comment: decision.comment ?? null,
        decided_at: decision.decidedAt,
      });
    return changed > 0;
  }
}
