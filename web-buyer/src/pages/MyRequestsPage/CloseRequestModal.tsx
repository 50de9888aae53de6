import { useMutation } from '@apollo/client/react';
import { FormErrorAlert, notifySuccess } from '@hotlead/ui';
import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ServiceRequestCloseDocument, type MyRequestFieldsFragment, type ServiceRequestFeedback } from '../../gql/graphql';
import { FEEDBACK_LABELS } from '../../requests/labels';
import { apiErrorMessage } from '../../requests/serverErrors';

const NOTE_MAX = 1000;

/** "Close request": every conversation of the request ends; the feedback is optional. */
export function CloseRequestModal({ request, onClose }: { request: MyRequestFieldsFragment | null; onClose: () => void }) {
  const [closeRequest, { loading }] = useMutation(ServiceRequestCloseDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<{ feedback: ServiceRequestFeedback | ''; note: string }>({
    initialValues: { feedback: '', note: '' },
    validate: { note: (value) => (value.length > NOTE_MAX ? `Use at most ${NOTE_MAX} characters` : null) },
  });

  const dismiss = () => {
    form.reset();
    setFormErrors([]);
    onClose();
  };

  const submit = form.onSubmit(async ({ feedback, note }) => {
    if (!request) return;
    setFormErrors([]);
    try {
      // The answer is the closed request: the cache updates the card.
      await closeRequest({ variables: { id: request.id, feedback: feedback || null, note: note.trim() || null } });
      notifySuccess(`Your ${request.niche.name} request is closed. Thank you for telling us how it went.`, 'Request closed');
      dismiss();
    } catch (error) {
      setFormErrors([apiErrorMessage(error)]);
    }
  });

  return (
    <Modal opened={request !== null} onClose={dismiss} title={request ? `Close your ${request.niche.name} request?` : 'Close request'}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            Closing stops all communication about this request: providers can no longer write to you, and you can no longer write to them.
            The conversations stay readable here.
          </Text>
          <FormErrorAlert messages={formErrors} />
          <Radio.Group label="Why are you closing it?" description="Optional, and it helps us improve." {...form.getInputProps('feedback')}>
            <Stack gap="xs" mt="xs">
              {(Object.keys(FEEDBACK_LABELS) as ServiceRequestFeedback[]).map((value) => (
                <Radio key={value} value={value} label={FEEDBACK_LABELS[value]} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea label="Anything else? (optional)" rows={3} maxLength={NOTE_MAX} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={dismiss}>
              Keep it open
            </Button>
            <Button type="submit" color="red" loading={loading}>
              Close request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
