import * as t from 'io-ts';
import { NewAlertBodyCodec } from '../../domain/alerts/new-alert';
import { VerifyBody } from '../routes/auth-routes';
import { EventsQuery } from '../routes/alert-routes';
import { NullableString, type RouteContract } from './route-contract';

export const AlertViewCodec = t.type({
  id: t.string,
  type: t.string,
  threshold: t.number,
  token: NullableString,
  armed: t.boolean,
  createdAt: t.string,
  lastTriggeredAt: NullableString,
});

export const AlertEventViewCodec = t.type({
  id: t.string,
  alertId: NullableString,
  type: t.string,
  severity: t.string,
  message: t.string,
  metadata: t.UnknownRecord,
  createdAt: t.string,
});

const SignedInCodec = t.type({ token: t.string, expiresAt: t.string, address: t.string });
const ErasedCodec = t.type({ erased: t.type({ chatMessages: t.number, alerts: t.number, alertEvents: t.number, sessions: t.number }) });

/** Sign-in, alerts and account data: everything a wallet owns. */
export const accountContract: ReadonlyArray<RouteContract> = [
  { method: 'get', path: '/api/auth/nonce', tag: 'Auth', summary: 'A single-use SIWE nonce', answers: { 200: { description: 'the nonce', data: t.type({ nonce: t.string, expiresAt: t.string }) } }, errors: [429, 503] },
  { method: 'post', path: '/api/auth/verify', tag: 'Auth', summary: 'Verify a signed EIP-4361 message; returns a JWT', body: VerifyBody, answers: { 200: { description: 'signed in', data: SignedInCodec } }, errors: [400, 401, 429, 503] },
  { method: 'get', path: '/api/auth/me', tag: 'Auth', auth: 'bearer', summary: 'The signed-in wallet', answers: { 200: { description: 'the session', data: t.type({ address: t.string, expiresAt: t.string }) } }, errors: [401] },
  { method: 'post', path: '/api/auth/logout', tag: 'Auth', auth: 'bearer', summary: 'Revoke this token', answers: { 200: { description: 'revoked', data: t.type({ loggedOut: t.literal(true) }) } }, errors: [401, 503] },
  { method: 'get', path: '/api/alerts', tag: 'Alerts', auth: 'bearer', summary: "The signed-in wallet's alerts", answers: { 200: { description: 'the alerts', data: t.type({ alerts: t.readonlyArray(AlertViewCodec) }) } }, errors: [401, 503] },
  { method: 'post', path: '/api/alerts', tag: 'Alerts', auth: 'bearer', summary: 'Create an alert', body: NewAlertBodyCodec, answers: { 201: { description: 'created', data: AlertViewCodec } }, errors: [400, 401, 409, 503] },
  { method: 'get', path: '/api/alerts/events', tag: 'Alerts', auth: 'bearer', summary: 'Alerts that fired, newest first', query: EventsQuery, answers: { 200: { description: 'the events', data: t.type({ events: t.readonlyArray(AlertEventViewCodec) }) } }, errors: [400, 401, 503] },
  { method: 'delete', path: '/api/alerts/{id}', tag: 'Alerts', auth: 'bearer', summary: 'Delete one of your alerts', params: { id: 'alert id' }, answers: { 200: { description: 'deleted', data: t.type({ deleted: t.string }) } }, errors: [401, 404, 503] },
  { method: 'delete', path: '/api/me/data', tag: 'Account', auth: 'bearer', summary: "Erase the wallet's chat history, alerts and sessions", answers: { 200: { description: 'what was erased', data: ErasedCodec } }, errors: [401, 503] },
];
