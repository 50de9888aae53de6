import { uploadRelayAttachment, UploadRefusedError } from '@hotlead/graphql-client';

export { UploadRefusedError };

/**
 * Sends one attachment to the relay, which scans it at once and answers with a token for
 * `threadMessageSend`. Throws UploadRefusedError (with the file's name in the message) when refused.
 */
export async function uploadAttachment(file: File): Promise<string> {
  try {
    return (await uploadRelayAttachment(file)).token;
  } catch (error) {
    if (error instanceof UploadRefusedError) {
      throw new UploadRefusedError(`${file.name} was not attached: ${error.message}`, file.name, error.status);
    }
    throw error;
  }
}
