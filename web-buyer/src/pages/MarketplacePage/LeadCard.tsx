import { formatCredits, formatDate, formatUsd, humanizeEnum } from '@hotlead/ui';
import { ActionIcon, Badge, Button, Group, Menu, Paper, RingProgress, Stack, Text, Tooltip } from '@mantine/core';
import { IconBrandLinkedin, IconCheck, IconChevronDown, IconMail, IconPhone, IconShoppingCartPlus } from '@tabler/icons-react';
import type { MarketplaceSearchQuery } from '../../gql/graphql';
import { leadLocation, leadName, usdToCredits } from '../../marketplace/format';

export type MarketplaceLead = MarketplaceSearchQuery['leadSearch']['leads']['edges'][number]['node'];

export interface LeadCardProps {
  lead: MarketplaceLead;
  inCart: boolean;
  adding: boolean;
  onAdd: (exclusive: boolean) => void;
}

function scoreColor(score: number): string {
  if (score >= 70) return 'teal';
  if (score >= 40) return 'yellow';
  return 'gray';
}

function Score({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0} align="center">
      <RingProgress
        size={52}
        thickness={5}
        roundCaps
        sections={[{ value, color: scoreColor(value) }]}
        label={
          <Text ta="center" size="xs" fw={700}>
            {value}
          </Text>
        }
        aria-label={`${label} ${value}`}
      />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** A lead's preview: who and where, scores, masked contact details, price and "Add to cart". */
export function LeadCard({ lead, inCart, adding, onAdd }: LeadCardProps) {
  const name = leadName(lead);
  return (
    <Paper component="article" aria-label={name} withBorder p="md">
      <Stack gap="sm" h="100%" justify="space-between">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} miw={0}>
            <Text fw={700} truncate>
              {name}
            </Text>
            {lead.jobTitle && (
              <Text size="sm" truncate>
                {lead.jobTitle}
              </Text>
            )}
            <Text size="sm" c="dimmed" truncate>
              {lead.companyName}
            </Text>
            <Group gap={6} mt={4}>
              {lead.industry && (
                <Badge size="xs" variant="light">
                  {lead.industry}
                </Badge>
              )}
              <Badge size="xs" variant="outline" color="gray">
                {humanizeEnum(lead.seniority)}
              </Badge>
            </Group>
          </Stack>
          <Group gap={4} wrap="nowrap">
            <Score label="Intent" value={lead.intentScore} />
            <Score label="Fresh" value={lead.freshnessScore} />
          </Group>
        </Group>

        <Text size="sm">{leadLocation(lead)}</Text>

        <Stack gap={4}>
          <Group gap={6} wrap="nowrap">
            <IconMail size={14} />
            <Text size="sm" ff="monospace" truncate>
              {lead.emailPreview ?? '—'}
            </Text>
            {lead.verificationStatus === 'VALID' && (
              <Badge size="xs" color="teal" variant="light">
                Verified
              </Badge>
            )}
            {lead.verificationStatus === 'CATCH_ALL' && (
              <Badge size="xs" color="yellow" variant="light">
                Catch-all
              </Badge>
            )}
          </Group>
          <Group gap={6} wrap="nowrap">
            <IconPhone size={14} />
            <Text size="sm" ff="monospace" truncate>
              {lead.phonePreview ?? 'No phone'}
            </Text>
          </Group>
          <Group gap={6}>
            <Tooltip label={lead.hasPhone ? 'Has a phone number' : 'No phone number'}>
              <Badge
                size="xs"
                variant={lead.hasPhone ? 'light' : 'outline'}
                color={lead.hasPhone ? 'blue' : 'gray'}
                leftSection={<IconPhone size={10} />}
              >
                {lead.hasPhone ? 'Phone' : 'No phone'}
              </Badge>
            </Tooltip>
            <Badge
              size="xs"
              variant={lead.hasLinkedin ? 'light' : 'outline'}
              color={lead.hasLinkedin ? 'blue' : 'gray'}
              leftSection={<IconBrandLinkedin size={10} />}
            >
              {lead.hasLinkedin ? 'LinkedIn' : 'No LinkedIn'}
            </Badge>
          </Group>
        </Stack>

        <Text size="xs" c="dimmed">
          Source: {lead.source} · collected {formatDate(lead.collectedAt)}
        </Text>

        <Group justify="space-between" align="center" wrap="nowrap">
          <div>
            <Text fw={700} data-testid="lead-price">
              {formatUsd(lead.listPrice)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatCredits(usdToCredits(lead.listPrice))} credits
            </Text>
          </div>
          {lead.purchased ? (
            <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
              Purchased
            </Badge>
          ) : inCart ? (
            <Button size="xs" variant="light" color="teal" leftSection={<IconCheck size={14} />} disabled>
              In cart
            </Button>
          ) : (
            <Group gap={0} wrap="nowrap">
              <Button
                size="xs"
                leftSection={<IconShoppingCartPlus size={14} />}
                loading={adding}
                onClick={() => onAdd(false)}
                style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}
              >
                Add to cart
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon
                    size={30}
                    variant="filled"
                    aria-label={`More ways to add ${name}`}
                    disabled={adding}
                    style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0, borderLeft: '1px solid rgba(255,255,255,0.4)' }}
                  >
                    <IconChevronDown size={14} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => onAdd(true)}>Exclusive (×5): {formatUsd((Number(lead.listPrice) * 5).toFixed(4))}</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
