import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { viewTechDocRouteRef } from '../routes';

const segments = (path: string) =>
  path
    .split('/')
    .filter(Boolean)
    .map(part => encodeURIComponent(part))
    .join('/');

/**
 * The address of an entity's TechDocs page (optionally a page inside it): through TechDocs'
 * route when the app binds it, else TechDocs' usual `/docs/<namespace>/<kind>/<name>/<path>`.
 *
 * @internal
 */
export function useTechDocsHref() {
  const docRoot = useRouteRef(viewTechDocRouteRef);
  return useCallback(
    (entityRef: string, path?: string) => {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      const params = {
        namespace,
        kind: kind.toLocaleLowerCase('en-US'),
        name,
      };
      const base = docRoot
        ? docRoot(params)
        : `/docs/${segments(
            [params.namespace, params.kind, params.name].join('/'),
          )}`;
      const page = path ? segments(path) : '';
      return page ? `${base.replace(/\/$/, '')}/${page}/` : base;
    },
    [docRoot],
  );
}
