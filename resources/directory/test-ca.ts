/** A throw-away certificate authority and server certificate for the TLS fixtures (openssl CLI). */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Test CA + server certificate made with the openssl CLI in `dir`: ca.pem / ca.key, then
 * server.key + CSR signed by the CA, with SAN DNS:<hostname> and IP:127.0.0.1.
 */
export function generateTestCa(dir: string, hostname = 'localhost'): { caFile: string; certFile: string; keyFile: string } {
  const caFile = path.join(dir, 'ca.pem');
  const caKey = path.join(dir, 'ca.key');
  const keyFile = path.join(dir, 'server.key');
  const csr = path.join(dir, 'server.csr');
  const certFile = path.join(dir, 'server.pem');
  const ext = path.join(dir, 'server.ext');
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', caKey, '-out', caFile, '-days', '3650', '-sha256',
    '-subj', `/O=Guichet tests/CN=Guichet Test CA ${randomBytes(4).toString('hex')}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run(['req', '-new', ...ec, '-keyout', keyFile, '-out', csr, '-subj', `/O=Guichet tests/CN=${hostname}`]);
  writeFileSync(ext, [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=DNS:${hostname},IP:127.0.0.1`,
    '',
  ].join('\n'));
  run(['x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-out', certFile,
    '-days', '825', '-sha256', '-extfile', ext]);
  return { caFile, certFile, keyFile };
}
