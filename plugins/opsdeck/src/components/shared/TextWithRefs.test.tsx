import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { mountedRoutes } from '../../__testUtils__/fixtures';
import { TextWithRefs } from './TextWithRefs';

describe('TextWithRefs', () => {
  it('shows an entity ref inside a text by name, linked to the entity', async () => {
    await renderInTestApp(
      <p data-testid="line">
        <TextWithRefs text="group:default/platform rotation" />
      </p>,
      { mountedRoutes },
    );
    expect(screen.getByTestId('line')).toHaveTextContent('platform rotation');
    expect(screen.getByTestId('line')).not.toHaveTextContent('group:default');
    expect(screen.getByRole('link', { name: 'platform' })).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
  });

  it('leaves a text without refs as it is', async () => {
    await renderInTestApp(<TextWithRefs text="Checkout primary: 09:00" />);
    expect(screen.getByText('Checkout primary: 09:00')).toBeInTheDocument();
  });
});
