import { InfoCard } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { DoraTiles } from '../DoraTiles';
import { DoraGuidance } from '../DoraGuidance';
import { CardStates } from '../shared/CardStates';
import { DORA_CARD } from '../shared/cardShapes';
import { BenchmarkTerm } from '../shared/TierChip';
import { formatNumber, useOpsDeckFormat } from '../shared/format';
import { takeEntityDora } from './prefetch';

/**
 * The five DORA metrics and MTTR of the entity on the page for the last 90 days: value, tier
 * and the change against the previous 90 days; null metrics say why and what to send where;
 * weak or worsening metrics say what they usually mean and which platform domains and golden
 * paths help. Links to the Delivery tab.
 *
 * @public
 */
export function EntityOpsDeckDoraCard(props: {
  /** Path of the Delivery tab under the entity page; `delivery` by default. */
  deliveryPath?: string;
}) {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const entityRoute = useRouteRef(entityRouteRef);
  const { t } = useOpsDeckFormat();
  const { value, loading, error } = useOpsDeck(
    api => takeEntityDora(api, ref),
    [ref.kind, ref.namespace, ref.name],
  );
  return (
    <CardStates shape={DORA_CARD} loading={loading} error={error}>
      {() => (
        <InfoCard
          title={t('cards.dora')}
          // one span: the header lays out its subheader as flex, which drops the spaces
          // around an element interpolated into the text
          subheader={
            <span>
              {t('doraCard.subheader', {
                days: formatNumber(value!.current.window.days, 0),
                previousDays: formatNumber(value!.previous.window.days, 0),
                benchmark: (
                  <BenchmarkTerm benchmark={value!.current.benchmark} />
                ),
              })}
            </span>
          }
          deepLink={{
            title: t('doraCard.deepLink'),
            link: `${entityRoute(entityRouteParams(entity))}/${
              props.deliveryPath ?? 'delivery'
            }`,
          }}
        >
          <DoraTiles
            current={value!.current}
            previous={value!.previous}
            firstEventAt={value!.firstEventAt}
          />
          <DoraGuidance
            current={value!.current}
            previous={value!.previous}
            firstEventAt={value!.firstEventAt}
            deliveryPath={props.deliveryPath}
          />
        </InfoCard>
      )}
    </CardStates>
  );
}
