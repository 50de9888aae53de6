import { useMutation } from '@apollo/client/react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifyError, notifyFailure, notifySuccess } from '../../feedback/notify';
import { formatDate } from '../../format/date';
import { EmailVerificationSendDocument, type AccountPageQuery } from '../../gql/graphql';

type Profile = NonNullable<AccountPageQuery['me']>;

/** Name, email with its verified badge, and "resend verification" while unverified. */
export function ProfileCard({ profile }: { profile: Profile }) {
  const [emailVerificationSend, { loading }] = useMutation(EmailVerificationSendDocument);

  const resend = async () => {
    try {
      const { data } = await emailVerificationSend();
      const firstError = data?.emailVerificationSend.userErrors[0];
      if (firstError) notifyFailure(firstError.message);
      else notifySuccess(`We sent a new verification link to ${profile.email}.`, 'Check your inbox');
    } catch (error) {
      notifyError(error, 'Could not send the verification email');
    }
  };

  return (
    <Paper>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Profile
        </Title>
        <Group gap="xs">
          <Text fw={600}>{profile.name}</Text>
        </Group>
        <Group gap="xs">
          <Text>{profile.email}</Text>
          {profile.emailVerified ? (
            <Badge color="teal" variant="light">
              Verified
            </Badge>
          ) : (
            <Badge color="yellow" variant="light">
              Not verified
            </Badge>
          )}
        </Group>
        {!profile.emailVerified && (
          <Group>
            <Button size="xs" variant="light" loading={loading} onClick={() => void resend()}>
              Resend verification email
            </Button>
          </Group>
        )}
        <Text size="sm" c="dimmed">
          Member since {formatDate(profile.createdAt)}
        </Text>
      </Stack>
    </Paper>
  );
}
