import { FormErrorAlert } from '@hotlead/ui';
import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { actionErrorMessage } from './apiErrors';

export const REASON_MIN = 3;
export const REASON_MAX = 1000;

export interface ReasonModalProps {
  opened: boolean;
  title: string;
  /** What the action does, above the field. */
  children?: ReactNode;
  label: string;
  confirmLabel: string;
  color?: string;
  /** A checkbox the person must tick first, for actions that cannot be undone. */
  acknowledge?: string;
  /** Runs the action with the trimmed reason; a thrown error stays in the modal. */
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}

function ReasonForm({ title, children, label, confirmLabel, color, acknowledge, onSubmit, onClose }: Omit<ReasonModalProps, 'opened'>) {
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { reason: '', acknowledged: false },
    validate: {
      acknowledged: (value) => (acknowledge && !value ? 'Tick this to confirm' : null),
      reason: (value) => {
        const length = value.trim().length;
        if (length < REASON_MIN) return `Give a reason (at least ${REASON_MIN} characters)`;
        if (length > REASON_MAX) return `Keep it to ${REASON_MAX.toLocaleString('en-US')} characters`;
        return null;
      },
    },
  });
  const submit = form.onSubmit(async (values) => {
    if (busy) return;
    setFailure(null);
    setBusy(true);
    try {
      await onSubmit(values.reason.trim());
      onClose();
    } catch (error) {
      setFailure(actionErrorMessage(error));
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <Stack gap="sm">
        {children && <Text size="sm">{children}</Text>}
        <FormErrorAlert messages={failure ? [failure] : []} />
        <Textarea label={label} required rows={3} data-autofocus {...form.getInputProps('reason')} />
        {acknowledge && <Checkbox label={acknowledge} {...form.getInputProps('acknowledged', { type: 'checkbox' })} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" color={color} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Asks for the reason an action needs (recorded with it), then runs it; refusals stay in the modal. */
export function ReasonModal({ opened, onClose, ...props }: ReasonModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={props.title}>
      {opened && <ReasonForm {...props} onClose={onClose} />}
    </Modal>
  );
}
