import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Fragment } from 'react';

// `kind:namespace/name` inside a text, e.g. a rotation named after its Group.
const REF = /\b([a-z][a-z0-9-]*:[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*)/gi;

/**
 * Text from a tool or the backend (a schedule's name) with any entity ref in it shown as the
 * entity's title, linked to its page, instead of `group:default/…`.
 *
 * @internal
 */
export function TextWithRefs({ text }: { text: string }) {
  const parts = text.split(REF);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 ? (
          <EntityRefLink key={i} entityRef={part} />
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
