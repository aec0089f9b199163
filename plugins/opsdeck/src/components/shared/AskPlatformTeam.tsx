import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { platformRouteRef } from '../../routes';
import { opsdeckTranslationRef } from '../../translation';
import { useOptionalPath } from './glossary';

/**
 * "the platform team", linking to the platform page (who runs what) when the app has it: whom
 * to ask when OpsDeck is not connected or set up.
 *
 * @internal
 */
export function PlatformTeam() {
  const { t } = useTranslationRef(opsdeckTranslationRef);
  const path = useOptionalPath(platformRouteRef);
  const text = t('nullReasons.platformTeam');
  return path ? <Link to={path}>{text}</Link> : <>{text}</>;
}
