import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { requireBinary } from './find-binary';

export interface CertificatePair {
  readonly certPath: string;
  readonly keyPath: string;
}

/**
 * Generates a throwaway self-signed certificate for "localhost" and 127.0.0.1 (ECDSA P-256, valid one day)
 * into `directory` with `openssl req -x509`, and returns the two PEM paths.
 */
export const makeSelfSignedCert = (directory: string): CertificatePair => {
  const openssl = requireBinary('openssl', 'apt-get install -y openssl');
  const certPath = join(directory, 'fullchain.pem');
  const keyPath = join(directory, 'privkey.pem');
  execFileSync(
    openssl,
    [
      'req', '-x509', '-nodes',
      '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-keyout', keyPath, '-out', certPath,
      '-days', '1',
      '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { certPath, keyPath };
};
