import Collapse from '@material-ui/core/Collapse';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLess from '@material-ui/icons/ExpandLess';
import ExpandMore from '@material-ui/icons/ExpandMore';
import RocketIcon from '@material-ui/icons/FlightTakeoff';
import { useState } from 'react';
import { formatDayRange, useOpsDeckFormat } from '../shared/format';
import { useWrapStyles } from '../shared/wrapStyles';
import { EventRow, statusLabel } from './EventRow';
import { Repository } from './sourceLinks';
import { TimelineRow } from './timelineRows';

const useStyles = makeStyles({ run: { listStyle: 'none' } });

/**
 * Alike deployments in a row, folded into one line — "12 deployments to production, all
 * successful, 24–30 Nov" — that opens to show each of them.
 *
 * @internal
 */
export function RunRow(props: {
  row: Extract<TimelineRow, { type: 'run' }>;
  repo?: Repository;
}) {
  const { row, repo } = props;
  const { t } = useOpsDeckFormat();
  const wrap = useWrapStyles();
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const status = statusLabel(row.status, t);
  return (
    // one list item holding the toggle and, when open, its own list: a list holds only items
    <li className={classes.run} data-testid="opsdeck-timeline-run">
      <ListItem
        button
        divider
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        <ListItemIcon>
          <RocketIcon titleAccess={t('timeline.kinds.deployment')} />
        </ListItemIcon>
        <ListItemText
          className={wrap.wrap}
          primary={t('timeline.run', {
            count: row.items.length,
            environment: row.environment,
            status,
            days: formatDayRange(row.from, row.to),
          })}
          secondary={open ? t('timeline.runHide') : t('timeline.runShow')}
        />
        {open ? <ExpandLess /> : <ExpandMore />}
      </ListItem>
      <Collapse in={open} unmountOnExit>
        <List dense disablePadding>
          {row.items.map(item => (
            <EventRow key={item.key} item={item} repo={repo} nested />
          ))}
        </List>
      </Collapse>
    </li>
  );
}
