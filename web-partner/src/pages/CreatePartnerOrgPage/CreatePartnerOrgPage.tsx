import { useMutation } from '@apollo/client/react';
import { applyUserErrors, FormErrorAlert, nameSchema, notifyError, notifySuccess, zodResolver } from '@hotlead/ui';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { PartnerOrgCreateDocument, PartnerViewerDocument } from '../../gql/graphql';
import { urls } from '../../urls';

const schema = z.object({
  name: nameSchema,
  website: z
    .string()
    .trim()
    .refine((v) => v === '' || /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(v), 'Enter a full URL, e.g. https://example.com'),
});

/** A new partner signs up their organization; they become its owner. */
export function CreatePartnerOrgPage() {
  const navigate = useNavigate();
  const [partnerOrgCreate, { loading }] = useMutation(PartnerOrgCreateDocument, {
    refetchQueries: [PartnerViewerDocument],
  });
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({ initialValues: { name: '', website: '' }, validate: zodResolver(schema) });

  const submit = form.onSubmit(async (values) => {
    setFormErrors([]);
    try {
      const website = values.website.trim();
      const { data } = await partnerOrgCreate({
        variables: { name: values.name.trim(), website: website === '' ? null : website },
      });
      const payload = data?.partnerOrgCreate;
      if (!payload) return;
      if (payload.userErrors.length > 0 || !payload.partnerOrg) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      notifySuccess(`${payload.partnerOrg.name} is set up.`, 'Partner organization created');
      await navigate(urls.partnerOrg(payload.partnerOrg.id));
    } catch (error) {
      notifyError(error, 'Could not create the organization');
    }
  });

  return (
    <Stack maw={560} gap="lg">
      <div>
        <Title order={2}>Create partner organization</Title>
        <Text c="dimmed">Your organization uploads leads and earns commission when they sell.</Text>
      </div>
      <Paper>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormErrorAlert messages={formErrors} />
            <TextInput label="Organization name" required {...form.getInputProps('name')} />
            <TextInput label="Website" placeholder="https://example.com" {...form.getInputProps('website')} />
            <Group justify="flex-end">
              <Button type="submit" loading={loading}>
                Create organization
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
