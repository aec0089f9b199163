/* eslint-disable no-script-url -- a javascript: link must be refused */
import { parseOnboardingChecklist } from './checklist';

describe('parseOnboardingChecklist', () => {
  it('gives each step an id, keeps http(s) links and the domain', () => {
    expect(
      parseOnboardingChecklist([
        {
          title: 'Get VPN access',
          links: [{ title: 'Request', url: 'https://desk.acme.test/vpn' }],
          domain: 'network',
        },
        {
          id: 'first-deploy',
          title: 'Ship your first change',
          description: 'Pair with your buddy.',
        },
      ]),
    ).toEqual([
      {
        id: 'get-vpn-access',
        title: 'Get VPN access',
        links: [{ title: 'Request', url: 'https://desk.acme.test/vpn' }],
        domain: 'network',
      },
      {
        id: 'first-deploy',
        title: 'Ship your first change',
        description: 'Pair with your buddy.',
        links: [],
      },
    ]);
    expect(parseOnboardingChecklist(undefined)).toEqual([]);
  });

  it('names the bad entry and field', () => {
    expect(() => parseOnboardingChecklist([{ title: '' }])).toThrow(
      'opsdeck.onboarding.checklist[0].title: required',
    );
    expect(() =>
      parseOnboardingChecklist([
        { title: 'A', links: [{ url: 'javascript:alert(1)' }] },
      ]),
    ).toThrow(
      'opsdeck.onboarding.checklist[0].links[0].url: must be an http(s) URL',
    );
    expect(() =>
      parseOnboardingChecklist([{ title: 'A' }, { title: 'a' }]),
    ).toThrow('opsdeck.onboarding.checklist[1].id: "a" is used twice');
    expect(() =>
      parseOnboardingChecklist([{ title: 'A', domain: 'hr' }]),
    ).toThrow('opsdeck.onboarding.checklist[0].domain');
  });
});
