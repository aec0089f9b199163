import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  BurnRule,
  DEFAULT_BURN_RULES,
  SLO_LOOKBACKS,
  SloLookback,
} from '@opsdeck/backstage-plugin-common';
import { PrometheusInstance } from './PrometheusSliProvider';
import { BurnRules } from './evaluateSlo';

/** `opsdeck.slo`, read and checked once at start-up. */
export interface SloConfig {
  prometheus: PrometheusInstance[];
  /** How long an SLO answer is fresh; default one minute. */
  cacheTtlMs: number;
  rules: BurnRules;
  policy: {
    /** The gate waits when a budget's remaining share is at or below this; default 0. */
    waitAtOrBelow: number;
    /** Whether an `unknown` gate lets the pipeline proceed; default true (fail-open). */
    proceedWhenUnknown: boolean;
  };
  /** A deployment is listed as followed by a burn when the next hour burned at least this; default 2. */
  burnAfterDeployment: number;
}

function readRules(
  config: Config | undefined,
  key: 'page' | 'ticket',
): BurnRule[] {
  const list = config?.getOptionalConfigArray(key);
  if (!list) return DEFAULT_BURN_RULES[key];
  return list.map((rule, i) => {
    const lookback = (name: 'long' | 'short'): SloLookback => {
      const value = rule.getString(name);
      if (!(SLO_LOOKBACKS as readonly string[]).includes(value)) {
        throw new Error(
          `opsdeck.slo.burnRates.${key}[${i}].${name}: one of ${SLO_LOOKBACKS.join(
            ', ',
          )}, got '${value}'`,
        );
      }
      return value as SloLookback;
    };
    const factor = rule.getNumber('factor');
    if (!(factor > 0)) {
      throw new Error(
        `opsdeck.slo.burnRates.${key}[${i}].factor: a number above 0`,
      );
    }
    return { long: lookback('long'), short: lookback('short'), factor };
  });
}

function authorizationOf(instance: Config, at: string): string | undefined {
  const auth = instance.getOptionalConfig('auth');
  if (!auth) return undefined;
  const bearer = auth.getOptionalString('bearer');
  if (bearer) return `Bearer ${bearer}`;
  const basic = auth.getOptionalConfig('basic');
  if (basic) {
    const pair = `${basic.getString('username')}:${basic.getString(
      'password',
    )}`;
    return `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  throw new Error(
    `${at}.auth: needs bearer, or basic with username and password`,
  );
}

/**
 * Reads `opsdeck.slo`: Prometheus instances (unique names, http(s) base URLs, bearer or basic
 * auth), the burn-rate rules (SRE Workbook defaults), the gate policy and the cache TTL.
 *
 * @internal
 */
export function readSloConfig(config: Config): SloConfig {
  const slo = config.getOptionalConfig('opsdeck.slo');
  const prometheus = (
    slo?.getOptionalConfigArray('providers.prometheus') ?? []
  ).map((instance, i): PrometheusInstance => {
    const at = `opsdeck.slo.providers.prometheus[${i}]`;
    const baseUrl = instance.getString('baseUrl');
    if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
      throw new Error(`${at}.baseUrl: an http(s) URL, got '${baseUrl}'`);
    }
    const authorization = authorizationOf(instance, at);
    return {
      name: instance.getString('name'),
      baseUrl,
      ...(authorization ? { authorization } : {}),
    };
  });
  const names = prometheus.map(p => p.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) {
    throw new Error(
      `opsdeck.slo.providers.prometheus: the name '${twice}' is used twice`,
    );
  }
  const burnRates = slo?.getOptionalConfig('burnRates');
  const waitAtOrBelow = slo?.getOptionalNumber('policy.waitAtOrBelow') ?? 0;
  if (!(waitAtOrBelow >= 0 && waitAtOrBelow < 1)) {
    throw new Error(
      'opsdeck.slo.policy.waitAtOrBelow: a share of the budget from 0 (exhausted) to below 1',
    );
  }
  const onUnknown = slo?.getOptionalString('policy.onUnknown') ?? 'go';
  if (onUnknown !== 'go' && onUnknown !== 'wait') {
    throw new Error('opsdeck.slo.policy.onUnknown: go or wait');
  }
  return {
    prometheus,
    cacheTtlMs: slo?.has('cacheTtl')
      ? durationToMilliseconds(readDurationFromConfig(slo, { key: 'cacheTtl' }))
      : 60_000,
    rules: {
      page: readRules(burnRates, 'page'),
      ticket: readRules(burnRates, 'ticket'),
    },
    policy: { waitAtOrBelow, proceedWhenUnknown: onUnknown === 'go' },
    burnAfterDeployment: slo?.getOptionalNumber('burnAfterDeployment') ?? 2,
  };
}
