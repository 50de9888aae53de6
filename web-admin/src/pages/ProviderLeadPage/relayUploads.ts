// The upload itself is shared with the end-user area (@hotlead/graphql-client); this page adds its hint.
export { uploadRelayAttachment, UploadRefusedError, type UploadedAttachment } from '@hotlead/graphql-client';

/** The default attachment limit, for the hint next to the file button (admins may change it). */
export const ATTACHMENT_LIMIT_HINT = '10 MB';
