import { toSafeHttpUrl } from '../links/safeUrl';
import { PlatformDomainId, isPlatformDomainId } from '../platform/domains';

/**
 * One step of the onboarding checklist (`opsdeck.onboarding.checklist[]`).
 *
 * @public
 */
export interface OnboardingStep {
  /** Stable id: the configured `id`, else the title in kebab case. */
  id: string;
  /** What to do. */
  title: string;
  /** Why, or how. */
  description?: string;
  /** Where to do it; http(s) only. */
  links: Array<{ title: string; url: string }>;
  /** The platform domain the step belongs to. */
  domain?: PlatformDomainId;
}

/**
 * The answer of `GET /onboarding/progress` (and of `PUT`): the checklist with the caller's ticks.
 *
 * @public
 */
export interface OnboardingProgress {
  /** The signed-in user the progress belongs to. */
  userRef: string;
  /** Every step, in the configured order. */
  steps: Array<OnboardingStep & { done: boolean; doneAt?: string }>;
  /** Ticked steps. */
  done: number;
  /** All steps. */
  total: number;
}

const kebab = (text: string) =>
  text
    .toLocaleLowerCase('en-US')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Checks the configured checklist, naming the entry and field of the first bad one; links that
 * are not http(s) are refused, ids must be unique.
 *
 * @public
 */
export function parseOnboardingChecklist(value: unknown): OnboardingStep[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new Error('opsdeck.onboarding.checklist: must be a list');
  }
  const seen = new Set<string>();
  return value.map((raw, i): OnboardingStep => {
    const at = `opsdeck.onboarding.checklist[${i}]`;
    const step = (raw ?? {}) as Record<string, unknown>;
    if (typeof step.title !== 'string' || !step.title.trim()) {
      throw new Error(`${at}.title: required, a non-empty string`);
    }
    const id =
      typeof step.id === 'string' && step.id.trim()
        ? step.id.trim()
        : kebab(step.title);
    if (!id || seen.has(id)) {
      throw new Error(
        `${at}.id: "${id}" is used twice; give the step its own id`,
      );
    }
    seen.add(id);
    if (step.domain !== undefined && !isPlatformDomainId(step.domain)) {
      throw new Error(
        `${at}.domain: not a platform domain id: ${String(step.domain)}`,
      );
    }
    const links = (Array.isArray(step.links) ? step.links : []).map((l, j) => {
      const link = (l ?? {}) as Record<string, unknown>;
      const url = toSafeHttpUrl(link.url);
      if (!url) {
        throw new Error(`${at}.links[${j}].url: must be an http(s) URL`);
      }
      return { title: typeof link.title === 'string' ? link.title : url, url };
    });
    return {
      id,
      title: step.title.trim(),
      ...(typeof step.description === 'string'
        ? { description: step.description }
        : {}),
      links,
      ...(step.domain ? { domain: step.domain as PlatformDomainId } : {}),
    };
  });
}
