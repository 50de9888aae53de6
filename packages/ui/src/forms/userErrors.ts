/** The part of a payload's `userErrors` entry this helper reads. */
export interface UserErrorLike {
  readonly field?: readonly string[] | null;
  readonly message: string;
}

/** The slice of a @mantine/form form this helper needs. */
export interface FieldErrorTarget {
  getValues: () => object;
  setFieldError: (path: string, error: string) => void;
}

/**
 * Puts each user error beside its field (matched on the last segment of `field`, e.g.
 * `["input", "email"]` → `email`) and returns the messages that belong to no field of the form.
 */
export function applyUserErrors(form: FieldErrorTarget, userErrors: readonly UserErrorLike[]): string[] {
  const fieldNames = new Set(Object.keys(form.getValues()));
  const general: string[] = [];
  for (const error of userErrors) {
    const last = error.field?.[error.field.length - 1];
    if (last !== undefined && fieldNames.has(last)) form.setFieldError(last, error.message);
    else general.push(error.message);
  }
  return general;
}
