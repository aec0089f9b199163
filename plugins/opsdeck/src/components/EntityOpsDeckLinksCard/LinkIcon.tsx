import SvgIcon, { SvgIconProps } from '@material-ui/core/SvgIcon';
import BugReportIcon from '@material-ui/icons/BugReport';
import BuildIcon from '@material-ui/icons/Build';
import ChatIcon from '@material-ui/icons/Chat';
import CloudIcon from '@material-ui/icons/Cloud';
import DashboardIcon from '@material-ui/icons/Dashboard';
import DescriptionIcon from '@material-ui/icons/Description';
import DonutLargeIcon from '@material-ui/icons/DonutLarge';
import GitHubIcon from '@material-ui/icons/GitHub';
import LinkIcon from '@material-ui/icons/Link';
import PetsIcon from '@material-ui/icons/Pets';
import SyncIcon from '@material-ui/icons/Sync';
import TimelineIcon from '@material-ui/icons/Timeline';
import ViewModuleIcon from '@material-ui/icons/ViewModule';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import { LinkIconId } from '@opsdeck/backstage-plugin-common';
import { ComponentType } from 'react';

/** GitLab's tanuki, simplified: MUI v4 has no GitLab icon. */
function GitLabIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M12 21.4 16.1 8.8H7.9zM12 21.4 7.9 8.8H2.2zM2.2 8.8 1 12.4c-.1.3 0 .7.3.9L12 21.4zM2.2 8.8h5.7L5.4 1.2c-.1-.4-.7-.4-.8 0zM12 21.4l4.1-12.6h5.7zM21.8 8.8l1.2 3.6c.1.3 0 .7-.3.9L12 21.4zM21.8 8.8h-5.7l2.5-7.6c.1-.4.7-.4.8 0z" />
    </SvgIcon>
  );
}

/** One icon per tool of DESIGN's annotation table; `link` is the generic one. */
const ICONS: Record<LinkIconId, ComponentType<SvgIconProps>> = {
  github: GitHubIcon,
  gitlab: GitLabIcon,
  jenkins: BuildIcon,
  circleci: DonutLargeIcon,
  argocd: SyncIcon,
  kubernetes: ViewModuleIcon,
  grafana: DashboardIcon,
  datadog: PetsIcon,
  prometheus: WhatshotIcon,
  sentry: BugReportIcon,
  newrelic: TimelineIcon,
  aws: CloudIcon,
  techdocs: DescriptionIcon,
  chat: ChatIcon,
  link: LinkIcon,
};

/** The icon of a tool, marked with `data-icon` for tests and styling. */
export function LinkIconFor(props: { icon: LinkIconId } & SvgIconProps) {
  const { icon, ...rest } = props;
  const Icon = ICONS[icon] ?? LinkIcon;
  return <Icon {...rest} data-icon={icon} />;
}
