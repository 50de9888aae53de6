import { useMutation } from '@apollo/client/react';
import { applyUserErrors, formatCredits, formatUsd, FormErrorAlert, notifyError, notifySuccess } from '@hotlead/ui';
import { Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { cardBrandLabel } from '../../credits/labels';
import { CreditAutoReloadUpdateDocument } from '../../gql/graphql';
import type { CreditPackage, Wallet } from './types';

export interface AutoReloadSectionProps {
  workspaceId: string;
  wallet: Wallet;
  packages: readonly CreditPackage[];
  /** Owners and admins change it; members read it. */
  canEdit: boolean;
}

/** Reload credits automatically when the balance falls under a threshold (charges the saved card). */
export function AutoReloadSection({ workspaceId, wallet, packages, canEdit }: AutoReloadSectionProps) {
  const { autoReload } = wallet;
  return (
    <Paper>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Auto-reload
        </Title>
        {canEdit ? (
          <AutoReloadForm workspaceId={workspaceId} wallet={wallet} packages={packages} />
        ) : (
          <Text size="sm" data-testid="auto-reload-summary">
            {autoReload.enabled && autoReload.package
              ? `On: ${autoReload.package.name} (${formatCredits(String(autoReload.package.credits))} credits) is bought when the balance falls under ${formatCredits(String(autoReload.thresholdCredits))} credits.`
              : 'Off. Owners and admins can turn it on.'}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

interface FormValues {
  enabled: boolean;
  thresholdCredits: number | string;
  packageId: string | null;
}

function AutoReloadForm({ workspaceId, wallet, packages }: Omit<AutoReloadSectionProps, 'canEdit'>) {
  const [update] = useMutation(CreditAutoReloadUpdateDocument);
  const [submitting, setSubmitting] = useState(false);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<FormValues>({
    initialValues: {
      enabled: wallet.autoReload.enabled,
      thresholdCredits: wallet.autoReload.thresholdCredits,
      packageId: wallet.autoReload.package?.id ?? null,
    },
    validate: {
      thresholdCredits: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 0 ? null : 'Enter a whole number of credits, 0 or more',
      packageId: (value, values) => (values.enabled && !value ? 'Choose the package to buy' : null),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setFormErrors([]);
    try {
      const { data } = await update({
        variables: {
          workspaceId,
          enabled: values.enabled,
          thresholdCredits: Number(values.thresholdCredits),
          packageId: values.packageId,
        },
      });
      const payload = data?.creditAutoReloadUpdate;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      form.resetDirty();
      const pkg = packages.find((p) => p.id === values.packageId);
      notifySuccess(
        values.enabled && pkg
          ? `We'll buy ${pkg.name} when the balance falls under ${formatCredits(String(values.thresholdCredits))} credits.`
          : 'Credits will not be reloaded automatically.',
        values.enabled ? 'Auto-reload is on' : 'Auto-reload is off',
      );
    } catch (error) {
      notifyError(error, 'Auto-reload not saved');
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Auto-reload">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {wallet.savedCard
            ? `Charges the saved card (${cardBrandLabel(wallet.savedCard.brand)} ending in ${wallet.savedCard.last4}) when the balance falls under the threshold.`
            : 'Auto-reload charges the card saved at your first card purchase: buy a package by card once first.'}
        </Text>
        <FormErrorAlert messages={formErrors} />
        <Switch label="Reload credits automatically" {...form.getInputProps('enabled', { type: 'checkbox' })} />
        <Group align="flex-start" grow preventGrowOverflow={false}>
          <NumberInput
            label="When the balance falls under"
            description="Whole credits"
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            {...form.getInputProps('thresholdCredits')}
          />
          <Select
            label="Package to buy"
            placeholder="Choose a package"
            data={packages.map((p) => ({
              value: p.id,
              label: `${p.name}: ${formatCredits(String(p.credits))} credits for ${formatUsd(p.price)}`,
            }))}
            {...form.getInputProps('packageId')}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            Save auto-reload
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
