// The two lines a frontend needs (README "Typed client"), type-checked in CI against the generated types.
import createClient from 'openapi-fetch';
import type { paths } from './api';

export const api = createClient<paths>({ baseUrl: 'http://localhost:8000' });

/** A typed read: the path, its parameter and the answer's fields all come from the OpenAPI document. */
export const netWorthOf = async (address: string): Promise<number | undefined> => {
  const { data } = await api.GET('/api/portfolio/{address}', { params: { path: { address } } });
  return data?.data.netWorthUSD;
};
