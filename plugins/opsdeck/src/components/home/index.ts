export { MyServicesContent } from './MyServicesCard';
export { NextShiftContent } from './NextShiftCard';
export { OpenIncidentsContent } from './OpenIncidentsCard';
export { OnboardingCardGate, OnboardingContent } from './OnboardingCard';
