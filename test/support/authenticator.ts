/**
 * The person's phone in the second-factor tests: reads the QR code the desk shows (from the
 * rows main sends, or from a screenshot's pixels) with a real decoder, parses the otpauth://
 * URI, and computes codes from it like an authenticator app; and signs the person in with
 * what it shows, as the ENT would.
 */
import jsQR from 'jsqr';
import { Client } from 'ldapts';
import { Secret, TOTP, URI } from 'otpauth';
import { PNG } from 'pngjs';

/** An authenticator app holding one key. */
export class Phone {
  readonly totp: TOTP;
  constructor(key: Buffer | TOTP) {
    this.totp = key instanceof TOTP ? key : new TOTP({ secret: new Secret({ buffer: Uint8Array.from(key).buffer }), algorithm: 'SHA1', digits: 6, period: 30 });
  }

  /** The code shown at `at` (now by default). */
  code(at: number = Date.now()): string {
    return this.totp.generate({ timestamp: at });
  }

  /** The code of the step after the current one (the directory accepts one step ahead). */
  nextCode(): string {
    return this.code(Date.now() + this.totp.period * 1000);
  }

  /** A code this key does not give now, nor one step either side. */
  wrongCode(): string {
    const near = new Set([-1, 0, 1].map((d) => this.code(Date.now() + d * this.totp.period * 1000)));
    const digits = this.totp.digits;
    for (let n = 0; ; n++) {
      const candidate = String((123_456 + n * 7_919) % 10 ** digits).padStart(digits, '0');
      if (!near.has(candidate)) return candidate;
    }
  }

  get secretBytes(): Buffer {
    return Buffer.from(this.totp.secret.bytes);
  }
}

/** The phone that scanned `uri` (an otpauth://totp/ URI). */
export function scan(uri: string): Phone {
  const parsed = URI.parse(uri);
  if (!(parsed instanceof TOTP)) throw new Error(`not a TOTP URI: ${uri.slice(0, 16)}…`);
  return new Phone(parsed);
}

/** Decodes QR rows ('1' dark) as a camera would see them drawn: scaled up, with a light margin. */
export function readQrRows(rows: readonly string[], scale = 4, margin = 4): string {
  const size = (rows.length + 2 * margin) * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (row[c] !== '1') continue;
      for (let y = 0; y < scale; y++)
        for (let x = 0; x < scale; x++) {
          const i = (((r + margin) * scale + y) * size + (c + margin) * scale + x) * 4;
          pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
        }
    }
  });
  const found = jsQR(pixels, size, size);
  if (!found) throw new Error('no QR code in the rows');
  return found.data;
}

/** Decodes the QR code found in a PNG screenshot. */
export function readQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height);
  if (!found) throw new Error('no QR code on the screenshot');
  return found.data;
}

/** The directory's answer to a bind as `dn` with `credentials` (password, then the code): 0 accepted, else the LDAP result code. */
export async function bindResult(url: string, dn: string, credentials: string): Promise<number> {
  const client = new Client({ url, timeout: 3_000, connectTimeout: 3_000 });
  try {
    await client.bind(dn, credentials);
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
