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
  /** A check that ticks the step from real data (see {@link ONBOARDING_AUTO_CHECKS}). */
  auto?: OnboardingAutoCheck;
  /** A link the page resolves for each reader: their own service's pipeline, dashboards, … */
  mine?: OnboardingPersonalLink;
}

/**
 * Checks that tick a step from real data: the reader's first change in production (a change
 * whose `authorEmail` is theirs) and their first on-call shift (any level: shadows count).
 *
 * @public
 */
export const ONBOARDING_AUTO_CHECKS = [
  'first-production-change',
  'first-oncall-shift',
] as const;

/**
 * One of {@link ONBOARDING_AUTO_CHECKS}.
 *
 * @public
 */
export type OnboardingAutoCheck = (typeof ONBOARDING_AUTO_CHECKS)[number];

/**
 * Links a step resolves per reader, from the services their teams own: the service page, its
 * CI pipeline, dashboards, runbook (docs), on-call rota, the golden paths, and the team's error
 * budgets (its Operations tab).
 *
 * @public
 */
export const ONBOARDING_PERSONAL_LINKS = [
  'service',
  'pipeline',
  'dashboards',
  'runbook',
  'oncall',
  'golden-paths',
  'error-budgets',
] as const;

/**
 * One of {@link ONBOARDING_PERSONAL_LINKS}.
 *
 * @public
 */
export type OnboardingPersonalLink = (typeof ONBOARDING_PERSONAL_LINKS)[number];

/**
 * A step with the reader's progress: ticked by hand, or by its automatic check.
 *
 * @public
 */
export type OnboardingStepProgress = OnboardingStep & {
  done: boolean;
  /** When it was done, ISO 8601. */
  doneAt?: string;
  /** `auto`: its check found the evidence (and says what in `evidence`); `you`: ticked by hand. */
  doneBy?: 'auto' | 'you';
  /** What the automatic check found. */
  evidence?: OnboardingEvidence;
  /**
   * Whether the reader's progress stores the step as done. A step its check found is stored
   * once the page has seen it, so it stays done when the evidence ages out of what providers
   * answer (PagerDuty: 90 days).
   */
  kept?: boolean;
};

/**
 * What an automatic check found: the deployment that shipped the reader's change, or the
 * reader's first on-call shift.
 *
 * @public
 */
export interface OnboardingEvidence {
  /** When: the deployment finished, or the shift started; ISO 8601. */
  at: string;
  /** The deployment's or schedule's title. */
  title?: string;
  /** The deployment's link (http(s) only). */
  url?: string;
  /** The service or team whose on-call the shift is. */
  entityRef?: string;
  /** The shift's escalation level (2 and up: a second level, e.g. a shadow). */
  level?: number;
}

/**
 * The reader's on-call shift now, or the next one within 30 days.
 *
 * @public
 */
export interface OnboardingShift {
  /** The service or team whose on-call it is. */
  entityRef: string;
  /** Start, ISO 8601. */
  from: string;
  /** End, ISO 8601. */
  until: string;
  /** Escalation level: 1 is paged first. */
  level: number;
  /** Schedule or rotation name. */
  scheduleName?: string;
  /** Whether it is running now. */
  now: boolean;
}

/**
 * A quest with the reader's progress.
 *
 * @public
 */
export interface OnboardingQuestProgress
  extends Omit<OnboardingQuest, 'steps'> {
  /** Its steps with the reader's progress. */
  steps: OnboardingStepProgress[];
  /** Done steps. */
  done: number;
  /** All steps. */
  total: number;
}

/**
 * The answer of `GET /onboarding/progress` (and of `PUT`): the quests with the caller's ticks.
 *
 * @public
 */
export interface OnboardingProgress {
  /** The signed-in user the progress belongs to. */
  userRef: string;
  /** The quests, in the configured order (always sent by the backend since quests exist). */
  quests?: OnboardingQuestProgress[];
  /** Every step of every quest, in order. */
  steps: OnboardingStepProgress[];
  /** The reader's on-call shift now, or their next one, on their teams and services. */
  shift?: OnboardingShift;
  /** Done steps. */
  done: number;
  /** All steps. */
  total: number;
}

/**
 * One quest of the onboarding path (`opsdeck.onboarding.quests[]`): a topic a new hire learns,
 * with a short page written for this organisation and steps to do.
 *
 * @public
 */
export interface OnboardingQuest {
  /** Stable id: the configured `id`, else the title in kebab case. */
  id: string;
  /** The topic, e.g. "How a change reaches production here". */
  title: string;
  /** One or two sentences on why it matters. */
  summary?: string;
  /** The page that teaches it: TechDocs of an entity (a platform domain's System), optionally a page path. */
  docs?: { entityRef: string; path?: string };
  /** The platform domain it belongs to. */
  domain?: PlatformDomainId;
  /** What to do, in order. */
  steps: OnboardingStep[];
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
  return parseSteps(value, 'opsdeck.onboarding.checklist', new Set());
}

/** Steps at a config path; ids unique within `seen` (progress is stored per step id). */
function parseSteps(
  value: unknown,
  path: string,
  seen: Set<string>,
): OnboardingStep[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new Error(`${path}: must be a list`);
  }
  return value.map((raw, i): OnboardingStep => {
    const at = `${path}[${i}]`;
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
    const auto = oneOf(step.auto, ONBOARDING_AUTO_CHECKS, `${at}.auto`);
    const mine = oneOf(step.mine, ONBOARDING_PERSONAL_LINKS, `${at}.mine`);
    return {
      id,
      title: step.title.trim(),
      ...(typeof step.description === 'string'
        ? { description: step.description }
        : {}),
      links,
      ...(step.domain ? { domain: step.domain as PlatformDomainId } : {}),
      ...(auto ? { auto } : {}),
      ...(mine ? { mine } : {}),
    };
  });
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  at: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new Error(`${at}: one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** The id the former checklist gets as a quest. @public */
export const CHECKLIST_QUEST_ID = 'first-week';

/**
 * Checks the configured quests (`opsdeck.onboarding.quests`), naming the entry and field of the
 * first bad one. The former `opsdeck.onboarding.checklist` reads as one more quest, "Your first
 * week", so its stored ticks stay; step ids are unique across all quests.
 *
 * @public
 */
export function parseOnboardingQuests(config: {
  quests?: unknown;
  checklist?: unknown;
}): OnboardingQuest[] {
  const seen = new Set<string>();
  const questIds = new Set<string>();
  const { quests, checklist } = config;
  if (quests !== undefined && quests !== null && !Array.isArray(quests)) {
    throw new Error('opsdeck.onboarding.quests: must be a list');
  }
  const out = ((quests as unknown[] | undefined) ?? []).map(
    (raw, i): OnboardingQuest => {
      const at = `opsdeck.onboarding.quests[${i}]`;
      const quest = (raw ?? {}) as Record<string, unknown>;
      if (typeof quest.title !== 'string' || !quest.title.trim()) {
        throw new Error(`${at}.title: required, a non-empty string`);
      }
      const id =
        typeof quest.id === 'string' && quest.id.trim()
          ? quest.id.trim()
          : kebab(quest.title);
      if (!id || questIds.has(id)) {
        throw new Error(`${at}.id: "${id}" is used twice`);
      }
      questIds.add(id);
      if (quest.domain !== undefined && !isPlatformDomainId(quest.domain)) {
        throw new Error(
          `${at}.domain: not a platform domain id: ${String(quest.domain)}`,
        );
      }
      const docs = quest.docs as Record<string, unknown> | undefined;
      if (
        docs !== undefined &&
        (typeof docs !== 'object' ||
          docs === null ||
          typeof docs.entityRef !== 'string' ||
          !/^[a-z]+:([\w.-]+\/)?[\w.-]+$/i.test(docs.entityRef) ||
          (docs.path !== undefined && typeof docs.path !== 'string'))
      ) {
        throw new Error(
          `${at}.docs: { entityRef: "system:default/<name>", path?: "<page>/" }`,
        );
      }
      return {
        id,
        title: quest.title.trim(),
        ...(typeof quest.summary === 'string'
          ? { summary: quest.summary }
          : {}),
        ...(docs
          ? {
              docs: {
                entityRef: String(docs.entityRef),
                ...(typeof docs.path === 'string' ? { path: docs.path } : {}),
              },
            }
          : {}),
        ...(quest.domain ? { domain: quest.domain as PlatformDomainId } : {}),
        steps: parseSteps(quest.steps, `${at}.steps`, seen),
      };
    },
  );
  const firstWeek = parseSteps(checklist, 'opsdeck.onboarding.checklist', seen);
  if (firstWeek.length) {
    out.push({
      id: questIds.has(CHECKLIST_QUEST_ID) ? 'checklist' : CHECKLIST_QUEST_ID,
      title: 'Your first week',
      steps: firstWeek,
    });
  }
  return out;
}
