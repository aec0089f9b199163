import { ResponseErrorPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { AccessRequest } from '@opsdeck/backstage-plugin-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { opsDeckApiRef } from '../../api/OpsDeckApi';
import { DomainHome } from '../../hooks/usePlatformDomains';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { formatInstant } from '../shared/format';

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

function RequestDialog(props: {
  domain: DomainHome;
  onClose: (created?: AccessRequest) => void;
}) {
  const api = useApi(opsDeckApiRef);
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
        Request access from {props.domain.title}
      </DialogTitle>
      <DialogContent>
        {error && <ResponseErrorPanel error={error} />}
        <TextField
          id="opsdeck-access-resource"
          label="Resource"
          helperText="What you need access to, e.g. resource:default/postgres-main"
          fullWidth
          margin="dense"
          value={resource}
          onChange={e => setResource(e.target.value)}
          required
        />
        <TextField
          id="opsdeck-access-reason"
          label="Reason"
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
          label="For how many days (empty: no end)"
          type="number"
          margin="dense"
          value={days}
          onChange={e => setDays(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose()}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={submit}>
          Send request
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * A domain's access requests: ask for access, and — for the domain's owning team — approve or
 * reject (the backend decides who may).
 *
 * @internal
 */
export function AccessRequests(props: { domain: DomainHome }) {
  const classes = useStyles();
  const api = useApi(opsDeckApiRef);
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
          Access requests
        </Typography>
        {domain.team && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => setAsking(true)}
          >
            Request access
          </Button>
        )}
      </div>
      {error && <ResponseErrorPanel error={error} />}
      {requests.error && <ResponseErrorPanel error={requests.error} />}
      {items.length === 0 && !requests.loading && (
        <Typography variant="body2" color="textSecondary">
          None yet.
        </Typography>
      )}
      {items.slice(0, 5).map(r => (
        <div
          key={r.id}
          className={classes.request}
          data-testid="opsdeck-access-request"
        >
          <Typography variant="body2">
            <EntityRefLink entityRef={r.requester} /> →{' '}
            <strong>{r.resource}</strong>
            {r.durationDays ? ` for ${r.durationDays} days` : ''}: {r.reason}
          </Typography>
          <div className={classes.row}>
            <Chip size="small" variant="outlined" label={r.status} />
            <Typography variant="caption" color="textSecondary">
              {formatInstant(r.createdAt)}
              {r.decidedBy && (
                <>
                  {' · '}
                  {r.status} by <EntityRefLink entityRef={r.decidedBy} />
                </>
              )}
            </Typography>
            {r.status === 'pending' && r.requester === me && (
              <Typography variant="caption" color="textSecondary">
                Waiting for a member of <EntityRefLink entityRef={r.approver} />{' '}
                to decide
              </Typography>
            )}
            {r.status === 'pending' && r.requester !== me && (
              <>
                <Button
                  size="small"
                  color="primary"
                  onClick={() => decide(r.id, true)}
                >
                  Approve
                </Button>
                <Button size="small" onClick={() => decide(r.id, false)}>
                  Reject
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
