import { SvgIconProps } from '@material-ui/core/SvgIcon';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import BuildIcon from '@material-ui/icons/Build';
import CloudIcon from '@material-ui/icons/Cloud';
import RouterIcon from '@material-ui/icons/Router';
import SecurityIcon from '@material-ui/icons/Security';
import StorageIcon from '@material-ui/icons/Storage';
import SupportAgentIcon from '@material-ui/icons/Headset';
import TimelineIcon from '@material-ui/icons/Timeline';
import WidgetsIcon from '@material-ui/icons/Widgets';
import { ComponentType } from 'react';

/** Icons by name: each default domain's own, usable from `opsdeck.platform.domains[].icon`. */
const ICONS: Record<string, ComponentType<SvgIconProps>> = {
  network: RouterIcon,
  delivery: BuildIcon,
  orchestration: AccountTreeIcon,
  observability: TimelineIcon,
  cloud: CloudIcon,
  security: SecurityIcon,
  data: StorageIcon,
  operations: SupportAgentIcon,
};

/** A domain's icon: the configured name, else the domain's own, else a generic one. */
export function DomainIcon(
  props: { id: string; icon?: string } & SvgIconProps,
) {
  const { id, icon, ...rest } = props;
  const Icon = ICONS[icon ?? id] ?? ICONS[id] ?? WidgetsIcon;
  return <Icon {...rest} />;
}
