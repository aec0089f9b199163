import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { ReactNode } from 'react';
import { opsdeckTranslationRef } from '../../translation';

/**
 * What an entity card shows until it can show its content: its title (and room for its
 * subheader), over a body of about the loaded card's height.
 *
 * @internal
 */
export interface CardShape {
  /** The card's title, by its key under `cards.` in the translation ref. */
  titleKey: 'ownership' | 'dora' | 'links' | 'coverage' | 'slo';
  /** The loaded card has a subheader line; the placeholder keeps room for it. */
  subheader?: boolean;
  /** Height of the placeholder's body in pixels. */
  minHeight: number;
}

/**
 * A card while its code or its data loads, at about the loaded card's height, so that the cards
 * below it do not jump when it arrives (cumulative layout shift).
 *
 * @internal
 */
export function CardPlaceholder(props: { shape: CardShape }) {
  const { titleKey, subheader, minHeight } = props.shape;
  const { t } = useTranslationRef(opsdeckTranslationRef);
  const title = t(`cards.${titleKey}`);
  return (
    <InfoCard title={title} subheader={subheader ? '\u00a0' : undefined}>
      <div style={{ minHeight }} aria-busy="true">
        <Progress />
      </div>
    </InfoCard>
  );
}

/**
 * A card's loading and error states: the placeholder while loading, the error panel under the
 * card's title on failure, else the card.
 *
 * @internal
 */
export function CardStates(props: {
  shape: CardShape;
  loading: boolean;
  error?: Error;
  children: () => ReactNode;
}) {
  const { shape, loading, error, children } = props;
  const { t } = useTranslationRef(opsdeckTranslationRef);
  if (loading) {
    return <CardPlaceholder shape={shape} />;
  }
  if (error) {
    return (
      <InfoCard title={t(`cards.${shape.titleKey}`)}>
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  return <>{children()}</>;
}
