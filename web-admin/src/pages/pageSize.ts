/** Rows per page of the admin lists. */
export const PAGE_SIZE = 25;
