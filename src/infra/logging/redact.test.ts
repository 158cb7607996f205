import { REDACTED, redactText, redactValue } from './redact';

describe('redaction of secrets in logs', () => {
  it('masks secret-looking keys at any depth, keeps the rest', () => {
    expect(
      redactValue({ headers: { authorization: 'Bearer abc.def', 'x-cg-pro-api-key': 'k1', accept: 'json' }, body: { signature: '0xdead', message: 'hi' }, apiKey: 'sk-1' }),
    ).toEqual({ headers: { authorization: REDACTED, 'x-cg-pro-api-key': REDACTED, accept: 'json' }, body: { signature: REDACTED, message: 'hi' }, apiKey: REDACTED });
  });

  it('masks bearer tokens, URL credentials and key parameters inside free text', () => {
    expect(redactText('sent Authorization: Bearer eyJhbGciOi.x.y to redis://:s3cret@host:6379 and https://api.example/v3?x_cg_demo_api_key=abc&ids=1')).toBe(
      `sent Authorization: Bearer ${REDACTED} to redis://:${REDACTED}@host:6379 and https://api.example/v3?x_cg_demo_api_key=${REDACTED}&ids=1`,
    );
  });

  it('masks secrets in error messages and stacks', () => {
    const e = new Error('connect failed for postgres://app:pw@db/x');
    expect(JSON.stringify(redactValue({ error: e }))).not.toContain(':pw@');
  });
});
