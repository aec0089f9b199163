import {
  DEFAULT_PLATFORM_DOMAINS,
  PLATFORM_DOMAIN_IDS,
  isPlatformDomainId,
} from './domains';

describe('platform domains', () => {
  it('lists the eight DevOps domains in order, each with a title', () => {
    expect(PLATFORM_DOMAIN_IDS).toEqual([
      'network',
      'delivery',
      'orchestration',
      'observability',
      'cloud',
      'security',
      'data',
      'operations',
    ]);
    expect(DEFAULT_PLATFORM_DOMAINS.map(d => d.id)).toEqual([
      ...PLATFORM_DOMAIN_IDS,
    ]);
    for (const domain of DEFAULT_PLATFORM_DOMAINS) {
      expect(domain.title.length).toBeGreaterThan(2);
    }
  });

  it('recognises annotation values', () => {
    expect(isPlatformDomainId('observability')).toBe(true);
    expect(isPlatformDomainId('Observability')).toBe(false);
    expect(isPlatformDomainId(undefined)).toBe(false);
  });
});
