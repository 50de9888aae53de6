import { useMutation } from '@apollo/client/react';
import { applyUserErrors, FormErrorAlert, notifyError, zodResolver } from '@hotlead/ui';
import { Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { z } from 'zod';
import { LeadImportStartDocument, type LeadImportStartMutation, type UploadWizardQuery } from '../../gql/graphql';
import type { Mapping } from './ColumnsStep';

export type StartedUpload = NonNullable<LeadImportStartMutation['leadImportStart']['upload']>;

const MAX_MIN_PRICE = 9999.9999;

const schema = z.object({
  industryId: z
    .string()
    .nullable()
    .refine((v) => Boolean(v), 'Choose the industry of these leads.'),
  minPrice: z.union([z.number(), z.string()]).refine((v) => {
    if (v === '') return true;
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 && n <= MAX_MIN_PRICE;
  }, 'Enter a price between $0 and $9,999.9999, or leave it empty.'),
  defaultCountry: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'Enter a two-letter country code, e.g. US.'),
  lawfulBasisConfirmed: z.boolean().refine((v) => v, 'Confirm how these contacts were collected to start the import.'),
});

type DetailsValues = {
  industryId: string | null;
  minPrice: number | string;
  defaultCountry: string;
  lawfulBasisConfirmed: boolean;
};

/** The API's Decimal: at most four decimals ("0.2500"); null for no minimum. */
function minPriceDecimal(value: number | string): string | null {
  if (value === '') return null;
  return Number(value).toFixed(4);
}

export interface DetailsStepProps {
  uploadId: string;
  mapping: Mapping;
  industries: UploadWizardQuery['industries'];
  /** Why uploads are closed (suspension); null when the partner may import. */
  suspendedReason: string | null;
  onBack: () => void;
  onStarted: (upload: StartedUpload) => void;
}

/** Step 3: industry, minimum price, default country and the lawful-basis confirmation; then the import starts. */
export function DetailsStep({ uploadId, mapping, industries, suspendedReason, onBack, onStarted }: DetailsStepProps) {
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [start, { loading }] = useMutation(LeadImportStartDocument);
  const form = useForm<DetailsValues>({
    initialValues: { industryId: null, minPrice: '', defaultCountry: 'US', lawfulBasisConfirmed: false },
    validate: zodResolver(schema),
  });

  const submit = form.onSubmit(async (values) => {
    setFormErrors([]);
    try {
      const { data } = await start({
        variables: {
          input: {
            uploadId,
            mapping,
            industryId: values.industryId ?? '',
            minPrice: minPriceDecimal(values.minPrice),
            defaultCountry: values.defaultCountry.trim().toUpperCase(),
            lawfulBasisConfirmed: values.lawfulBasisConfirmed,
          },
        },
      });
      const payload = data?.leadImportStart;
      if (!payload) return;
      if (payload.userErrors.length > 0 || !payload.upload) {
        const general = applyUserErrors(form, payload.userErrors);
        const aboutMapping = payload.userErrors.some((e) => e.field?.[e.field.length - 1] === 'mapping');
        setFormErrors(aboutMapping ? [...general, 'Go back to “Columns” to change the mapping.'] : general);
        return;
      }
      onStarted(payload.upload);
    } catch (error) {
      notifyError(error, 'The import did not start');
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Paper component="section" aria-label="Details">
          <Stack gap="md">
            <Title order={3} size="h4">
              About these leads
            </Title>
            <FormErrorAlert messages={suspendedReason ? [suspendedReason, ...formErrors] : formErrors} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Industry"
                placeholder="Choose an industry"
                required
                searchable
                data={industries.map((i) => ({ value: i.id, label: i.name }))}
                nothingFoundMessage="No industry matches"
                {...form.getInputProps('industryId')}
              />
              <NumberInput
                label="Minimum price per lead (USD)"
                description="Optional: no lead of this upload lists below it."
                placeholder="No minimum"
                decimalScale={4}
                min={0}
                max={MAX_MIN_PRICE}
                allowNegative={false}
                leftSection="$"
                {...form.getInputProps('minPrice')}
              />
              <TextInput
                label="Default country"
                description="Two-letter code for rows without a country."
                required
                maxLength={2}
                {...form.getInputProps('defaultCountry')}
                onChange={(event) => form.setFieldValue('defaultCountry', event.currentTarget.value.toUpperCase())}
              />
            </SimpleGrid>
            <Checkbox
              label="I confirm these contacts were collected lawfully and may be offered to B2B buyers"
              required
              {...form.getInputProps('lawfulBasisConfirmed', { type: 'checkbox' })}
            />
            <Text size="xs" c="dimmed">
              Hotlead verifies every email and removes duplicates; your partner score reflects how many rows pass.
            </Text>
          </Stack>
        </Paper>
        <Group justify="space-between">
          <Button variant="default" onClick={onBack}>
            Back
          </Button>
          <Button type="submit" loading={loading} disabled={suspendedReason !== null}>
            Start import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
