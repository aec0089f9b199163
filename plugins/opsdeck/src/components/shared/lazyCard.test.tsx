import { renderInTestApp } from '@backstage/test-utils';
import { act, screen } from '@testing-library/react';
import { lazyCard } from './lazyCard';

describe('lazyCard', () => {
  it("shows the card's title at the card's height while its code loads, then the card", async () => {
    let arrive: (
      card: (props: { name: string }) => JSX.Element,
    ) => void = () => {};
    const Card = lazyCard(
      () =>
        new Promise<(props: { name: string }) => JSX.Element>(resolve => {
          arrive = resolve;
        }),
      { titleKey: 'ownership', minHeight: 300 },
    );
    await renderInTestApp(<Card name="Payments" />);

    expect(screen.getByText('Owner & on-call')).toBeInTheDocument();
    const placeholder = document.querySelector('[aria-busy="true"]');
    expect(placeholder).toHaveStyle({ minHeight: '300px' });

    await act(async () => arrive(({ name }) => <p>Owned by {name}</p>));
    expect(await screen.findByText('Owned by Payments')).toBeInTheDocument();
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
  });
});
