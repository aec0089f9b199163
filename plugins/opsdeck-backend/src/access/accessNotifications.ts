import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AccessRequest } from '@opsdeck/backstage-plugin-common';
import { NotificationService } from '@backstage/plugin-notifications-node';

/** `user:default/mei` → `mei`. */
const nameOf = (ref: string) => ref.replace(/^[^:]+:(?:[^/]+\/)?/, '');

/** The notifications topic of access requests (users may mute it in their settings). */
export const ACCESS_REQUEST_TOPIC = 'OpsDeck access requests';

/**
 * Tells people about access requests through Backstage's notifications plugin: the approving
 * team of a new request (its members, the requester left out), and the requester of a decision.
 * A notification that cannot be sent is logged, never an error: the request itself is stored.
 *
 * @internal
 */
export class AccessRequestNotifier {
  constructor(
    private readonly options: {
      notifications?: NotificationService;
      logger: LoggerService;
      /** Where the platform page is in the app, e.g. `/platform`. */
      platformPath: string;
    },
  ) {}

  /**
   * From `opsdeck.notifications` (`enabled`, default true; `platformPath`, default `/platform`):
   * without notifications, or with them turned off, decisions are only shown in the portal.
   */
  static fromConfig(
    config: Config,
    options: { notifications?: NotificationService; logger: LoggerService },
  ): AccessRequestNotifier {
    return new AccessRequestNotifier({
      notifications:
        config.getOptionalBoolean('opsdeck.notifications.enabled') === false
          ? undefined
          : options.notifications,
      logger: options.logger,
      platformPath:
        config.getOptionalString('opsdeck.notifications.platformPath') ??
        '/platform',
    });
  }

  /** A new request: its approving team is asked to decide. */
  requested(request: AccessRequest): Promise<void> {
    const days = request.durationDays
      ? ` for ${request.durationDays} day${
          request.durationDays === 1 ? '' : 's'
        }`
      : '';
    return this.send(request, {
      recipients: {
        type: 'entity',
        entityRef: request.approver,
        excludeEntityRef: request.requester,
      },
      payload: {
        title: `Access request to decide: ${request.resource}`,
        description: `${nameOf(request.requester)} asks for ${
          request.resource
        } (${request.domain})${days}: “${request.reason}”`,
        severity: 'normal',
      },
    });
  }

  /**
   * A decision: the requester learns it, with the decider's comment; the approving team's
   * "to decide" notification (same scope) now says who decided.
   */
  async decided(request: AccessRequest): Promise<void> {
    const approved = request.status === 'approved';
    const verdict = approved ? 'approved' : 'rejected';
    await this.send(request, {
      recipients: {
        type: 'entity',
        entityRef: request.approver,
        excludeEntityRef: [request.requester, request.decidedBy ?? ''],
      },
      payload: {
        title: `Access request ${verdict} by ${nameOf(
          request.decidedBy ?? request.approver,
        )}: ${request.resource}`,
        description: `${nameOf(request.requester)}'s request for ${
          request.resource
        } (${request.domain}) is decided; nothing is left to do.`,
        severity: 'low',
      },
    });
    await this.send(request, {
      recipients: { type: 'entity', entityRef: request.requester },
      payload: {
        title: `Access request ${approved ? 'approved' : 'rejected'}: ${
          request.resource
        }`,
        description: `${nameOf(request.decidedBy ?? request.approver)} ${
          approved ? 'approved' : 'rejected'
        } your request for ${request.resource} (${request.domain})${
          request.comment ? `: “${request.comment}”` : '.'
        }`,
        severity: approved ? 'normal' : 'high',
      },
    });
  }

  private async send(
    request: AccessRequest,
    options: {
      recipients: Parameters<NotificationService['send']>[0]['recipients'];
      payload: {
        title: string;
        description: string;
        severity: 'low' | 'normal' | 'high';
      };
    },
  ) {
    const { notifications, logger, platformPath } = this.options;
    if (!notifications) return;
    try {
      await notifications.send({
        recipients: options.recipients,
        payload: {
          ...options.payload,
          link: platformPath,
          topic: ACCESS_REQUEST_TOPIC,
          // One notification per request and recipient, updated by the decision.
          scope: `opsdeck-access-request:${request.id}`,
        },
      });
    } catch (error) {
      logger.warn(
        `OpsDeck could not send a notification about access request ${request.id}: ${error}`,
      );
    }
  }
}
