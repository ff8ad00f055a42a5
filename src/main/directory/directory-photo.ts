/**
 * The directory's photo of a person (jpegPhoto by default), read as bytes and judged before
 * the screen gets it: only a JPEG (its magic bytes), only up to PHOTO_MAX_BYTES. The photo is
 * never logged, recorded or kept here; the caller hands it to the card and forgets it.
 */
import type { Entry } from 'ldapts';
import { PHOTO_MAX_BYTES, type DirectoryPhoto } from '../../shared/contract/directory';

/** The first value of `attribute` as bytes (ldapts gives a Buffer for the attributes asked as buffers). */
function firstBytes(entry: Entry, attribute: string): Buffer | null {
  const lower = attribute.toLowerCase();
  const key = Object.keys(entry).find((k) => k.toLowerCase() === lower);
  const raw = key === undefined ? undefined : entry[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'binary');
}

const isJpeg = (bytes: Buffer) => bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

export function photoOf(entry: Entry, attribute: string): DirectoryPhoto {
  const bytes = firstBytes(entry, attribute);
  if (!bytes || bytes.length === 0) return { kind: 'none' };
  if (bytes.length > PHOTO_MAX_BYTES) return { kind: 'unusable', reason: 'too-large' };
  if (!isJpeg(bytes)) return { kind: 'unusable', reason: 'not-jpeg' };
  return { kind: 'jpeg', base64: bytes.toString('base64'), bytes: bytes.length };
}
