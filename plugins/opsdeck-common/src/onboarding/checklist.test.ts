/* eslint-disable no-script-url -- a javascript: link must be refused */
import { parseOnboardingChecklist, parseOnboardingQuests } from './checklist';

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

describe('parseOnboardingQuests', () => {
  it('reads quests with docs, automatic checks and personal links; the checklist is one more quest', () => {
    const quests = parseOnboardingQuests({
      quests: [
        {
          title: 'How a change reaches production here',
          summary: 'From a pull request to production.',
          docs: {
            entityRef: 'system:default/delivery-platform',
            path: 'onboarding/',
          },
          domain: 'delivery',
          steps: [
            { title: 'Open your pipeline', mine: 'pipeline' },
            {
              id: 'ship',
              title: 'Ship a change',
              auto: 'first-production-change',
            },
          ],
        },
      ],
      checklist: [{ id: 'vpn', title: 'Get VPN access' }],
    });
    expect(quests.map(q => [q.id, q.steps.map(s => s.id)])).toEqual([
      ['how-a-change-reaches-production-here', ['open-your-pipeline', 'ship']],
      ['first-week', ['vpn']],
    ]);
    expect(quests[0]).toMatchObject({
      docs: {
        entityRef: 'system:default/delivery-platform',
        path: 'onboarding/',
      },
      domain: 'delivery',
    });
    expect(quests[0].steps[0].mine).toBe('pipeline');
    expect(quests[0].steps[1].auto).toBe('first-production-change');
    expect(parseOnboardingQuests({})).toEqual([]);
  });

  it('names the bad entry and field, and refuses a step id used in two quests', () => {
    expect(() =>
      parseOnboardingQuests({
        quests: [{ title: 'A', steps: [{ title: 'x', auto: 'magic' }] }],
      }),
    ).toThrow('opsdeck.onboarding.quests[0].steps[0].auto: one of');
    expect(() =>
      parseOnboardingQuests({
        quests: [{ title: 'A', docs: { entityRef: 'not a ref' } }],
      }),
    ).toThrow('opsdeck.onboarding.quests[0].docs');
    expect(() =>
      parseOnboardingQuests({
        quests: [{ title: 'A', steps: [{ id: 'vpn', title: 'VPN' }] }],
        checklist: [{ id: 'vpn', title: 'Get VPN access' }],
      }),
    ).toThrow('opsdeck.onboarding.checklist[0].id: "vpn" is used twice');
  });
});
