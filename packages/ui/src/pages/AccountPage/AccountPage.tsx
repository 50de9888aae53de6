import { useQuery } from '@apollo/client/react';
import { Stack, Title } from '@mantine/core';
import { PageSkeleton } from '../../feedback/Skeletons';
import { QueryErrorAlert } from '../../feedback/QueryErrorAlert';
import { AccountPageDocument } from '../../gql/graphql';
import { ProfileCard } from './ProfileCard';
import { SessionsCard } from './SessionsCard';

/**
 * The viewer's profile and sessions. Revocation of the current session from elsewhere is handled
 * by `useSessionRevokedLogout`, which `RequireAuth` runs for every signed-in page.
 */
export function AccountPage() {
  const { data, error, refetch } = useQuery(AccountPageDocument);

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  if (!data.me) return null;

  return (
    <Stack gap="lg" maw={900}>
      <Title order={2}>Account</Title>
      <ProfileCard profile={data.me} />
      <SessionsCard sessions={data.me.sessions} />
    </Stack>
  );
}
