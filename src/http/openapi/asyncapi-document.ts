import type * as t from 'io-ts';
import { AckErrorCodec, CLIENT_EVENTS, SERVER_EVENTS } from '../../domain/socket/socket-events-contract';
import { NAMED_SCHEMAS } from './named-schemas';
import { toJsonSchema, type JsonSchema } from './codec-to-json-schema';

/**
 * The AsyncAPI 3 document of the Socket.IO contract (API.md "Socket.IO"), served at /api/docs/asyncapi.json and
 * generated from the event codecs in domain/realtime. Operations are the server's: it `send`s the server events and
 * `receive`s the client events, each answered by an acknowledgement (`{ ok: true, data }` or `{ ok: false, error }`).
 */
const schemaOf = (codec: t.Mixed): JsonSchema => toJsonSchema(codec, NAMED_SCHEMAS, false);
const ref = (path: string) => ({ $ref: path });
const message = (name: string, summary: string, payload: JsonSchema) => ({ name, summary, contentType: 'application/json', payload });

const ackOf = (data: t.Mixed): JsonSchema => ({
  anyOf: [{ type: 'object', required: ['ok', 'data'], properties: { ok: { const: true }, data: schemaOf(data) } }, schemaOf(AckErrorCodec)],
});

export const asyncApiDocument = (version: string) => {
  const serverMessages = Object.entries(SERVER_EVENTS).map(([event, spec]) => [event, message(event, spec.summary, schemaOf(spec.payload))] as const);
  const clientMessages = Object.entries(CLIENT_EVENTS).flatMap(([event, spec]) => [
    [event, message(event, spec.summary, schemaOf(spec.payload))] as const,
    [`${event}_ack`, message(`${event} acknowledgement`, `What ${event} is acknowledged with`, ackOf(spec.ack))] as const,
  ]);
  const messages = Object.fromEntries([...serverMessages, ...clientMessages]);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Sei AI Portfolio Manager realtime API',
      version,
      description: 'Socket.IO (path /socket.io, WebSocket transport). Handshake `auth: { token? }`: a token from POST /api/auth/verify signs the socket in (needed for chat_message, transaction_update and risk_alert).',
    },
    servers: { api: { host: 'localhost:8000', pathname: '/socket.io', protocol: 'ws', description: 'Socket.IO over WebSocket, beside the REST API' } },
    defaultContentType: 'application/json',
    channels: {
      socket: { address: '/socket.io', title: 'The Socket.IO connection', messages: Object.fromEntries(Object.keys(messages).map((name) => [name, ref(`#/components/messages/${name}`)])) },
    },
    operations: Object.fromEntries<unknown>([
      ...Object.keys(SERVER_EVENTS).map((event) => [`send_${event}`, { action: 'send', channel: ref('#/channels/socket'), messages: [ref(`#/channels/socket/messages/${event}`)] }] as const),
      ...Object.keys(CLIENT_EVENTS).map((event) => [
        `receive_${event}`,
        {
          action: 'receive',
          channel: ref('#/channels/socket'),
          messages: [ref(`#/channels/socket/messages/${event}`)],
          reply: { channel: ref('#/channels/socket'), messages: [ref(`#/channels/socket/messages/${event}_ack`)] },
        },
      ] as const),
    ]),
    components: {
      schemas: Object.fromEntries([...NAMED_SCHEMAS].map(([codec, name]) => [name, toJsonSchema(codec, NAMED_SCHEMAS, true)])),
      messages,
    },
  };
};
