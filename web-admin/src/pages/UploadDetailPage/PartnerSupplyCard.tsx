import { useMutation } from '@apollo/client/react';
import { applyUserErrors, formatDateTime, FormErrorAlert, notifyError, notifySuccess, reportOutcome } from '@hotlead/ui';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ApolloCache } from '@apollo/client';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Fact } from '../../components/Supply/Fact';
import { formatCount, formatPercent, reviewReasonLabel } from '../../components/Supply/supplyWords';
import {
  PartnerOrgSupplyFragmentDoc,
  PartnerUploadsSuspendDocument,
  type PartnerOrgSupplyFragment,
  type PartnerSupplyFieldsFragment,
} from '../../gql/graphql';
import { urls } from '../../urls';

/** Puts the new supply on the partner org (and its admin list row), wherever a page shows them. */
function writeSupply(cache: ApolloCache, partnerOrg: PartnerOrgSupplyFragment, supply: PartnerSupplyFieldsFragment) {
  cache.writeFragment({
    id: cache.identify({ __typename: 'PartnerOrg', id: partnerOrg.id }),
    fragment: PartnerOrgSupplyFragmentDoc,
    fragmentName: 'PartnerOrgSupply',
    // Both come from results the cache wrote (__typename included).
    data: { ...partnerOrg, uploadsSuspended: supply.uploadsSuspended, supply },
  });
  cache.modify({
    id: cache.identify({ __typename: 'AdminPartnerOrg', id: partnerOrg.id }),
    fields: { uploadsSuspended: () => supply.uploadsSuspended },
  });
}

function SuspendUploadsModal({
  partnerOrg,
  opened,
  onClose,
}: {
  partnerOrg: PartnerOrgSupplyFragment;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Suspend uploads of ${partnerOrg.name}?`}>
      {/* Remounted on each opening, so the reason starts empty. */}
      {opened && <SuspendUploadsForm partnerOrg={partnerOrg} onDone={onClose} />}
    </Modal>
  );
}

function SuspendUploadsForm({ partnerOrg, onDone }: { partnerOrg: PartnerOrgSupplyFragment; onDone: () => void }) {
  const [suspend, { loading }] = useMutation(PartnerUploadsSuspendDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : 'Give a reason: the partner sees it.') },
  });

  const submit = form.onSubmit(async ({ reason }) => {
    setFormErrors([]);
    try {
      const { data } = await suspend({
        variables: { input: { partnerOrgId: partnerOrg.id, suspended: true, reason: reason.trim() } },
        update: (cache, { data: result }) => {
          const supply = result?.partnerUploadsSuspend.supply;
          if (supply) writeSupply(cache, partnerOrg, supply);
        },
      });
      const payload = data?.partnerUploadsSuspend;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      notifySuccess(`${partnerOrg.name} cannot upload until you lift the suspension.`, 'Uploads suspended');
      onDone();
    } catch (error) {
      notifyError(error, 'Uploads not suspended');
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Suspend uploads">
      <Stack gap="sm">
        <Text size="sm">New uploads are refused until you lift the suspension. Leads already listed stay on sale.</Text>
        <FormErrorAlert messages={formErrors} />
        <Textarea
          label="Reason"
          description="Shown to the partner and kept in the audit log."
          required
          rows={3}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={loading}>
            Suspend uploads
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The partner's supply figures and gates, with suspending or lifting its uploads. */
export function PartnerSupplyCard({ partnerOrg }: { partnerOrg: PartnerOrgSupplyFragment }) {
  const supply = partnerOrg.supply;
  const [suspending, setSuspending] = useState(false);
  const [lift, { loading: lifting }] = useMutation(PartnerUploadsSuspendDocument);

  const liftSuspension = () =>
    void reportOutcome(
      async () => {
        const { data } = await lift({
          variables: { input: { partnerOrgId: partnerOrg.id, suspended: false, reason: null } },
          update: (cache, { data: result }) => {
            const next = result?.partnerUploadsSuspend.supply;
            if (next) writeSupply(cache, partnerOrg, next);
          },
        });
        return data?.partnerUploadsSuspend;
      },
      { success: `${partnerOrg.name} can upload again.`, failureTitle: 'Suspension not lifted' },
    );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="partner-supply-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4" id="partner-supply-title">
              Partner supply · {partnerOrg.name}
            </Title>
            <Anchor component={Link} to={urls.supplyUploads({ partner: partnerOrg.id })} size="sm">
              All uploads of this partner
            </Anchor>
          </div>
          {supply.uploadsSuspended ? (
            <Button variant="light" leftSection={<IconPlayerPlay size={16} />} loading={lifting} onClick={liftSuspension}>
              Lift suspension
            </Button>
          ) : (
            <Button color="red" variant="light" leftSection={<IconPlayerPause size={16} />} onClick={() => setSuspending(true)}>
              Suspend uploads
            </Button>
          )}
        </Group>
        {supply.uploadsSuspended && (
          <Alert color="orange" title="Uploads suspended" role="status">
            {supply.uploadsSuspendedReason || 'No reason was given.'}
            {supply.uploadsSuspendedAt && (
              <Text size="xs" c="dimmed" mt={4}>
                Since {formatDateTime(supply.uploadsSuspendedAt)}
              </Text>
            )}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Fact label="Partner score">{supply.score == null ? '—' : `${supply.score} / 100`}</Fact>
          <Fact label="Pass rate">{formatPercent(supply.passRatePercent)}</Fact>
          <Fact label="Duplicate rate">{formatPercent(supply.duplicateRatePercent)}</Fact>
          <Fact label="Acceptance rate">{formatPercent(supply.acceptanceRatePercent)}</Fact>
          <Fact label="Leads uploaded">{formatCount(supply.leadsUploaded)}</Fact>
          <Fact label="Leads listed">{formatCount(supply.leadsListed)}</Fact>
          <Fact label="Waiting for review">{formatCount(supply.leadsPendingReview)}</Fact>
          <Fact label="Leads sold">{formatCount(supply.leadsSold)}</Fact>
        </SimpleGrid>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            New uploads:
          </Text>
          {supply.reviewReasons.length === 0 ? (
            <Badge variant="light" color="teal">
              List at once
            </Badge>
          ) : (
            supply.reviewReasons.map((r) => (
              <Badge key={r} variant="light" color="orange" tt="none">
                Review: {reviewReasonLabel(r)}
              </Badge>
            ))
          )}
        </Group>
      </Stack>
      <SuspendUploadsModal partnerOrg={partnerOrg} opened={suspending} onClose={() => setSuspending(false)} />
    </Paper>
  );
}
