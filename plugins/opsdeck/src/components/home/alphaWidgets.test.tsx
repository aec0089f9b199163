import plugin, {
  opsDeckMyServicesHomeWidget,
  opsDeckNextShiftHomeWidget,
  opsDeckOnboardingHomeWidget,
  opsDeckOpenIncidentsHomeWidget,
} from '../../alpha';

describe('the home page cards in the new frontend system (/alpha)', () => {
  it('are widgets of the home page, installed with the plugin', () => {
    const widgets = [
      opsDeckMyServicesHomeWidget,
      opsDeckNextShiftHomeWidget,
      opsDeckOpenIncidentsHomeWidget,
      opsDeckOnboardingHomeWidget,
    ];
    expect(widgets.map(w => String(w))).toEqual(
      ['my-services', 'next-shift', 'open-incidents', 'onboarding'].map(
        name =>
          `ExtensionDefinition{kind=home-page-widget,name=${name},attachTo=page:home@widgets}`,
      ),
    );
    expect(plugin.id).toBe('opsdeck');
  });
});
