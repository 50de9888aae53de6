import { useMutation } from '@apollo/client/react';
import { applyUserErrors, FormErrorAlert, notifyError, notifySuccess } from '@hotlead/ui';
import { Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { reviewReasonLabel } from '../../components/Supply/supplyWords';
import {
  UploadDetailLeadsDocument,
  UploadReviewDocument,
  type LeadUploadReviewDecision,
  type UploadDetailFieldsFragment,
} from '../../gql/graphql';

/**
 * Approve (lists the upload's leads) or reject (removes its unsold leads) an upload waiting for review.
 * A rejection needs a note; the partner reads it.
 */
export function UploadReviewCard({ upload }: { upload: UploadDetailFieldsFragment }) {
  const [review] = useMutation(UploadReviewDocument, {
    // The upload's leads change status (listed, or removed on a rejection).
    refetchQueries: [UploadDetailLeadsDocument],
  });
  const [pending, setPending] = useState<LeadUploadReviewDecision | null>(null);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({ initialValues: { note: '' } });

  const decide = async (decision: LeadUploadReviewDecision) => {
    if (pending) return;
    setPending(decision);
    setFormErrors([]);
    form.clearErrors();
    try {
      const { data } = await review({ variables: { input: { uploadId: upload.id, decision, note: form.values.note.trim() } } });
      const payload = data?.leadUploadReview;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      notifySuccess(
        decision === 'APPROVE' ? 'Its leads are listed for sale.' : 'Its unsold leads were removed; the partner sees your note.',
        decision === 'APPROVE' ? 'Upload approved' : 'Upload rejected',
      );
    } catch (error) {
      notifyError(error, decision === 'APPROVE' ? 'Upload not approved' : 'Upload not rejected');
    } finally {
      setPending(null);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="upload-review-title">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id="upload-review-title">
            Review this upload
          </Title>
          <Text size="sm" c="dimmed">
            Its {upload.accepted} leads stay unlisted until you decide. Approving lists them; rejecting removes the unsold ones.
          </Text>
        </div>
        {upload.reviewReasons.length > 0 && (
          <div>
            <Text size="sm" fw={500}>
              Why it waits for review
            </Text>
            <List size="sm">
              {upload.reviewReasons.map((r) => (
                <List.Item key={r}>{reviewReasonLabel(r)}</List.Item>
              ))}
            </List>
          </div>
        )}
        <FormErrorAlert messages={formErrors} />
        <Textarea
          label="Note to the partner"
          description="Required to reject: the partner sees it. Optional when approving."
          rows={3}
          maxLength={2000}
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end">
          <Button
            color="red"
            variant="light"
            leftSection={<IconX size={16} />}
            loading={pending === 'REJECT'}
            disabled={pending === 'APPROVE'}
            onClick={() => void decide('REJECT')}
          >
            Reject
          </Button>
          <Button
            leftSection={<IconCheck size={16} />}
            loading={pending === 'APPROVE'}
            disabled={pending === 'REJECT'}
            onClick={() => void decide('APPROVE')}
          >
            Approve
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
