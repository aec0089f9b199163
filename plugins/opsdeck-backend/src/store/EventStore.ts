import {
  DeploymentEvent,
  DoraDeployment,
  DoraIncident,
  IncidentEvent,
} from '@opsdeck/backstage-plugin-common';
import { NewDelivery } from './DatabaseOpsDeckStore';
import { PushRecord } from './pushesSql';

/**
 * What one accepted delivery changed.
 *
 * @public
 */
export interface IngestResult {
  /** The delivery was seen before: nothing was written again. */
  duplicate: boolean;
  /** Events stored now (an event identical to a stored one is not stored twice). */
  storedEvents: number;
  /** Records (deployments + incidents) whose folded state was written. */
  updatedRecords: number;
}

/**
 * A delivery and its events, to be stored in one transaction.
 *
 * @public
 */
export interface IngestBatch {
  delivery: NewDelivery;
  deployments: readonly DeploymentEvent[];
  incidents: readonly IncidentEvent[];
  /** Pushes (merged commits): where deployments' changes and commit times come from. */
  pushes?: readonly PushRecord[];
  /** Parts of the delivery OpsDeck cannot use: kept as their own quarantined deliveries. */
  quarantined?: readonly NewDelivery[];
}

/**
 * How a stored webhook delivery ended: its normalised events, or why it was quarantined.
 *
 * @public
 */
export interface DeliveryOutcome {
  /** The raw delivery's row id; absent for records imported by a backfill. */
  id?: number;
  source: string;
  receivedAt: number;
  status: 'processed' | 'quarantined';
  reason?: string;
  deployments: readonly DeploymentEvent[];
  incidents: readonly IncidentEvent[];
  pushes: readonly PushRecord[];
}

/**
 * Deployment and incident events, the records folded from them, and pushes.
 *
 * @public
 */
export interface EventStore {
  /** Stores a delivery and its events in one transaction; all of it or none of it. */
  ingest(batch: IngestBatch): Promise<IngestResult>;
  /** Finishes a stored webhook delivery (see DatabaseEventStore). */
  completeDelivery(outcome: DeliveryOutcome): Promise<boolean>;
  /** Deletes a record and its events. */
  deleteRecord(
    key: string,
  ): Promise<{ deleted: Array<'deployment' | 'incident'>; events: number }>;
  getDeployments(keys: readonly string[]): Promise<DoraDeployment[]>;
  /** The first successful deployment shipping a change of this author's that `counts` accepts. */
  firstDeploymentAuthoredBy(
    email: string,
    counts: (deployment: DoraDeployment) => boolean,
  ): Promise<DoraDeployment | undefined>;
  getIncidents(keys: readonly string[]): Promise<DoraIncident[]>;
  counts(): Promise<{ events: number; deployments: number; incidents: number }>;
}
