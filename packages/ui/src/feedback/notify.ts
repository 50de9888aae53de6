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
