import { errorMessage } from '@hotlead/graphql-client';
import { notifications } from '@mantine/notifications';

/** A short green confirmation in the corner. */
export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message });
}

/** A red notification with the friendly message of any Apollo / network error. */
export function notifyError(error: unknown, title = 'Something went wrong'): void {
  notifications.show({ color: 'red', title, message: errorMessage(error) });
}

/** A red notification with a message we already have (e.g. a payload's user error). */
export function notifyFailure(message: string, title?: string): void {
  notifications.show({ color: 'red', title, message });
}

/**
 * Runs a mutation and tells the person how it went: its first user error, or `success`; a fault as an
 * error notification. Resolves to whether the action succeeded.
 */
export async function reportOutcome(
  run: () => Promise<{ userErrors: readonly { message: string }[] } | null | undefined>,
  messages: { success: string; failureTitle: string },
): Promise<boolean> {
  try {
    const payload = await run();
    const firstError = payload?.userErrors[0];
    if (firstError) {
      notifyFailure(firstError.message, messages.failureTitle);
      return false;
    }
    notifySuccess(messages.success);
    return true;
  } catch (error) {
    notifyError(error, messages.failureTitle);
    return false;
  }
}
