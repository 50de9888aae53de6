import { useMutation } from '@apollo/client/react';
import { FormErrorAlert, notifyError } from '@hotlead/ui';
import { Alert, Badge, Button, Container, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFlask } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { SandboxConnectCompleteDocument } from '../../gql/graphql';

/**
 * The local sandbox's stand-in for Stripe's hosted Connect onboarding (`/partner/sandbox/connect/<account>`).
 * The form is for show: nothing typed here is sent. Completing it marks the sandbox account ready for
 * payouts and returns to the payouts page the server names.
 */
export function SandboxConnectPage() {
  const { accountId = '' } = useParams();
  const [complete, { loading }] = useMutation(SandboxConnectCompleteDocument);
  const [errors, setErrors] = useState<string[]>([]);
  const [leaving, setLeaving] = useState(false);
  const form = useForm({ initialValues: { businessName: '', accountLast4: '' } });

  const submit = form.onSubmit(async () => {
    setErrors([]);
    try {
      const { data } = await complete({ variables: { accountId } });
      const payload = data?.sandboxConnectComplete;
      if (!payload) return;
      if (payload.userErrors.length > 0 || !payload.url) {
        setErrors(payload.userErrors.length > 0 ? payload.userErrors.map((e) => e.message) : ['The sandbox did not say where to go next.']);
        return;
      }
      setLeaving(true);
      window.location.assign(payload.url);
    } catch (error) {
      notifyError(error, 'Onboarding not completed');
    }
  });

  return (
    <Container size="xs" py="xl">
      <Paper>
        <form onSubmit={submit} noValidate aria-label="Connect onboarding">
          <Stack>
            <Group gap="xs">
              <Badge color="grape" variant="outline" leftSection={<IconFlask size={12} />}>
                Sandbox
              </Badge>
              <Text size="xs" c="dimmed" ff="monospace">
                {accountId}
              </Text>
            </Group>
            <Title order={2} size="h3">
              Hotlead sandbox — Connect onboarding (no real bank details)
            </Title>
            <Alert color="grape" variant="light" role="note">
              This page stands in for the payout provider’s onboarding on a local Hotlead. Nothing you type here is sent or stored: use
              made-up details.
            </Alert>
            <FormErrorAlert messages={errors} />
            <TextInput label="Business name" placeholder="Lead Forge LLC" {...form.getInputProps('businessName')} />
            <TextInput
              label="Bank account (last 4 digits)"
              placeholder="6789"
              inputMode="numeric"
              maxLength={4}
              {...form.getInputProps('accountLast4')}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={loading || leaving}>
                Complete onboarding
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
