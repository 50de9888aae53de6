import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  RangeSlider,
  SegmentedControl,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { MarketplaceSearchQuery } from '../../gql/graphql';
import { formatCount } from '../../marketplace/format';
import { COMPANY_SIZES, LEAD_AGE_OPTIONS, SENIORITIES, type MarketplaceSearch } from '../../marketplace/search';

type Facet = MarketplaceSearchQuery['leadSearch']['facets'][number];

export interface FilterSidebarProps {
  search: MarketplaceSearch;
  onChange: (change: Partial<MarketplaceSearch>) => void;
  onClear: () => void;
  facets: readonly Facet[] | undefined;
  industries: readonly { id: string; name: string }[];
}

/** Counts per value of one facet ("" when the facet is not known yet). */
function facetCounts(facets: readonly Facet[] | undefined, name: string): Map<string, { label: string; count: number }> {
  const facet = facets?.find((f) => f.name === name);
  return new Map(facet?.buckets.map((b) => [b.value, { label: b.label, count: b.count }]) ?? []);
}

function withCount(label: string, count: number | undefined): string {
  return count === undefined ? label : `${label} (${formatCount(count)})`;
}

const DEBOUNCE_MS = 350;

/** The marketplace's filters; every change goes to the URL (the page searches what the URL says). */
export function FilterSidebar({ search, onChange, onClear, facets, industries }: FilterSidebarProps) {
  const industryCounts = facetCounts(facets, 'industry');
  const phone = facetCounts(facets, 'hasPhone').get('true')?.count;
  const linkedin = facetCounts(facets, 'hasLinkedin').get('true')?.count;
  const verification = facetCounts(facets, 'verification');
  const valid = verification.get('VALID')?.count;
  const catchAll = verification.get('CATCH_ALL')?.count;

  return (
    <Paper component="aside" aria-label="Filters">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Filters
          </Title>
          <Button variant="subtle" size="compact-sm" onClick={onClear}>
            Clear filters
          </Button>
        </Group>

        <CompanyNameFilter value={search.companyName} onCommit={(companyName) => onChange({ companyName })} />

        <MultiSelect
          label="Industry"
          placeholder={search.industries.length ? undefined : 'Any industry'}
          searchable
          clearable
          data={industries.map((i) => ({ value: i.id, label: withCount(i.name, industryCounts.get(i.id)?.count) }))}
          value={search.industries}
          onChange={(industries) => onChange({ industries })}
        />

        <FacetCheckboxes
          label="Country"
          counts={facetCounts(facets, 'country')}
          selected={search.countries}
          onChange={(countries) => onChange({ countries })}
        />
        {search.countries.length > 0 && (
          <FacetCheckboxes
            label="State"
            counts={facetCounts(facets, 'state')}
            selected={search.states}
            onChange={(states) => onChange({ states })}
          />
        )}
        {search.states.length > 0 && (
          <FacetCheckboxes
            label="City"
            counts={facetCounts(facets, 'city')}
            selected={search.cities}
            onChange={(cities) => onChange({ cities })}
          />
        )}
        <FacetCheckboxes
          label="Company size"
          counts={facetCounts(facets, 'companySize')}
          options={COMPANY_SIZES}
          selected={search.companySizes}
          onChange={(companySizes) => onChange({ companySizes: companySizes as MarketplaceSearch['companySizes'] })}
        />
        <FacetCheckboxes
          label="Seniority"
          counts={facetCounts(facets, 'seniority')}
          options={SENIORITIES}
          selected={search.seniorities}
          onChange={(seniorities) => onChange({ seniorities: seniorities as MarketplaceSearch['seniorities'] })}
        />

        <FilterBlock label="Intent score">
          <RangeSlider
            min={1}
            max={100}
            minRange={0}
            aria-label="Intent score"
            thumbFromLabel="Minimum intent"
            thumbToLabel="Maximum intent"
            defaultValue={[search.intentMin ?? 1, search.intentMax ?? 100]}
            key={`${search.intentMin}-${search.intentMax}`}
            onChangeEnd={([min, max]) => onChange({ intentMin: min > 1 ? min : null, intentMax: max < 100 ? max : null })}
          />
        </FilterBlock>

        <FilterBlock label="Minimum freshness">
          <Slider
            min={0}
            max={100}
            thumbLabel="Minimum freshness"
            defaultValue={search.freshnessMin ?? 0}
            key={String(search.freshnessMin)}
            onChangeEnd={(value) => onChange({ freshnessMin: value > 0 ? value : null })}
          />
        </FilterBlock>

        <FilterBlock label="Lead age">
          <SegmentedControl
            fullWidth
            size="xs"
            aria-label="Lead age"
            data={[{ value: '', label: 'Any' }, ...LEAD_AGE_OPTIONS.map((d) => ({ value: String(d), label: `${d} days` }))]}
            value={search.maxAgeDays === null ? '' : String(search.maxAgeDays)}
            onChange={(value) => onChange({ maxAgeDays: value ? Number(value) : null })}
          />
        </FilterBlock>

        <PriceFilter min={search.priceMin} max={search.priceMax} onCommit={(priceMin, priceMax) => onChange({ priceMin, priceMax })} />

        <Stack gap="xs">
          <Switch
            label={withCount('Has phone', phone)}
            checked={search.hasPhone}
            onChange={(e) => onChange({ hasPhone: e.currentTarget.checked })}
          />
          <Switch
            label={withCount('Has LinkedIn', linkedin)}
            checked={search.hasLinkedin}
            onChange={(e) => onChange({ hasLinkedin: e.currentTarget.checked })}
          />
          <Switch
            label={withCount('Email verified', valid)}
            checked={search.emailVerified}
            onChange={(e) => onChange({ emailVerified: e.currentTarget.checked })}
          />
          {search.emailVerified && (
            <Switch
              ml="lg"
              size="xs"
              label={withCount('Include catch-all', catchAll)}
              checked={search.includeCatchAll}
              onChange={(e) => onChange({ includeCatchAll: e.currentTarget.checked })}
            />
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

function FilterBlock({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/**
 * One checkbox per facet value (with its count), plus the chosen values the facet no longer lists;
 * `options` fixes the values and their labels (enums).
 */
function FacetCheckboxes({
  label,
  counts,
  options,
  selected,
  onChange,
}: {
  label: string;
  counts: Map<string, { label: string; count: number }>;
  options?: readonly { value: string; label: string }[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const items =
    options ??
    [...counts.entries()]
      .map(([value, b]) => ({ value, label: b.label }))
      .concat(selected.filter((v) => !counts.has(v)).map((value) => ({ value, label: value })));
  return (
    <Checkbox.Group label={label} value={[...selected]} onChange={onChange}>
      <Stack gap={6} mt={6} mah={220} style={{ overflowY: 'auto' }}>
        {items.length === 0 ? (
          <Text size="xs" c="dimmed">
            No values to choose from.
          </Text>
        ) : (
          items.map((item) => (
            <Checkbox key={item.value} size="xs" value={item.value} label={withCount(item.label, counts.get(item.value)?.count ?? 0)} />
          ))
        )}
      </Stack>
    </Checkbox.Group>
  );
}

/** Committed once typing pauses, so each keystroke is not a search. */
function CompanyNameFilter({ value, onCommit }: { value: string; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const commit = useDebouncedCallback((next: string) => onCommit(next.trim()), DEBOUNCE_MS);
  // Follow outside changes (back button, "Clear filters").
  useEffect(() => setDraft(value), [value]);
  return (
    <TextInput
      label="Company name"
      placeholder="Search companies"
      leftSection={<IconSearch size={16} />}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
    />
  );
}

function PriceFilter({
  min,
  max,
  onCommit,
}: {
  min: string | null;
  max: string | null;
  onCommit: (min: string | null, max: string | null) => void;
}) {
  const [draft, setDraft] = useState<[number | string, number | string]>([min ?? '', max ?? '']);
  const commit = useDebouncedCallback((next: [number | string, number | string]) => {
    const asPrice = (v: number | string) => (v === '' || v === null ? null : String(v));
    onCommit(asPrice(next[0]), asPrice(next[1]));
  }, DEBOUNCE_MS);
  useEffect(() => setDraft([min ?? '', max ?? '']), [min, max]);
  const change = (next: [number | string, number | string]) => {
    setDraft(next);
    commit(next);
  };
  return (
    <FilterBlock label="Price (USD)">
      <Group grow gap="xs">
        <NumberInput
          aria-label="Minimum price"
          placeholder="Min"
          prefix="$"
          min={0}
          decimalScale={2}
          allowNegative={false}
          value={draft[0]}
          onChange={(value) => change([value, draft[1]])}
        />
        <NumberInput
          aria-label="Maximum price"
          placeholder="Max"
          prefix="$"
          min={0}
          decimalScale={2}
          allowNegative={false}
          value={draft[1]}
          onChange={(value) => change([draft[0], value])}
        />
      </Group>
    </FilterBlock>
  );
}
