import { useMutation } from '@apollo/client/react';
import { applyUserErrors, FormErrorAlert, nameSchema, notifyError, zodResolver } from '@hotlead/ui';
import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { z } from 'zod';
import { LeadSegmentCreateDocument, type LeadSearchFilterInput } from '../../gql/graphql';
import { useNotifyWithLink } from '../../notifyWithLink';
import { urls } from '../../urls';

const schema = z.object({ name: nameSchema, description: z.string().max(500, 'Use at most 500 characters') });

export interface SaveSegmentModalProps {
  opened: boolean;
  onClose: () => void;
  workspaceId: string;
  /** The marketplace's current filters, saved as they are. */
  filter: LeadSearchFilterInput;
  /** The filters in words, shown above the form. */
  summary: string;
}

/** "Save as segment": names the current filters and saves them with `leadSegmentCreate`. */
export function SaveSegmentModal({ opened, onClose, workspaceId, filter, summary }: SaveSegmentModalProps) {
  const [create, { loading }] = useMutation(LeadSegmentCreateDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({ initialValues: { name: '', description: '', filters: '' }, validate: zodResolver(schema) });
  const notifySaved = useNotifyWithLink(urls.segments(workspaceId));

  const close = () => {
    form.reset();
    setFormErrors([]);
    onClose();
  };

  const submit = form.onSubmit(async ({ name, description }) => {
    setFormErrors([]);
    try {
      const { data } = await create({
        variables: { workspaceId, name: name.trim(), description: description.trim() || null, filters: filter },
      });
      const payload = data?.leadSegmentCreate;
      if (!payload) return;
      if (payload.userErrors.length > 0 || !payload.segment) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      notifySaved({ title: 'Segment saved', message: `${payload.segment.name} is saved.`, linkLabel: 'View your segments' });
      close();
    } catch (error) {
      notifyError(error, 'Could not save the segment');
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="Save as segment">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed" data-testid="segment-filters-summary">
            Filters: {summary}
          </Text>
          <FormErrorAlert messages={formErrors} />
          {form.errors['filters'] && (
            <Text size="sm" c="red" role="alert">
              {form.errors['filters']}
            </Text>
          )}
          <TextInput label="Name" placeholder="US software, high intent" required data-autofocus {...form.getInputProps('name')} />
          <Textarea label="Description" rows={2} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Save segment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
