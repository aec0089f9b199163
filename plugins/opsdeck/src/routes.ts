import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/**
 * The org overview page (`/opsdeck` in the demo app).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'opsdeck' });

/**
 * The platform page (`/platform` in the demo app).
 *
 * @public
 */
export const platformRouteRef = createRouteRef({ id: 'opsdeck-platform' });

/**
 * The onboarding page (`/onboarding` in the demo app).
 *
 * @public
 */
export const onboardingRouteRef = createRouteRef({ id: 'opsdeck-onboarding' });

/**
 * The glossary page (`/opsdeck/glossary` in the demo app): what each metric, tier and word
 * means. Cards link their terms into it.
 *
 * @public
 */
export const glossaryRouteRef = createRouteRef({ id: 'opsdeck-glossary' });

/**
 * The administration page (`/opsdeck/admin` in the demo app): backfill runs and their progress,
 * and starting one. For holders of `opsdeck.admin`; others read what it needs.
 *
 * @public
 */
export const adminRouteRef = createRouteRef({ id: 'opsdeck-admin' });

/**
 * A TechDocs page of an entity, where the onboarding quests' reading lives. Bind the plugin's
 * external route `viewTechDoc` to TechDocs' `docRoot` route; unbound, the links point at
 * `/docs/<namespace>/<kind>/<name>/`.
 *
 * @public
 */
export const viewTechDocRouteRef = createExternalRouteRef({
  id: 'opsdeck-view-techdoc',
  optional: true,
  params: ['namespace', 'kind', 'name'],
});

/**
 * A golden path's form in the scaffolder (the platform page's **Create**). Bound by default to the
 * scaffolder's `selectedTemplate` route in the new frontend system; legacy apps bind it to
 * `scaffolderPlugin.routes.selectedTemplate`. Unbound, it is `/create/templates/:namespace/:templateName`.
 *
 * @public
 */
export const createFromTemplateRouteRef = createExternalRouteRef({
  id: 'opsdeck-create-from-template',
  optional: true,
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});

/**
 * The scaffolder's start page (onboarding's "your golden paths"). Bound by default to the
 * scaffolder's root in the new frontend system; legacy apps bind it to
 * `scaffolderPlugin.routes.root`. Unbound, it is `/create`.
 *
 * @public
 */
export const createComponentRouteRef = createExternalRouteRef({
  id: 'opsdeck-create-component',
  optional: true,
  defaultTarget: 'scaffolder.root',
});
