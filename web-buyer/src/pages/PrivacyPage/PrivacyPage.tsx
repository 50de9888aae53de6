import { useApolloClient, useMutation } from '@apollo/client/react';
import { applyUserErrors, ConfirmModal, FormErrorAlert } from '@hotlead/ui';
import { Button, List, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { EndUserAccountDeleteDocument } from '../../gql/graphql';
import { apiErrorMessage, inputErrorsOf } from '../../requests/serverErrors';
import { urls } from '../../urls';

/** `/me/privacy`: what providers see, and deleting the account (right to be forgotten). */
export function PrivacyPage() {
  return (
    <Stack gap="lg" maw={900}>
      <Title order={2}>Privacy</Title>
      <Paper withBorder>
        <Stack gap="xs">
          <Title order={3} size="h4">
            What providers see
          </Title>
          <List size="sm" spacing={4}>
            <List.Item>Your name, your location and the details of your request.</List.Item>
            <List.Item>Your phone number, if you gave one.</List.Item>
            <List.Item>
              Your email address only if you did not choose to hide it. Hidden, their messages reach you through a Hotlead address and phone
              numbers or email addresses typed in messages are removed before they are passed on.
            </List.Item>
          </List>
        </Stack>
      </Paper>
      <DeleteAccountSection />
    </Stack>
  );
}

function DeleteAccountSection() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [deleteAccount, { loading }] = useMutation(EndUserAccountDeleteDocument);
  const [confirming, setConfirming] = useState(false);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (value === '' ? 'Enter your password to confirm' : null) },
  });

  const requestDeletion = form.onSubmit(() => {
    setFormErrors([]);
    setConfirming(true);
  });

  const confirmDeletion = async () => {
    try {
      const { data } = await deleteAccount({ variables: { password: form.values.password } });
      if (!data?.endUserAccountDelete) {
        setConfirming(false);
        setFormErrors(['Your account was not deleted. Please try again.']);
        return;
      }
      // The session ended with the account: leave the signed-in area first, then forget its data.
      await navigate(urls.goodbye(), { replace: true });
      await client.clearStore();
    } catch (error) {
      setConfirming(false);
      const inputErrors = inputErrorsOf(error);
      setFormErrors(inputErrors.length > 0 ? applyUserErrors(form, inputErrors) : [apiErrorMessage(error)]);
    }
  };

  return (
    <Paper withBorder style={{ borderColor: 'var(--mantine-color-red-4)' }} aria-labelledby="delete-account-title" component="section">
      <form onSubmit={requestDeletion} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" c="red" id="delete-account-title">
            Delete my account
          </Title>
          <Text size="sm">
            Your account and profile are deleted and you are signed out, and providers can no longer reach you. Your requests and
            conversations are anonymized: providers see &ldquo;Anonymized user&rdquo; instead of your name, and the messages themselves are
            kept as business records. This cannot be undone.
          </Text>
          <FormErrorAlert messages={formErrors} />
          <PasswordInput label="Your password" autoComplete="current-password" maw={360} required {...form.getInputProps('password')} />
          <div>
            <Button type="submit" color="red" leftSection={<IconTrash size={16} />}>
              Delete my account
            </Button>
          </div>
        </Stack>
      </form>
      <ConfirmModal
        opened={confirming}
        title="Delete your account for good?"
        confirmLabel="Yes, delete my account"
        loading={loading}
        onConfirm={() => void confirmDeletion()}
        onClose={() => setConfirming(false)}
      >
        Your account, your profile and your access to your requests are removed at once. This cannot be undone.
      </ConfirmModal>
    </Paper>
  );
}
