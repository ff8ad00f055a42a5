/**
 * One audit event as an RFC 5424 syslog message, framed by octet counting (RFC 5425 / 6587):
 * the event's identifying fields as structured data, and the whole event, exactly as the
 * trail holds it (already masked: no password, code, answer or date of birth ever is),
 * as the JSON message body, the same line an export carries.
 */
import type { HashedRecord } from '../audit/audit-chain';
import { recordToJsonLine } from '../audit/export-format';

export interface SyslogIdentity {
  /** RFC 5424 facility (0-23); 13 is "log audit". */
  facility: number;
  /** HOSTNAME: the desk's name, reduced to printable ASCII. */
  hostname: string;
  appName: string;
  /** The SD-ID's private enterprise number (`guichet@<n>`). */
  enterpriseId: number;
  /** The desk's id, kept exactly (UTF-8) in the structured data. */
  desk: string;
}

/** RFC 5424 severities: an anchor alarm is critical, a refusal or failure a warning, an open or unknown outcome a notice. */
export function severityOf(record: Pick<HashedRecord, 'action' | 'outcome'>): number {
  if (record.action === 'audit-anchor-alarm') return 2;
  if (record.outcome === 'failure' || record.outcome === 'denied') return 4;
  if (record.outcome === 'success') return 6;
  return 5;
}

/** PRINTUSASCII (33-126), at most `max` characters, '-' when nothing is left (the NILVALUE). */
export function printableAscii(value: string, max: number): string {
  const kept = [...value].map((c) => (c.charCodeAt(0) >= 33 && c.charCodeAt(0) <= 126 && c.length === 1 ? c : '_')).join('').slice(0, max);
  return kept.length > 0 ? kept : '-';
}

/** PARAM-VALUE: UTF-8, with '"', '\' and ']' escaped. */
export const sdValue = (value: string): string => value.replace(/["\\\]]/g, (c) => `\\${c}`);

const BOM = '\uFEFF';

export function formatSyslogMessage(record: HashedRecord, id: SyslogIdentity): string {
  const params: Array<[string, string | number | null]> = [
    ['desk', id.desk],
    ['seq', record.seq],
    ['outcome', record.outcome],
    ['intentSeq', record.intentSeq],
    ['agent', record.agentLogin],
    ['target', record.targetLogin],
    ['hash', record.hash],
    ['prevHash', record.prevHash],
  ];
  const sd = params
    .filter((p): p is [string, string | number] => p[1] !== null)
    .map(([name, value]) => ` ${name}="${sdValue(String(value))}"`)
    .join('');
  const pri = id.facility * 8 + severityOf(record);
  const header = `<${pri}>1 ${record.at} ${printableAscii(id.hostname, 255)} ${printableAscii(id.appName, 48)} - ${printableAscii(record.action, 32)}`;
  return `${header} [guichet@${id.enterpriseId}${sd}] ${BOM}${recordToJsonLine(record).slice(0, -1)}`;
}

/** RFC 5425 framing: the message's length in octets, a space, the message. */
export const octetCounted = (message: string): string => `${Buffer.byteLength(message)} ${message}`;
