import { chooseOnCallSource } from './inheritance';

const own = { entityRef: 'component:default/checkout' };
const system = { entityRef: 'system:default/payments-platform' };
const group = { entityRef: 'group:default/payments' };
const parent = { entityRef: 'group:default/commerce' };
const top = { entityRef: 'group:default/acme' };

describe('on-call inheritance', () => {
  it("uses the service's own annotation first, naming where it came from", () => {
    expect(
      chooseOnCallSource({
        own: { ...own, annotations: { 'pagerduty.com/service-id': 'PCHK001' } },
        group: { ...group, annotations: { 'opsgenie.com/team': 'payments' } },
      }),
    ).toEqual({
      annotation: 'pagerduty.com/service-id',
      value: 'PCHK001',
      origin: 'own',
      entityRef: 'component:default/checkout',
    });
  });

  it('falls back to the System, then the owning Group, then its ancestors, nearest first', () => {
    const rotation = '{"members":["user:alice"]}';
    expect(
      chooseOnCallSource({
        own,
        system: { ...system, annotations: { 'opsgenie.com/team': 'platform' } },
        group: {
          ...group,
          annotations: { 'opsdeck.io/oncall-rotation': rotation },
        },
      })?.origin,
    ).toBe('system');
    expect(
      chooseOnCallSource({
        own,
        system,
        group: {
          ...group,
          annotations: { 'opsdeck.io/oncall-rotation': rotation },
        },
      }),
    ).toMatchObject({
      origin: 'group',
      annotation: 'opsdeck.io/oncall-rotation',
    });
    expect(
      chooseOnCallSource({
        own,
        system,
        group,
        ancestors: [
          parent,
          { ...top, annotations: { 'opsgenie.com/team': 'sre' } },
        ],
      }),
    ).toMatchObject({
      origin: 'ancestor',
      entityRef: 'group:default/acme',
      value: 'sre',
    });
  });

  it('on one entity, PagerDuty beats Opsgenie beats a catalog rotation; blank values do not count', () => {
    expect(
      chooseOnCallSource({
        own: {
          ...own,
          annotations: {
            'opsdeck.io/oncall-rotation': '{}',
            'opsgenie.com/team': 'payments',
            'pagerduty.com/service-id': '  ',
          },
        },
      })?.annotation,
    ).toBe('opsgenie.com/team');
  });

  it('answers nothing when no entity in the chain names an on-call', () => {
    expect(
      chooseOnCallSource({ own, system, group, ancestors: [parent] }),
    ).toBeUndefined();
  });

  it('escalating to the parent continues the search after the entity that answered', () => {
    const rotation = '{"members":["user:alice"]}';
    const chain = {
      own,
      group: {
        ...group,
        annotations: { 'opsdeck.io/oncall-rotation': rotation },
      },
      ancestors: [
        parent,
        { ...top, annotations: { 'pagerduty.com/service-id': 'PTOP' } },
      ],
    };
    expect(chooseOnCallSource(chain, { after: group.entityRef })).toEqual({
      annotation: 'pagerduty.com/service-id',
      value: 'PTOP',
      origin: 'ancestor',
      entityRef: 'group:default/acme',
    });
    expect(chooseOnCallSource(chain, { after: top.entityRef })).toBeUndefined();
    expect(
      chooseOnCallSource(chain, { after: 'group:default/elsewhere' }),
    ).toBeUndefined();
  });
});
