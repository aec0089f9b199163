import { ResponseErrorPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AccessRequest,
  opsdeckAccessRequestDecidePermission,
} from '@opsdeck/backstage-plugin-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { opsDeckApiRef } from '../../api/OpsDeckApi';
import { DomainHome } from '../../hooks/usePlatformDomains';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { formatInstant, useOpsDeckFormat } from '../shared/format';

const useStyles = makeStyles(theme => ({
  request: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1, 0),
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/** What is asked for: a catalog entity by its title and link, else the words as typed. */
function Resource({ value }: { value: string }) {
  let isRef = false;
  try {
    isRef = /^[a-z][\w-]*:/i.test(value) && Boolean(parseEntityRef(value));
  } catch {
    isRef = false;
  }
  return isRef ? <EntityRefLink entityRef={value} /> : <strong>{value}</strong>;
}

function RequestDialog(props: {
  domain: DomainHome;
  onClose: (created?: AccessRequest) => void;
}) {
  const api = useApi(opsDeckApiRef);
  const { t } = useOpsDeckFormat();
  const [resource, setResource] = useState('');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('');
  const [error, setError] = useState<Error>();
  const submit = async () => {
    try {
      props.onClose(
        await api.createAccessRequest({
          domain: props.domain.id,
          resource,
          reason,
          ...(days ? { durationDays: Number(days) } : {}),
        }),
      );
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Dialog
      open
      onClose={() => props.onClose()}
      aria-labelledby="opsdeck-access-title"
    >
      <DialogTitle id="opsdeck-access-title">
        {t('access.dialogTitle', { domain: props.domain.title })}
      </DialogTitle>
      <DialogContent>
        {error && <ResponseErrorPanel error={error} />}
        <TextField
          id="opsdeck-access-resource"
          label={t('access.resource')}
          helperText={t('access.resourceHelp')}
          fullWidth
          margin="dense"
          value={resource}
          onChange={e => setResource(e.target.value)}
          required
        />
        <TextField
          id="opsdeck-access-reason"
          label={t('access.reason')}
          fullWidth
          margin="dense"
          multiline
          minRows={2}
          value={reason}
          onChange={e => setReason(e.target.value)}
          required
        />
        <TextField
          id="opsdeck-access-days"
          label={t('access.days')}
          type="number"
          margin="dense"
          value={days}
          onChange={e => setDays(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose()}>{t('access.cancel')}</Button>
        <Button color="primary" variant="contained" onClick={submit}>
          {t('access.send')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * A domain's access requests: ask for access, and — for holders of
 * `opsdeck.access-request.decide` other than the requester — approve or reject. The backend
 * still decides who may (membership of the approving team); the buttons only hide what a user
 * could never do.
 *
 * @internal
 */
export function AccessRequests(props: { domain: DomainHome }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const api = useApi(opsDeckApiRef);
  const { allowed: mayDecide } = usePermission({
    permission: opsdeckAccessRequestDecidePermission,
  });
  const { domain } = props;
  const requests = useOpsDeck(
    a => a.listAccessRequests({ domain: domain.id }),
    [domain.id],
  );
  const [asking, setAsking] = useState(false);
  // The requester never decides her own request: she is not offered the buttons.
  const identityApi = useApi(identityApiRef);
  const { value: me } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const [error, setError] = useState<Error>();
  const decide = async (id: string, approve: boolean) => {
    try {
      await api.decideAccessRequest(id, { approve });
      setError(undefined);
      requests.retry();
    } catch (e) {
      setError(e as Error);
    }
  };
  const items = requests.value ?? [];
  return (
    <div data-testid={`opsdeck-access-${domain.id}`}>
      <div className={classes.row}>
        <Typography variant="subtitle2" component="h3">
          {t('access.heading')}
        </Typography>
        {domain.team && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => setAsking(true)}
          >
            {t('access.request')}
          </Button>
        )}
      </div>
      {error && <ResponseErrorPanel error={error} />}
      {requests.error && <ResponseErrorPanel error={requests.error} />}
      {items.length === 0 && !requests.loading && (
        <Typography variant="body2" color="textSecondary">
          {t('access.none')}
        </Typography>
      )}
      {items.slice(0, 5).map(r => (
        <div
          key={r.id}
          className={classes.request}
          data-testid="opsdeck-access-request"
        >
          <Typography variant="body2">
            {r.durationDays
              ? t('access.lineForDays', {
                  count: r.durationDays,
                  requester: <EntityRefLink entityRef={r.requester} />,
                  resource: <Resource value={r.resource} />,
                  reason: r.reason,
                })
              : t('access.line', {
                  requester: <EntityRefLink entityRef={r.requester} />,
                  resource: <Resource value={r.resource} />,
                  reason: r.reason,
                })}
          </Typography>
          <div className={classes.row}>
            <Chip
              size="small"
              variant="outlined"
              label={t(`access.status.${r.status}`)}
            />
            <Typography variant="caption" color="textSecondary">
              {formatInstant(r.createdAt)}
              {r.decidedBy && (
                <>
                  {' · '}
                  {t('access.decidedBy', {
                    status: t(`access.status.${r.status}`),
                    who: <EntityRefLink entityRef={r.decidedBy} />,
                  })}
                </>
              )}
            </Typography>
            {r.status === 'pending' && (r.requester === me || !mayDecide) && (
              <Typography variant="caption" color="textSecondary">
                {t('access.waiting', {
                  team: <EntityRefLink entityRef={r.approver} />,
                })}
              </Typography>
            )}
            {r.status === 'pending' && r.requester !== me && mayDecide && (
              <>
                <Button
                  size="small"
                  color="primary"
                  onClick={() => decide(r.id, true)}
                >
                  {t('access.approve')}
                </Button>
                <Button size="small" onClick={() => decide(r.id, false)}>
                  {t('access.reject')}
                </Button>
              </>
            )}
          </div>
        </div>
      ))}
      {asking && (
        <RequestDialog
          domain={domain}
          onClose={created => {
            setAsking(false);
            if (created) requests.retry();
          }}
        />
      )}
    </div>
  );
}
