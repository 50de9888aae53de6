import { useMutation, useQuery } from '@apollo/client/react';
import { applyUserErrors, formatCredits, FormErrorAlert, notifySuccess, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Button, Group, MultiSelect, NumberInput, Paper, Progress, SimpleGrid, Stack, Switch, TagsInput, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useParams } from 'react-router';
import { inputErrorsOf } from '../../components/Conversations/apiErrors';
import { formatCount } from '../../components/Supply/supplyWords';
import {
  ProviderProfileUpdateDocument,
  ProviderSettingsDocument,
  type ProviderProfileFieldsFragment,
  type ProviderProfileInput,
  type ProviderSettingsQuery,
} from '../../gql/graphql';
import { useConsoleAccess } from '../../layouts/useConsoleAccess';

type Niche = ProviderSettingsQuery['niches'][number] | ProviderProfileFieldsFragment['niches'][number];

interface Values {
  active: boolean;
  nicheIds: string[];
  sicCodes: string[];
  countries: string[];
  regions: string[];
  postalPrefixes: string[];
  capPerDay: number | string;
  capPerWeek: number | string;
  capPerMonth: number | string;
  /** Price per niche id; empty uses the niche's default price. */
  prices: Record<string, number | string>;
}

function initialValues(profile: ProviderProfileFieldsFragment): Values {
  return {
    active: profile.active,
    nicheIds: profile.niches.map((n) => n.id),
    sicCodes: [...profile.sicCodes],
    countries: [...profile.countries],
    regions: [...profile.regions],
    postalPrefixes: [...profile.postalPrefixes],
    capPerDay: profile.capPerDay ?? '',
    capPerWeek: profile.capPerWeek ?? '',
    capPerMonth: profile.capPerMonth ?? '',
    prices: Object.fromEntries(profile.prices.map((p) => [p.niche.id, Number(p.price)])),
  };
}

const blank = (value: number | string) => value === '' || value === null || value === undefined;

function capProblem(value: number | string): string | null {
  if (blank(value)) return null;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? null : 'Enter a whole number (or leave empty for no cap)';
}

/** A cap below a shorter period's cap can never be reached. */
function capOrderProblem(longer: number | string, shorter: number | string, what: string): string | null {
  if (blank(longer) || blank(shorter)) return null;
  return Number(longer) < Number(shorter) ? `Lower than the ${what} cap` : null;
}

/** The profile input from the form: empty caps are no cap, empty prices use the niche's default. */
export function profileInput(values: Values): ProviderProfileInput {
  const cap = (value: number | string) => (blank(value) ? null : Number(value));
  return {
    active: values.active,
    nicheIds: values.nicheIds,
    sicCodes: values.sicCodes,
    countries: values.countries,
    regions: values.regions,
    postalPrefixes: values.postalPrefixes,
    capPerDay: cap(values.capPerDay),
    capPerWeek: cap(values.capPerWeek),
    capPerMonth: cap(values.capPerMonth),
    prices: values.nicheIds.flatMap((nicheId) => {
      const price = values.prices[nicheId];
      return price === undefined || blank(price) ? [] : [{ nicheId, price: String(price) }];
    }),
  };
}

function Usage({ label, delivered, cap }: { label: string; delivered: number; cap: number | null | undefined }) {
  return (
    <div role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {formatCount(delivered)} {cap == null ? 'delivered · no cap' : `of ${formatCount(cap)}`}
      </Text>
      {cap != null && cap > 0 && (
        <Progress value={Math.min(100, (delivered / cap) * 100)} color={delivered >= cap ? 'red' : 'blue'} size="sm" mt={4} />
      )}
    </div>
  );
}

function SettingsForm({ workspaceId, profile, niches }: { workspaceId: string; profile: ProviderProfileFieldsFragment; niches: Niche[] }) {
  const [save, { loading }] = useMutation(ProviderProfileUpdateDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: initialValues(profile),
    validate: {
      nicheIds: (value, values) => (values.active && value.length === 0 ? 'Choose at least one niche to receive leads' : null),
      countries: (value) => (value.every((c) => /^[A-Z]{2}$/.test(c)) ? null : 'Use two-letter country codes (ISO 3166-1), like US or DE'),
      sicCodes: (value) => (value.every((c) => /^\d{2,4}$/.test(c)) ? null : 'SIC codes are 2 to 4 digits'),
      capPerDay: capProblem,
      capPerWeek: (value, values) => capProblem(value) ?? capOrderProblem(value, values.capPerDay, 'daily'),
      capPerMonth: (value, values) =>
        capProblem(value) ??
        (blank(values.capPerWeek)
          ? capOrderProblem(value, values.capPerDay, 'daily')
          : capOrderProblem(value, values.capPerWeek, 'weekly')),
      prices: (value, values) =>
        values.nicheIds.some((id) => {
          const price = value[id];
          return price !== undefined && !blank(price) && !(Number(price) > 0);
        })
          ? 'Prices must be above zero'
          : null,
    },
  });

  const byId = new Map(niches.map((n) => [n.id, n]));
  const submit = form.onSubmit(async (values) => {
    if (loading) return;
    setFormErrors([]);
    try {
      await save({ variables: { workspaceId, input: profileInput(values) } });
      notifySuccess('New requests are routed with these settings.', 'Routing settings saved');
    } catch (error) {
      setFormErrors(applyUserErrors(form, inputErrorsOf(error)));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Routing settings">
      <Stack gap="md">
        <FormErrorAlert messages={formErrors} />
        <Paper>
          <Stack gap="sm">
            <Switch
              label="Receive new leads"
              description="Off: routing skips this workspace; open threads carry on."
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
            <MultiSelect
              label="Niches"
              description="The services you take requests for."
              searchable
              data={niches.map((n) => ({ value: n.id, label: n.name }))}
              {...form.getInputProps('nicheIds')}
            />
            <TagsInput
              label="Industry (SIC) codes"
              description="Optional: press Enter after each code."
              {...form.getInputProps('sicCodes')}
            />
          </Stack>
        </Paper>
        <Paper>
          <Stack gap="sm">
            <Title order={4}>Area</Title>
            <TagsInput
              label="Countries"
              description="Two-letter codes, like US. Empty: any country."
              {...form.getInputProps('countries')}
              onChange={(value) =>
                form.setFieldValue(
                  'countries',
                  value.map((c) => c.trim().toUpperCase()),
                )
              }
            />
            <TagsInput
              label="Regions"
              description="States or regions, as people write them. Empty: anywhere."
              {...form.getInputProps('regions')}
            />
            <TagsInput
              label="Postal code prefixes"
              description="e.g. 941 for San Francisco. Empty: any postal code."
              {...form.getInputProps('postalPrefixes')}
            />
          </Stack>
        </Paper>
        <Paper>
          <Stack gap="sm">
            <Title order={4}>Caps</Title>
            <Text size="sm" c="dimmed">
              The most leads routed to you per period. Empty means no cap.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput label="Per day" allowDecimal={false} allowNegative={false} {...form.getInputProps('capPerDay')} />
              <NumberInput label="Per week" allowDecimal={false} allowNegative={false} {...form.getInputProps('capPerWeek')} />
              <NumberInput label="Per month" allowDecimal={false} allowNegative={false} {...form.getInputProps('capPerMonth')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }} aria-label="Deliveries against caps">
              <Usage label="Delivered today" delivered={profile.deliveredToday} cap={profile.capPerDay} />
              <Usage label="Delivered this week" delivered={profile.deliveredThisWeek} cap={profile.capPerWeek} />
              <Usage label="Delivered this month" delivered={profile.deliveredThisMonth} cap={profile.capPerMonth} />
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper>
          <Stack gap="sm">
            <Title order={4}>Price per lead</Title>
            <Text size="sm" c="dimmed">
              Credits charged when a lead is delivered to you. Empty uses the niche&apos;s default price.
            </Text>
            {form.values.nicheIds.length === 0 ? (
              <Text size="sm">Choose niches above to set their prices.</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {form.values.nicheIds.map((id) => {
                  const niche = byId.get(id);
                  return (
                    <NumberInput
                      key={id}
                      label={niche?.name ?? 'Niche'}
                      description={niche ? `Default: ${formatCredits(niche.defaultPrice)} credits` : undefined}
                      placeholder={niche ? formatCredits(niche.defaultPrice) : undefined}
                      allowNegative={false}
                      decimalScale={2}
                      value={form.values.prices[id] ?? ''}
                      onChange={(value) => form.setFieldValue('prices', { ...form.values.prices, [id]: value })}
                    />
                  );
                })}
              </SimpleGrid>
            )}
            {form.errors['prices'] && (
              <Text size="xs" c="red">
                {form.errors['prices']}
              </Text>
            )}
          </Stack>
        </Paper>
        <Group justify="flex-end">
          <Button type="submit" loading={loading}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A provider manager's targeting: niches, area, caps and prices that routing matches requests against. */
export function ProviderSettingsPage() {
  const { workspaceId = '' } = useParams();
  const { access } = useConsoleAccess();
  const workspace = access?.providerWorkspaces.find((w) => w.id === workspaceId);
  const { data, error, refetch } = useQuery(ProviderSettingsDocument, { variables: { workspaceId } });

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  // Niches the profile targets stay choosable even after they stop taking requests.
  const niches: Niche[] = [...data.niches, ...data.providerProfile.niches.filter((n) => !data.niches.some((m) => m.id === n.id))];

  return (
    <Stack gap="md" maw={900}>
      <div>
        <Title order={2}>Routing settings</Title>
        <Text c="dimmed" size="sm">
          {workspace ? `${workspace.name} · ` : ''}Which requests are routed to you, how many, and at what price.
        </Text>
      </div>
      <SettingsForm key={workspaceId} workspaceId={workspaceId} profile={data.providerProfile} niches={niches} />
    </Stack>
  );
}
