import { useQuery } from '@apollo/client/react';
import { errorCode } from '@hotlead/graphql-client';
import { EmptyPanel, formatDate, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Alert, Anchor, Button, Group, List, Paper, RingProgress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { SupplyDashboardDocument, type SupplyDashboardQuery } from '../../gql/graphql';
import { formatCount, formatPercent, reviewReasonSentence } from '../../supply/labels';
import { UploadsTable } from '../../supply/UploadsTable';
import { urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';

type Supply = NonNullable<SupplyDashboardQuery['partnerOrg']>['supply'];

export const LATEST_UPLOADS = 5;

function StatCard({ label, value, hint }: { label: string; value: number; hint: string }) {
  return (
    <Paper withBorder p="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {formatCount(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

function scoreColor(score: number): string {
  if (score >= 80) return 'teal';
  if (score >= 60) return 'yellow';
  return 'red';
}

function Rate({ label, weight, value, better }: { label: string; weight: string; value: number | null; better: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" role="group" aria-label={label} gap="md">
      <div>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {weight} of the score · {better}
        </Text>
      </div>
      <div style={{ textAlign: 'right' }}>
        <Text size="lg" fw={700}>
          {formatPercent(value)}
        </Text>
        {value == null && (
          <Text size="xs" c="dimmed">
            Not measured yet
          </Text>
        )}
      </div>
    </Group>
  );
}

/** The partner score (0–100) and the three rates it is made of. */
function ScoreCard({ supply }: { supply: Supply }) {
  const { score } = supply;
  return (
    <Paper component="section" aria-label="Partner score">
      <Stack gap="md">
        <Title order={3} size="h4">
          Partner score
        </Title>
        <Group align="center" gap="xl" wrap="wrap">
          <RingProgress
            size={140}
            thickness={12}
            roundCaps
            sections={score == null ? [] : [{ value: score, color: scoreColor(score) }]}
            label={
              <Stack gap={0} align="center" aria-label="Score">
                <Text fw={700} size="xl" ta="center" data-testid="partner-score">
                  {score == null ? '—' : score}
                </Text>
                <Text size="xs" c="dimmed" ta="center">
                  {score == null ? 'Not measured yet' : 'of 100'}
                </Text>
              </Stack>
            }
          />
          <Stack gap="sm" style={{ flex: 1, minWidth: 260 }}>
            <Rate label="Verification pass rate" weight="50 %" value={supply.passRatePercent} better="higher is better" />
            <Rate label="Duplicate rate" weight="30 %" value={supply.duplicateRatePercent} better="lower is better" />
            <Rate label="Acceptance rate" weight="20 %" value={supply.acceptanceRatePercent} better="higher is better" />
          </Stack>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Whether new uploads list at once or wait for an admin, and why. */
function ReviewCard({ supply }: { supply: Supply }) {
  return (
    <Paper component="section" aria-label="Review status">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Review status
        </Title>
        {supply.reviewReasons.length === 0 ? (
          <Text size="sm">New uploads list as soon as they import.</Text>
        ) : (
          <>
            <Text size="sm">New uploads wait for admin review because:</Text>
            <List size="sm" spacing={4}>
              {supply.reviewReasons.map((reason) => (
                <List.Item key={reason}>{reviewReasonSentence(reason)}</List.Item>
              ))}
            </List>
          </>
        )}
        <Text size="xs" c="dimmed">
          {supply.firstReviewDone
            ? 'Hotlead has completed your first review.'
            : 'Hotlead reviews every partner once, after its first 100 leads.'}
        </Text>
      </Stack>
    </Paper>
  );
}

/** A partner org's supply: volume, partner score and its rates, review gates, suspension, latest uploads. */
export function SupplyDashboardPage() {
  const { partnerOrgId = '' } = useParams();
  const { data, error, refetch } = useQuery(SupplyDashboardDocument, {
    variables: { partnerOrgId, first: LATEST_UPLOADS },
    ...FRESH_ON_OPEN,
  });

  if (!data) {
    if (error && errorCode(error) === 'NOT_FOUND') return <OrgNotFound />;
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const partnerOrg = data.partnerOrg;
  if (!partnerOrg) return <OrgNotFound />;
  const { supply } = partnerOrg;
  // The cached list may hold more pages (the history's); the dashboard shows the newest few.
  const uploads = data.leadUploads.edges.slice(0, LATEST_UPLOADS).map((e) => e.node);

  const uploadButton = (
    <Button component={Link} to={urls.uploadNew(partnerOrg.id)} leftSection={<IconUpload size={16} />}>
      Upload leads
    </Button>
  );

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Supply</Title>
          <Text c="dimmed" size="sm">
            <Anchor component={Link} to={urls.partnerOrg(partnerOrg.id)}>
              {partnerOrg.name}
            </Anchor>{' '}
            · The leads you supply, how buyers receive them and how Hotlead rates them.
          </Text>
        </div>
        {uploadButton}
      </Group>

      {supply.uploadsSuspended && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Uploads are suspended" role="alert">
          <Text size="sm">{supply.uploadsSuspendedReason ?? 'An administrator has paused uploads for this organization.'}</Text>
          {supply.uploadsSuspendedAt && (
            <Text size="xs" c="dimmed">
              Since {formatDate(supply.uploadsSuspendedAt)}. Your listed leads keep selling; new files cannot be uploaded until the
              suspension is lifted.
            </Text>
          )}
        </Alert>
      )}

      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label="Leads uploaded" value={supply.leadsUploaded} hint="Rows that became leads" />
        <StatCard label="Listed" value={supply.leadsListed} hint="Offered to buyers now" />
        <StatCard label="Sold" value={supply.leadsSold} hint="Sold at least once" />
        <StatCard label="Pending review" value={supply.leadsPendingReview} hint="Waiting for an admin" />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ScoreCard supply={supply} />
        <ReviewCard supply={supply} />
      </SimpleGrid>

      <Paper component="section" aria-label="Latest uploads">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h4">
              Latest uploads
            </Title>
            {uploads.length > 0 && (
              <Anchor component={Link} to={urls.uploads(partnerOrg.id)} size="sm">
                All uploads
              </Anchor>
            )}
          </Group>
          {uploads.length === 0 ? (
            <EmptyPanel
              icon={<IconFileUpload size={28} />}
              title="No uploads yet"
              description="Upload a CSV to start supplying leads."
              action={uploadButton}
            />
          ) : (
            <UploadsTable partnerOrgId={partnerOrg.id} uploads={uploads} compact />
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function OrgNotFound() {
  return <EmptyPanel title="Organization not found" description="It may have been removed, or you are no longer a member." />;
}
