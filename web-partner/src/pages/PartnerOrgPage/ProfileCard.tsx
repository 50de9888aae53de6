import { formatDate, humanizeEnum } from '@hotlead/ui';
import type { ReactNode } from 'react';
import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { PartnerOrgPageQuery } from '../../gql/graphql';

type PartnerOrg = NonNullable<PartnerOrgPageQuery['partnerOrg']>;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

/** Name, website, status and upload state of the organization. */
export function ProfileCard({ partnerOrg }: { partnerOrg: PartnerOrg }) {
  return (
    <Paper>
      <Stack gap="md">
        <Title order={3} size="h4">
          Profile
        </Title>
        {partnerOrg.uploadsSuspended && (
          <Alert color="orange" title="Uploads are paused">
            New uploads wait until an administrator lifts the pause (quality review or enforcement).
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field label="Name">{partnerOrg.name}</Field>
          <Field label="Website">
            {partnerOrg.website ? (
              <Anchor href={partnerOrg.website} target="_blank" rel="noopener noreferrer">
                {partnerOrg.website}
              </Anchor>
            ) : (
              '—'
            )}
          </Field>
          <Field label="Status">
            <Group gap="xs">
              <Badge color={partnerOrg.status === 'ACTIVE' ? 'teal' : 'red'} variant="light">
                {humanizeEnum(partnerOrg.status)}
              </Badge>
            </Group>
          </Field>
          <Field label="Partner since">{formatDate(partnerOrg.createdAt)}</Field>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
