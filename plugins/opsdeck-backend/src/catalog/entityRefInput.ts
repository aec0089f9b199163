import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * An `entityRef` given by a caller (a query parameter, an action's input), or a 400 naming it
 * with an example. The namespace defaults to `default`; the kind only when `defaultKind` says.
 *
 * @internal
 */
export function parseEntityRefInput(
  value: string | undefined,
  options: { defaultKind?: string } = {},
): CompoundEntityRef {
  try {
    return parseEntityRef(value ?? '', {
      defaultNamespace: 'default',
      ...(options.defaultKind ? { defaultKind: options.defaultKind } : {}),
    });
  } catch (error) {
    throw new InputError(
      `entityRef: ${
        (error as Error).message
      } (e.g. component:default/checkout)`,
    );
  }
}
