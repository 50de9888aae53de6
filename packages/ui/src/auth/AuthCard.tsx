import { Center, Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface AuthCardProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The centred card every public auth page sits in. */
export function AuthCard({ title, subtitle, children, footer }: AuthCardProps) {
  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)">
      <Container size={440} w="100%" py="xl">
        <Stack gap="lg">
          <Stack gap={4} align="center">
            <Text fw={800} c="orange" size="lg">
              Hotlead
            </Text>
            <Title order={2} ta="center">
              {title}
            </Title>
            {subtitle && (
              <Text c="dimmed" size="sm" ta="center">
                {subtitle}
              </Text>
            )}
          </Stack>
          <Paper shadow="sm">{children}</Paper>
          {footer && (
            <Text size="sm" ta="center" c="dimmed">
              {footer}
            </Text>
          )}
        </Stack>
      </Container>
    </Center>
  );
}
