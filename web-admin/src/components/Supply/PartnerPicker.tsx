import { useQuery } from '@apollo/client/react';
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { SupplyPartnerPickerDocument, type SupplyPartnerPickerQuery } from '../../gql/graphql';

export interface PartnerPickerProps {
  /** The chosen partner org's id (from the URL), or null for every partner. */
  value: string | null;
  onChange: (partnerOrgId: string | null) => void;
}

const SHOWN = 50;

type Option = { value: string; label: string };

function optionsOf(data: SupplyPartnerPickerQuery | undefined): Option[] {
  return (data?.adminPartnerOrgs.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: node.status === 'ACTIVE' ? node.name : `${node.name} (${node.status.toLowerCase()})`,
  }));
}

/**
 * Picks a partner org through `adminPartnerOrgs`: the newest partners at first, the API's search once
 * the admin types. The chosen partner is named even when it is not among them.
 */
export function PartnerPicker({ value, onChange }: PartnerPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const initial = useQuery(SupplyPartnerPickerDocument, {
    variables: { first: SHOWN, search: null, selectedId: value ?? '', withSelected: value !== null },
  });
  const shown = initial.data ?? initial.previousData;
  const base = optionsOf(shown);
  const selected = value ? (base.find((o) => o.value === value) ?? (shown?.selected ? { value, label: shown.selected.name } : null)) : null;
  // Showing the chosen partner's own name in the box is not a search.
  const query = selected && debounced === selected.label ? '' : debounced;
  const searched = useQuery(SupplyPartnerPickerDocument, {
    variables: { first: SHOWN, search: query, selectedId: '', withSelected: false },
    skip: !query,
  });

  const options = query ? optionsOf(searched.data ?? searched.previousData) : base;
  if (value && !options.some((o) => o.value === value)) options.unshift(selected ?? { value, label: 'Chosen partner' });
  const busy = initial.loading || (query !== '' && searched.loading);

  return (
    <Select
      label="Partner"
      placeholder="All partners"
      searchable
      clearable
      data={options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      // The API has filtered already; show what it found.
      filter={({ options: all }) => all}
      nothingFoundMessage={busy ? 'Searching…' : 'No partner matches'}
      leftSection={<IconSearch size={16} />}
      rightSection={busy ? <Loader size="xs" /> : undefined}
      w={280}
    />
  );
}
