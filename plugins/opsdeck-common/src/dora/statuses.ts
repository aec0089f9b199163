import { DeploymentStatus } from './types';

const STATUS_WORDS: Record<string, DeploymentStatus> = {
  success: 'success',
  succeeded: 'success',
  successful: 'success',
  failure: 'failure',
  failed: 'failure',
  error: 'failure',
  degraded: 'failure',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  queued: 'pending',
  pending: 'pending',
  in_progress: 'pending',
  running: 'pending',
  waiting: 'pending',
};

/**
 * Maps a provider's deployment status word to OpsDeck's four statuses, case-insensitively.
 * Returns `undefined` for words that carry no status (GitHub's `inactive`) or are unknown.
 *
 * @public
 */
export function normalizeDeploymentStatus(
  word: string,
): DeploymentStatus | undefined {
  return STATUS_WORDS[word.trim().toLowerCase()];
}

/**
 * Whether a status ends a deployment (success, failure, cancelled).
 *
 * @public
 */
export function isTerminalStatus(status: DeploymentStatus): boolean {
  return status !== 'pending';
}
