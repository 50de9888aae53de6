import { useMutation } from '@apollo/client/react';
import { applyUserErrors, FormErrorAlert, notifyError, notifySuccess } from '@hotlead/ui';
import { Button, Group, Modal, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { AdminCreditPackagesDocument, CreditPackageSaveDocument, type AdminCreditPackageFieldsFragment } from '../../gql/graphql';
import { centsToDollars, dollarsToCents } from './price';

export interface CreditPackageModalProps {
  opened: boolean;
  /** The package to edit; null to create one. */
  creditPackage: AdminCreditPackageFieldsFragment | null;
  /** Changes on every opening: the form starts afresh. */
  session: number;
  onClose: () => void;
}

interface Values {
  name: string;
  credits: number | string;
  price: string;
  active: boolean;
  sortOrder: number | string;
}

function initialValues(p: AdminCreditPackageFieldsFragment | null): Values {
  return p
    ? { name: p.name, credits: p.credits, price: centsToDollars(p.priceCents), active: p.active, sortOrder: p.sortOrder }
    : { name: '', credits: '', price: '', active: true, sortOrder: 0 };
}

const isWholeNumber = (value: number | string) => typeof value === 'number' && Number.isInteger(value);

/** "Edit package" / "New package": the form, with the server's user errors beside its fields. */
export function CreditPackageModal({ opened, creditPackage, session, onClose }: CreditPackageModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={creditPackage ? `Edit ${creditPackage.name}` : 'New package'}>
      {/* Remounted on each opening, so it starts from the package's current values. */}
      <CreditPackageForm key={session} creditPackage={creditPackage} onDone={onClose} />
    </Modal>
  );
}

function CreditPackageForm({ creditPackage, onDone }: { creditPackage: AdminCreditPackageFieldsFragment | null; onDone: () => void }) {
  const [save, { loading }] = useMutation(CreditPackageSaveDocument, {
    refetchQueries: [AdminCreditPackagesDocument],
    awaitRefetchQueries: true,
  });
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: initialValues(creditPackage),
    validate: {
      name: (v) => (v.trim() ? (v.trim().length > 60 ? 'Use at most 60 characters' : null) : 'Give the package a name'),
      credits: (v) => (isWholeNumber(v) && Number(v) > 0 ? null : 'Enter a whole number of credits above zero'),
      price: (v) => {
        const cents = dollarsToCents(v);
        if (cents === null) return 'Enter a price in dollars, like 79.99';
        return cents < 50 ? 'The price must be at least $0.50' : null;
      },
      sortOrder: (v) => (isWholeNumber(v) ? null : 'Enter a whole number'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    const priceCents = dollarsToCents(values.price);
    if (priceCents === null) return;
    setFormErrors([]);
    try {
      const { data } = await save({
        variables: {
          input: {
            ...(creditPackage ? { id: creditPackage.id } : {}),
            name: values.name.trim(),
            credits: Number(values.credits),
            priceCents,
            active: values.active,
            sortOrder: Number(values.sortOrder),
          },
        },
      });
      const payload = data?.creditPackageSave;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        // The price is typed in dollars here and sent as `priceCents`.
        const errors = payload.userErrors.map((e) => (e.field?.at(-1) === 'priceCents' ? { ...e, field: ['input', 'price'] } : e));
        setFormErrors(applyUserErrors(form, errors));
        return;
      }
      notifySuccess(creditPackage ? `${values.name.trim()} saved.` : `${values.name.trim()} created.`);
      onDone();
    } catch (error) {
      notifyError(error, 'Package not saved');
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={creditPackage ? 'Edit package' : 'New package'}>
      <Stack gap="sm">
        <FormErrorAlert messages={formErrors} />
        <TextInput label="Name" required {...form.getInputProps('name')} />
        <Group grow align="flex-start">
          <NumberInput
            label="Credits"
            required
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            {...form.getInputProps('credits')}
          />
          <TextInput
            label="Price (USD)"
            required
            leftSection="$"
            inputMode="decimal"
            placeholder="79.99"
            {...form.getInputProps('price')}
          />
        </Group>
        <Group grow align="flex-end">
          <NumberInput label="Sort order" description="Lower comes first" allowDecimal={false} {...form.getInputProps('sortOrder')} />
          <Switch label="On sale" {...form.getInputProps('active', { type: 'checkbox' })} />
        </Group>
        <Text size="xs" c="dimmed">
          Every change is recorded in the audit log. Price changes apply to purchases started from now on.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            {creditPackage ? 'Save package' : 'Create package'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
