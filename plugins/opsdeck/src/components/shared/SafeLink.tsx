import { Link } from '@backstage/core-components';
import { toSafeHttpUrl } from '@opsdeck/backstage-plugin-common';
import { ReactNode } from 'react';

/**
 * A link to an outside URL, rendered only when the URL is absolute http(s); anything else
 * (javascript:, data:, relative) renders its children as plain text.
 */
export function SafeLink(props: { url?: string; children: ReactNode }) {
  const url = toSafeHttpUrl(props.url);
  if (!url) return <>{props.children}</>;
  return <Link to={url}>{props.children}</Link>;
}
