import { applyUserErrors, FormErrorAlert, nameSchema, zodResolver, type UserErrorLike } from '@hotlead/ui';
import { Button, Group, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { z } from 'zod';

/** The scopes the API accepts; with none chosen the server grants `packs:read`. */
export const API_KEY_SCOPES = [
  { value: 'marketplace:read', label: 'Marketplace: read' },
  { value: 'packs:read', label: 'Data packs: read' },
  { value: 'packs:query', label: 'Data packs: query' },
];

const schema = z.object({ name: nameSchema, scopes: z.array(z.string()) });

export interface CreateApiKeyFormProps {
  /** Creates the key; resolves to the payload's user errors, or null if it failed outright. */
  onCreate: (values: { name: string; scopes: string[] }) => Promise<readonly UserErrorLike[] | null>;
}

/** Name and scopes (the server's default applies when none are chosen) for a new API key. */
export function CreateApiKeyForm({ onCreate }: CreateApiKeyFormProps) {
  const [submitting, setSubmitting] = useState(false);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({ initialValues: { name: '', scopes: [] as string[] }, validate: zodResolver(schema) });

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setFormErrors([]);
    try {
      const userErrors = await onCreate({ name: values.name.trim(), scopes: values.scopes });
      if (userErrors === null) return;
      if (userErrors.length > 0) setFormErrors(applyUserErrors(form, userErrors));
      else form.reset();
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Create API key">
      <Stack gap="sm">
        <FormErrorAlert messages={formErrors} />
        <Group align="flex-start" grow preventGrowOverflow={false}>
          <TextInput label="Key name" placeholder="CRM sync" {...form.getInputProps('name')} />
          <MultiSelect label="Scopes" placeholder="Default: Data packs: read" data={API_KEY_SCOPES} {...form.getInputProps('scopes')} />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            Create API key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
