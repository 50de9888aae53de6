import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';

export interface SearchFieldProps {
  label: string;
  placeholder?: string;
  /** The committed search (from the URL). */
  value: string;
  /** Called with the new search once typing pauses. */
  onSearch: (value: string) => void;
}

/** A search box that commits after a short pause, so each keystroke is not a request. */
export function SearchField({ label, placeholder, value, onSearch }: SearchFieldProps) {
  const [draft, setDraft] = useState(value);
  const commit = useDebouncedCallback((next: string) => onSearch(next.trim()), 300);

  // Follow outside changes (back button, links) to the committed value.
  useEffect(() => setDraft(value), [value]);

  return (
    <TextInput
      aria-label={label}
      placeholder={placeholder ?? label}
      leftSection={<IconSearch size={16} />}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      rightSection={
        draft ? (
          <CloseButton
            aria-label="Clear search"
            size="sm"
            onClick={() => {
              setDraft('');
              onSearch('');
            }}
          />
        ) : null
      }
      maw={360}
    />
  );
}
