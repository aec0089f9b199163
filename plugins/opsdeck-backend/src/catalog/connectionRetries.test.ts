import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotFoundError } from '@backstage/errors';
import { mockCredentials } from '@backstage/backend-test-utils';
import { withConnectionRetries } from './connectionRetries';

const hangUp = () =>
  Object.assign(new Error('request failed, reason: socket hang up'), {
    code: 'ECONNRESET',
  });
const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout' },
};
const credentials = mockCredentials.user();

describe('withConnectionRetries', () => {
  it('reads again when the connection broke before an answer', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest
        .fn()
        .mockRejectedValueOnce(hangUp())
        .mockResolvedValueOnce(entity),
    });
    await expect(
      withConnectionRetries(catalog).getEntityByRef(
        'component:default/checkout',
        {
          credentials,
        },
      ),
    ).resolves.toEqual(entity);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('passes other errors and a connection that keeps breaking on', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn().mockRejectedValue(new NotFoundError('gone')),
      getEntities: jest.fn().mockRejectedValue(hangUp()),
    });
    const retrying = withConnectionRetries(catalog);
    await expect(
      retrying.getEntityByRef('component:default/checkout', { credentials }),
    ).rejects.toThrow('gone');
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    await expect(retrying.getEntities({}, { credentials })).rejects.toThrow(
      /socket hang up/,
    );
    expect(catalog.getEntities).toHaveBeenCalledTimes(3); // tried, then twice again
  });
});
