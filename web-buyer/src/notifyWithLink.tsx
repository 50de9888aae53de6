import { Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useHref, useNavigate } from 'react-router';

/**
 * A green notification with a link to `to` (an in-app URL). The notifications live above the
 * router, so the link is a plain anchor (its href resolved here, with the base path) that
 * navigates in the app on click.
 */
export function useNotifyWithLink(to: string) {
  const navigate = useNavigate();
  const href = useHref(to);
  return useCallback(
    (notice: { title?: string; message: string; linkLabel: string }) => {
      const id = notifications.show({
        color: 'teal',
        title: notice.title,
        message: (
          <Stack gap={2}>
            <Text size="sm">{notice.message}</Text>
            <Anchor
              href={href}
              size="sm"
              onClick={(event) => {
                event.preventDefault();
                notifications.hide(id);
                void navigate(to);
              }}
            >
              {notice.linkLabel}
            </Anchor>
          </Stack>
        ),
      });
    },
    [href, navigate, to],
  );
}
