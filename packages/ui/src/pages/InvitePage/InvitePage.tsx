import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { AuthCard } from '../../auth/AuthCard';
import { notifyError, notifySuccess } from '../../feedback/notify';
import { QueryErrorAlert } from '../../feedback/QueryErrorAlert';
import { humanizeEnum } from '../../format/roles';
import {
  InvitationAcceptDocument,
  InvitationPreviewDocument,
  type InvitationAcceptMutation,
  type InvitationPreviewQuery,
} from '../../gql/graphql';

export type AcceptedInvitation = Omit<InvitationAcceptMutation['invitationAccept'], 'userErrors'>;
type Preview = NonNullable<InvitationPreviewQuery['invitationPreview']>;

/** An in-app path, or `{ href }` for a page of another Hotlead app (a full page load). */
export type InviteDestination = string | { href: string };

export interface InvitePageProps {
  /** Where to go once accepted (defaults to the app's home). */
  destinationAfterAccept?: (accepted: AcceptedInvitation) => InviteDestination;
}

const STATUS_TEXT: Record<Exclude<Preview['status'], 'PENDING'>, string> = {
  ACCEPTED: 'This invitation has already been accepted.',
  REVOKED: 'This invitation was withdrawn. Ask the person who invited you for a new one.',
  EXPIRED: 'This invitation has expired. Ask the person who invited you for a new one.',
};

function targetLabel(preview: Preview): string {
  return preview.targetKind === 'PARTNER_ORG' ? 'partner organization' : 'workspace';
}

/** Public `/invite/:token`: shows who invited you to what, asks you to sign in, then accepts. */
export function InvitePage({ destinationAfterAccept }: InvitePageProps) {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const { data, error, refetch } = useQuery(InvitationPreviewDocument, { variables: { token } });
  const [invitationAccept, { loading }] = useMutation(InvitationAcceptDocument);
  const [acceptError, setAcceptError] = useState<string | null>(null);

  if (!data) {
    return (
      <AuthCard title="Invitation">
        {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <Skeleton height={80} />}
      </AuthCard>
    );
  }

  const preview = data.invitationPreview;
  if (!preview) {
    return (
      <AuthCard title="Invitation not found">
        <Alert color="red">This invitation link is not valid. Check that you copied the whole link.</Alert>
      </AuthCard>
    );
  }

  const accept = async () => {
    setAcceptError(null);
    try {
      const { data: result } = await invitationAccept({ variables: { token } });
      const payload = result?.invitationAccept;
      if (!payload) return;
      const firstError = payload.userErrors[0];
      if (firstError) {
        setAcceptError(firstError.message);
        return;
      }
      notifySuccess(`You joined ${preview.targetName}.`, 'Invitation accepted');
      // Memberships changed: cached `me` data is stale everywhere.
      await client.resetStore();
      const accepted: AcceptedInvitation = { workspace: payload.workspace, partnerOrg: payload.partnerOrg };
      const destination = destinationAfterAccept?.(accepted) ?? '/';
      if (typeof destination === 'string') await navigate(destination, { replace: true });
      else window.location.assign(destination.href);
    } catch (err) {
      notifyError(err, 'Could not accept the invitation');
    }
  };

  const here = `/invite/${encodeURIComponent(token)}`;
  const authQuery = `next=${encodeURIComponent(here)}&email=${encodeURIComponent(preview.email)}`;
  const signedInAs = data.me?.email;
  const otherAccount = signedInAs && signedInAs.toLowerCase() !== preview.email.toLowerCase();

  return (
    <AuthCard title={`Join ${preview.targetName}`}>
      <Stack>
        <Text>
          You have been invited to the {targetLabel(preview)} <strong>{preview.targetName}</strong> as{' '}
          <strong>{humanizeEnum(preview.role)}</strong>.
        </Text>
        <Text size="sm" c="dimmed">
          Invitation for {preview.email}
        </Text>

        {preview.status !== 'PENDING' ? (
          <Alert color="yellow">{STATUS_TEXT[preview.status]}</Alert>
        ) : signedInAs ? (
          <>
            {otherAccount && (
              <Alert color="yellow" title="Different account">
                You are signed in as {signedInAs}, but this invitation was sent to {preview.email}.
              </Alert>
            )}
            {acceptError && (
              <Alert color="red" role="alert">
                {acceptError}
              </Alert>
            )}
            <Button onClick={() => void accept()} loading={loading}>
              Accept invitation
            </Button>
          </>
        ) : (
          <>
            <Text size="sm">Log in or create an account to accept.</Text>
            <Group grow>
              <Button component={Link} to={`/login?${authQuery}`}>
                Log in to accept
              </Button>
              <Button component={Link} to={`/signup?${authQuery}`} variant="light">
                Sign up
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </AuthCard>
  );
}
