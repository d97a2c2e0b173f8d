// The privacy calls live in @zhida/client (#19), beside the chat and ticket clients.
export * from '@zhida/client/privacy-api-client';
