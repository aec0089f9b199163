import { prefetchEntityDora, takeEntityDora } from './prefetch';

const ref = { kind: 'Component', namespace: 'default', name: 'checkout' };

describe('DORA prefetch', () => {
  afterEach(() => jest.useRealTimers());

  it('hands the card the answer the entity page already asked for, once', async () => {
    const getEntityDora = jest.fn(async () => ({ entityRef: 'x' } as any));
    const api = { getEntityDora } as any;
    prefetchEntityDora(api, ref);
    prefetchEntityDora(api, { ...ref, kind: 'component' }); // same entity: no second call
    expect(getEntityDora).toHaveBeenCalledTimes(1);
    await takeEntityDora(api, ref);
    expect(getEntityDora).toHaveBeenCalledTimes(1);
    await takeEntityDora(api, ref); // a retry or revisit asks again
    expect(getEntityDora).toHaveBeenCalledTimes(2);
  });

  it('does not hand out an old answer', async () => {
    jest.useFakeTimers({ now: 0 });
    const getEntityDora = jest.fn(async () => ({} as any));
    const api = { getEntityDora } as any;
    prefetchEntityDora(api, ref);
    jest.setSystemTime(11_000);
    await takeEntityDora(api, ref);
    expect(getEntityDora).toHaveBeenCalledTimes(2);
  });
});
