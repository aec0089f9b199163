import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { usePermission } from '@backstage/plugin-permission-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { opsdeckAdminPermission } from '@opsdeck/backstage-plugin-common';
import { ReactNode } from 'react';
import { opsdeckTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  details: {
    marginTop: theme.spacing(0.5),
    color: theme.palette.text.secondary,
    '& > summary': {
      cursor: 'pointer',
      width: 'fit-content',
      ...theme.typography.caption,
    },
    '& a': { textDecoration: 'underline' },
  },
  body: { padding: theme.spacing(0.5, 0, 0, 2) },
}));

/**
 * The technical side of a message — config keys, annotations, the backend's own words — in a
 * collapsed "For admins" part that only holders of `opsdeck.admin` see. Everyone else reads the
 * plain message next to it, which says whom to ask.
 *
 * @internal
 */
export function ForAdmins(props: { children: ReactNode; testId?: string }) {
  const classes = useStyles();
  const { t } = useTranslationRef(opsdeckTranslationRef);
  const { allowed } = usePermission({ permission: opsdeckAdminPermission });
  if (!allowed) return null;
  return (
    <details
      className={classes.details}
      data-testid={props.testId ?? 'opsdeck-for-admins'}
    >
      <summary>{t('forAdmins.summary')}</summary>
      <Typography variant="body2" component="div" className={classes.body}>
        {props.children}
      </Typography>
    </details>
  );
}
