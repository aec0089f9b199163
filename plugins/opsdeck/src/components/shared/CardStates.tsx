import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ReactNode } from 'react';

/**
 * A card's loading and error states at the height of the loaded card, so nothing below it
 * jumps when the answer arrives (cumulative layout shift).
 *
 * @internal
 */
export function CardStates(props: {
  title: string;
  loading: boolean;
  error?: Error;
  minHeight?: number;
  children: () => ReactNode;
}) {
  const { title, loading, error, minHeight = 0, children } = props;
  if (loading) {
    return (
      <InfoCard title={title}>
        <div style={{ minHeight }} aria-busy="true">
          <Progress />
        </div>
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={title}>
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  return <>{children()}</>;
}
