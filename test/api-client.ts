/** The signed API client, shared with the demo and other scripts (client/api-client.ts). */
export * from '../client/api-client.ts';
