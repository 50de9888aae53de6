import { useQuery } from '@apollo/client/react';
import { EmptyPanel, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight, IconTools } from '@tabler/icons-react';
import { Link } from 'react-router';
import { RequestNichesDocument } from '../../gql/graphql';
import { urls } from '../../urls';

/** The public start of a service request: one card per service category open for requests. */
export function RequestNichesPage() {
  const { data, error, refetch } = useQuery(RequestNichesDocument);

  if (!data) return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  const niches = data.niches.filter((niche) => niche.active);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>What do you need help with?</Title>
        <Text c="dimmed">
          Tell us about your project and we pass it to a few matching providers. It is free, and you choose how they contact you.
        </Text>
      </Stack>
      {niches.length === 0 ? (
        <Card>
          <EmptyPanel
            title="No services are open for requests right now"
            description="Please come back a little later."
            icon={<IconTools size={28} />}
          />
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {niches.map((niche) => (
            <Card key={niche.id} component={Link} to={urls.requestForm(niche.slug)} withBorder shadow="xs">
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Title order={3} size="h4">
                    {niche.name}
                  </Title>
                  <IconArrowRight size={18} aria-hidden />
                </Group>
                <Text size="sm" c="dimmed">
                  {niche.description}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
