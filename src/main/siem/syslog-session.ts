/**
 * One TLS session to the syslog receiver per batch. RFC 5425 has no acknowledgement: a batch
 * counts as delivered once the receiver has read it to the end, which it shows by closing
 * its side after our close_notify (it reads until then). Anything else (refused, reset, a
 * certificate that does not verify, a timeout) leaves the batch to be sent again.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { SyslogConfig } from './syslog-config';

export class SyslogDeliveryError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SyslogDeliveryError';
  }
}

export function deliverFrames(target: SyslogConfig, payload: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      // An IP address is checked against the certificate's IP names (no SNI for an address).
      servername: isIP(target.host) ? undefined : target.host,
      ...(target.caFile ? { ca: readFileSync(target.caFile) } : {}),
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    });
    let peerEnded = false;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new SyslogDeliveryError('the syslog receiver did not answer in time', 'ETIMEDOUT')), target.timeoutMs);
    socket.once('secureConnect', () => {
      socket.write(payload);
      socket.end();
    });
    socket.on('data', () => undefined);
    socket.once('end', () => {
      peerEnded = true;
    });
    socket.once('error', (error) => finish(error));
    socket.once('close', (hadError) => {
      if (!hadError && peerEnded) finish();
      else finish(new SyslogDeliveryError('the syslog session closed before the receiver read the batch', 'ECONNRESET'));
    });
  });
}
