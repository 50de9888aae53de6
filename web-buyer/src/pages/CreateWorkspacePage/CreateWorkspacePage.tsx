import { useMutation } from '@apollo/client/react';
import { applyUserErrors, FormErrorAlert, nameSchema, notifyError, notifySuccess, zodResolver } from '@hotlead/ui';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { BuyerViewerDocument, BuyerWorkspaceCreateDocument } from '../../gql/graphql';
import { urls } from '../../urls';

const schema = z.object({ name: nameSchema });

/** First step for a new buyer: name the workspace the team will buy leads in. */
export function CreateWorkspacePage() {
  const navigate = useNavigate();
  const [workspaceCreate, { loading }] = useMutation(BuyerWorkspaceCreateDocument, {
    refetchQueries: [BuyerViewerDocument],
  });
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({ initialValues: { name: '' }, validate: zodResolver(schema) });

  const submit = form.onSubmit(async ({ name }) => {
    setFormErrors([]);
    try {
      const { data } = await workspaceCreate({ variables: { name: name.trim() } });
      const payload = data?.workspaceCreate;
      if (!payload) return;
      if (payload.userErrors.length > 0 || !payload.workspace) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      notifySuccess(`${payload.workspace.name} is ready.`, 'Workspace created');
      await navigate(urls.workspace(payload.workspace.id));
    } catch (error) {
      notifyError(error, 'Could not create the workspace');
    }
  });

  return (
    <Stack maw={560} gap="lg">
      <div>
        <Title order={2}>Create workspace</Title>
        <Text c="dimmed">A workspace holds your team, credits, purchased leads and API keys. You will be its owner.</Text>
      </div>
      <Paper>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormErrorAlert messages={formErrors} />
            <TextInput label="Workspace name" placeholder="Acme Sales" required {...form.getInputProps('name')} />
            <Group justify="flex-end">
              <Button type="submit" loading={loading}>
                Create workspace
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
