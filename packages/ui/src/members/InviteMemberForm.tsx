import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zodResolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { z } from 'zod';
import { FormErrorAlert } from '../forms/FormErrorAlert';
import { emailSchema } from '../forms/schemas';
import { applyUserErrors, type UserErrorLike } from '../forms/userErrors';
import { humanizeEnum } from '../format/roles';

export interface InviteMemberFormProps<R extends string> {
  roles: readonly R[];
  defaultRole: R;
  /** Sends the invitation; resolves to the payload's user errors, or null if it failed outright. */
  onInvite: (values: { email: string; role: R }) => Promise<readonly UserErrorLike[] | null>;
}

/** "Invite member": email and role; user errors appear beside their fields. */
export function InviteMemberForm<R extends string>({ roles, defaultRole, onInvite }: InviteMemberFormProps<R>) {
  const [submitting, setSubmitting] = useState(false);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const schema = z.object({
    email: emailSchema,
    role: z.string().refine((r) => roles.some((role) => role === r), 'Choose a role'),
  });
  const form = useForm({ initialValues: { email: '', role: defaultRole as string }, validate: zodResolver(schema) });

  const submit = form.onSubmit(async (values) => {
    const role = roles.find((r) => r === values.role);
    if (!role) return;
    setSubmitting(true);
    setFormErrors([]);
    try {
      const userErrors = await onInvite({ email: values.email.trim(), role });
      if (userErrors === null) return;
      if (userErrors.length > 0) setFormErrors(applyUserErrors(form, userErrors));
      else form.reset();
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Invite member">
      <Stack gap="sm">
        <FormErrorAlert messages={formErrors} />
        <Group align="flex-start" grow preventGrowOverflow={false}>
          <TextInput label="Email" type="email" placeholder="colleague@company.com" {...form.getInputProps('email')} />
          <Select
            label="Role"
            data={roles.map((r) => ({ value: r, label: humanizeEnum(r) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            Invite member
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
