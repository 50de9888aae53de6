import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useMutation } from '@apollo/client/react';
import { errorCode, errorMessage } from '@hotlead/graphql-client';
import { EmptyPanel, formatCredits, formatUsd, FormErrorAlert } from '@hotlead/ui';
import { Alert, Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { browser } from '../../credits/browser';
import { formatUnitPrice } from '../../credits/labels';
import { CreditPurchaseStartDocument } from '../../gql/graphql';
import { PACKAGES_ANCHOR, type CreditPackage } from './types';

export const RATE_LIMITED_MESSAGE = 'Too many purchases: a workspace can start at most 5 purchases per hour.';

/** The rate-limit message, with when to try again when the API says (`extensions.retryAfterSeconds`). */
function rateLimitedMessage(error: unknown): string {
  const retryAfter = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions?.['retryAfterSeconds'] : undefined;
  if (typeof retryAfter !== 'number') return `${RATE_LIMITED_MESSAGE} Please try again later.`;
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return `${RATE_LIMITED_MESSAGE} Please try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

export interface PackagesSectionProps {
  workspaceId: string;
  packages: readonly CreditPackage[];
  /** Owners and admins buy; members see the packages and a note. */
  canBuy: boolean;
}

/** The packages on sale; "Buy" starts a checkout and sends the browser to the provider's page. */
export function PackagesSection({ workspaceId, packages, canBuy }: PackagesSectionProps) {
  const [purchaseStart] = useMutation(CreditPurchaseStartDocument);
  const [buying, setBuying] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const buy = async (pkg: CreditPackage) => {
    setBuying(pkg.id);
    setErrors([]);
    let leaving = false;
    try {
      const { data } = await purchaseStart({ variables: { workspaceId, packageId: pkg.id } });
      const payload = data?.creditPurchaseStart;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setErrors(payload.userErrors.map((e) => e.message));
      } else if (payload.checkoutUrl) {
        leaving = true;
        browser.assign(payload.checkoutUrl);
      } else {
        setErrors(['The payment provider did not open a checkout. Nothing was charged; please try again.']);
      }
    } catch (error) {
      setErrors([errorCode(error) === 'RATE_LIMITED' ? rateLimitedMessage(error) : errorMessage(error)]);
    } finally {
      if (!leaving) setBuying(null);
    }
  };

  return (
    <Stack gap="sm" id={PACKAGES_ANCHOR}>
      <Title order={3} size="h4">
        Buy credits
      </Title>
      {!canBuy && (
        <Alert color="gray" role="note" icon={<IconInfoCircle size={18} />}>
          Only owners and admins of this workspace can buy credits. Ask one of them to top up.
        </Alert>
      )}
      <FormErrorAlert messages={errors} />
      {packages.length === 0 && <EmptyPanel title="No packages on sale" description="Credit packages will appear here." />}
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }}>
        {packages.map((pkg) => (
          <Card key={pkg.id} withBorder padding="lg" role="group" aria-label={pkg.name}>
            <Stack gap={4} h="100%">
              <Text fw={700}>{pkg.name}</Text>
              <Text fz={28} fw={800} lh={1.2}>
                {formatCredits(String(pkg.credits))}
                <Text span c="dimmed" fz="sm" fw={500}>
                  {' '}
                  credits
                </Text>
              </Text>
              <Text fw={600}>{formatUsd(pkg.price)}</Text>
              <Text size="sm" c="dimmed" mb="sm">
                {formatUnitPrice(pkg.pricePerCredit)} per credit
              </Text>
              {canBuy && (
                <Button
                  mt="auto"
                  onClick={() => void buy(pkg)}
                  loading={buying === pkg.id}
                  disabled={buying !== null && buying !== pkg.id}
                  aria-label={`Buy ${pkg.name}`}
                >
                  Buy
                </Button>
              )}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
