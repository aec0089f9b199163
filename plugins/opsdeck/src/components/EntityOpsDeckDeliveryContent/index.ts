export { EntityOpsDeckDeliveryContent } from './EntityOpsDeckDeliveryContent';
