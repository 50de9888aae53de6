import { useQuery } from '@apollo/client/react';
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { CreditAdjustWorkspaceSearchDocument } from '../../gql/graphql';

export interface WorkspacePickerProps {
  /** The chosen workspace (id and name, so it shows before any search). */
  value: { id: string; name: string } | null;
  onChange: (workspaceId: string | null) => void;
}

/** Finds a buyer workspace by name or slug through `adminWorkspaces` (the API searches, not the list). */
export function WorkspacePicker({ value, onChange }: WorkspacePickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  // Typing the chosen workspace's own name is not a new search.
  const query = value && debounced === value.name ? '' : debounced;
  const { data, loading } = useQuery(CreditAdjustWorkspaceSearchDocument, { variables: { search: query || null, first: 20 } });

  const options = (data?.adminWorkspaces.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: node.status === 'ACTIVE' ? node.name : `${node.name} (${node.status.toLowerCase()})`,
  }));
  if (value && !options.some((o) => o.value === value.id)) options.unshift({ value: value.id, label: value.name });

  return (
    <Select
      label="Workspace"
      placeholder="Search buyer workspaces by name or slug"
      searchable
      clearable
      data={options}
      value={value?.id ?? null}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      // The API has filtered already; show what it found.
      filter={({ options: all }) => all}
      nothingFoundMessage={loading ? 'Searching…' : 'No buyer workspace matches'}
      leftSection={<IconSearch size={16} />}
      rightSection={loading ? <Loader size="xs" /> : undefined}
      maw={420}
    />
  );
}
