import { Entity } from '@backstage/catalog-model';
import { resolveDomainOwner } from './domainOwner';

const entity = (
  kind: string,
  name: string,
  domain: string,
  owner?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'opsdeck.io/platform-domain': domain },
  },
  spec: owner ? { owner } : {},
});

describe('resolveDomainOwner', () => {
  it("reads the home System's owner; Groups claiming the domain count for nothing", () => {
    expect(
      resolveDomainOwner('data', [
        entity('Group', 'eve-team', 'data'),
        entity('System', 'data-platform', 'data', 'platform-data'),
        entity('Resource', 'postgres', 'data', 'eve-team'),
      ]),
    ).toEqual({
      owner: 'group:default/platform-data',
      from: 'home-system',
      home: 'system:default/data-platform',
    });
  });

  it('a configured owner wins over the home System', () => {
    expect(
      resolveDomainOwner(
        'data',
        [entity('System', 'data-platform', 'data', 'platform-data')],
        'security',
      ),
    ).toEqual({
      owner: 'group:default/security',
      from: 'config',
      home: 'system:default/data-platform',
    });
  });

  it('two home Systems name nobody, even with an owner configured', () => {
    const homes = [
      entity('System', 'b', 'data', 'x'),
      entity('System', 'a', 'data', 'y'),
    ];
    const expected = {
      problem: 'two-homes',
      homes: ['system:default/a', 'system:default/b'],
    };
    expect(resolveDomainOwner('data', homes)).toEqual(expected);
    expect(resolveDomainOwner('data', homes, 'group:default/x')).toEqual(
      expected,
    );
  });

  it('says why nobody owns a domain', () => {
    expect(resolveDomainOwner('network', [])).toEqual({
      problem: 'no-home',
      homes: [],
    });
    expect(
      resolveDomainOwner('network', [entity('System', 'net', 'network')]),
    ).toEqual({ problem: 'home-without-owner', homes: ['system:default/net'] });
  });
});
