import { isOpsDeckAvailable } from './predicates';

const entity = (kind: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('isOpsDeckAvailable', () => {
  it('applies to services and what they run on, not to people', () => {
    expect(isOpsDeckAvailable(entity('Component'))).toBe(true);
    expect(isOpsDeckAvailable(entity('system'))).toBe(true);
    expect(isOpsDeckAvailable(entity('Resource'))).toBe(true);
    expect(isOpsDeckAvailable(entity('User'))).toBe(false);
    expect(isOpsDeckAvailable(entity('Location'))).toBe(false);
  });
});
