import { JsonValue } from '@backstage/types';
import { toSafeHttpUrl } from '@opsdeck/backstage-plugin-common';
import {
  OpsDeckOnCallIncident,
  OpsDeckOnCallProvider,
  ProviderHttpError,
} from '@opsdeck/backstage-plugin-node';
import { OnCallPerson } from '@opsdeck/backstage-plugin-common';
import { ProviderAnswerCache } from './ProviderAnswerCache';

const HOUR = 3_600_000;

/** Why an answer has nothing, and how to fix it. @internal */
export type OnCallError = { reason: string; message: string };

/** An on-call level as providers answer it (people not yet linked to catalog Users). @internal */
export type ProviderLevel = {
  level: number;
  people: OnCallPerson[];
  until?: string;
  scheduleName?: string;
};

/** A shift as providers answer it. @internal */
export type ProviderShift = {
  person: OnCallPerson;
  from: string;
  until: string;
  level: number;
  scheduleName?: string;
};

type Choice = { annotation: string; value: string; entityRef: string };

type Fresh<T> = { value: T; asOf: string; stale: boolean };
type Answered<T> = { provider: string | null } & (
  | Fresh<T>
  | { error: OnCallError }
);

const failure = (
  error: unknown,
  provider: OpsDeckOnCallProvider,
): OnCallError => {
  const name = provider.title ?? provider.id;
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof ProviderHttpError && !error.transient
    ? {
        reason: 'provider-rejected',
        message: `${name} refused the request: ${message}. Check the annotation's value and the ${provider.id} credentials in opsdeck.oncall.${provider.id}.`,
      }
    : {
        reason: 'provider-unavailable',
        message: `${name} could not be reached and no earlier answer is known yet: ${message}. OpsDeck will try again on the next request.`,
      };
};

/**
 * The installed on-call providers, asked through the {@link ProviderAnswerCache}: a missing
 * provider or a failed call becomes an error answer, never an exception.
 *
 * @internal
 */
export class ProviderOnCall {
  constructor(
    private readonly options: {
      providers: () => OpsDeckOnCallProvider[];
      cache: ProviderAnswerCache;
      /** `opsdeck.oncall.<provider>.cacheTtl` in ms. */
      ttlMsOf: (providerId: string) => number;
      /** Told of each failed provider call. */
      onProviderError?: (providerId: string, error: unknown) => void;
    },
  ) {}

  /** Who is on call now for an annotation value, per level, with open incidents. */
  async now(
    choice: Choice,
  ): Promise<
    Answered<{ levels: ProviderLevel[]; incidents: OpsDeckOnCallIncident[] }>
  > {
    const provider = this.providerFor(choice);
    if ('error' in provider) return provider;
    return this.ask(
      provider,
      choice,
      'now',
      async () => {
        const result = await provider.getOnCall({
          annotation: choice.annotation,
          value: choice.value,
        });
        return {
          levels: result.levels.map(l => ({
            level: l.level,
            people: l.people.map(p => ({ name: p.name, email: p.email })),
            until: l.until,
            scheduleName: l.scheduleName,
          })),
          incidents: (result.incidents ?? []).map(i => ({
            ...i,
            url: toSafeHttpUrl(i.url),
          })),
        };
      },
      v => v.levels.flatMap(l => (l.until ? [Date.parse(l.until)] : [])),
    );
  }

  /** Shifts overlapping `[from, to)`; windows are cached per whole hour. */
  async shifts(
    choice: Choice,
    window: { from: number; to: number },
  ): Promise<Answered<ProviderShift[]>> {
    const provider = this.providerFor(choice);
    if ('error' in provider) return provider;
    if (!provider.getShifts) {
      return {
        provider: provider.id,
        error: {
          reason: 'no-shifts',
          message: `${
            provider.title ?? provider.id
          } does not list upcoming shifts`,
        },
      };
    }
    // Rounded so "the next 28 days" asked every minute shares one answer.
    const from = Math.floor(window.from / HOUR) * HOUR;
    const to = Math.ceil(window.to / HOUR) * HOUR;
    const answer = await this.ask<ProviderShift[]>(
      provider,
      choice,
      `shifts:${from}:${to}`,
      async () => {
        const shifts = await provider.getShifts!({
          annotation: choice.annotation,
          value: choice.value,
          from: new Date(from),
          to: new Date(to),
        });
        return shifts.map(s => ({
          person: { name: s.person.name, email: s.person.email },
          from: s.from,
          until: s.until,
          level: s.level,
          scheduleName: s.scheduleName,
        }));
      },
    );
    if ('error' in answer) return answer;
    return {
      ...answer,
      value: answer.value.filter(
        s =>
          Date.parse(s.until) > window.from && Date.parse(s.from) < window.to,
      ),
    };
  }

  private providerFor(
    choice: Choice,
  ): OpsDeckOnCallProvider | { provider: null; error: OnCallError } {
    const provider = this.options
      .providers()
      .find(p => p.annotations.includes(choice.annotation));
    return (
      provider ?? {
        provider: null,
        error: {
          reason: 'no-provider',
          message: `${choice.entityRef} names its on-call with ${choice.annotation}, but no OpsDeck on-call provider for it is installed in this backend`,
        },
      }
    );
  }

  private async ask<T>(
    provider: OpsDeckOnCallProvider,
    choice: Choice,
    kind: string,
    load: () => Promise<T>,
    handoffsOf?: (value: T) => number[],
  ): Promise<Answered<T>> {
    try {
      const { value, asOf, stale } = await this.options.cache.get(
        ProviderAnswerCache.key(
          kind,
          provider.id,
          choice.annotation,
          choice.value,
        ),
        {
          ttlMs: this.options.ttlMsOf(provider.id),
          load: async () => {
            try {
              return (await load()) as unknown as JsonValue;
            } catch (error) {
              this.options.onProviderError?.(provider.id, error);
              throw error;
            }
          },
          handoffsOf: handoffsOf && (v => handoffsOf(v as unknown as T)),
        },
      );
      return {
        provider: provider.id,
        value: value as unknown as T,
        asOf: new Date(asOf).toISOString(),
        stale,
      };
    } catch (error) {
      return { provider: provider.id, error: failure(error, provider) };
    }
  }
}
