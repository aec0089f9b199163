import { GenerationMemo, TtlMemo } from './ttlMemo';

describe('TtlMemo', () => {
  it('shares one load per key for the TTL, loads again after it, and forgets a failed load', async () => {
    let now = 0;
    const memo = new TtlMemo<number>({ ttlMs: 1_000, now: () => now });
    let loads = 0;
    const load = async () => ++loads;
    const first = memo.get('a', load);
    expect(memo.get('a', load)).toBe(first);
    expect(await first).toBe(1);
    now = 999;
    expect(await memo.get('a', load)).toBe(1);
    now = 1_000;
    expect(await memo.get('a', load)).toBe(2);

    const failed = memo.get('b', () => Promise.reject(new Error('down')));
    await expect(failed).rejects.toThrow('down');
    expect(await memo.get('b', load)).toBe(3);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const memo = new TtlMemo<string>({ ttlMs: 60_000, maxEntries: 2 });
    const loads: string[] = [];
    const load = (key: string) => async () => {
      loads.push(key);
      return key;
    };
    for (const key of ['a', 'b', 'c']) await memo.get(key, load(key));
    await memo.get('c', load('c'));
    await memo.get('b', load('b'));
    await memo.get('a', load('a'));
    expect(loads).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('GenerationMemo', () => {
  it('keeps values while the generation holds, and drops them all when it changes', async () => {
    const memo = new GenerationMemo<number>({ ttlMs: 60_000, maxEntries: 10 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await memo.get('g1', 'a', load)).toBe(1);
    expect(await memo.get('g1', 'a', load)).toBe(1);
    expect(await memo.get('g1', 'b', load)).toBe(2);
    expect(await memo.get('g2', 'a', load)).toBe(3);
    // Back to an older generation: what was kept under it is gone too.
    expect(await memo.get('g1', 'b', load)).toBe(4);
  });
});
