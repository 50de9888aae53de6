export { createApolloClient, deriveWsUrl, resolveHttpUrl, type CreateApolloClientOptions } from './createApolloClient';
export { ApolloProvider, type ApolloProviderProps } from './ApolloProvider';
export {
  API_ERROR_CODES,
  NETWORK_ERROR_MESSAGE,
  UNKNOWN_ERROR_MESSAGE,
  errorCode,
  errorMessage,
  friendlyMessageForCode,
  graphQLErrorCode,
  isApiErrorCode,
  withFriendlyMessage,
  type ApiErrorCode,
} from './errors';
export { UPLOAD_CSRF_HEADER, UploadRefusedError, uploadRelayAttachment, type UploadedAttachment } from './relayUpload';
