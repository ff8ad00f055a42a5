/**
 * The virtual list view request control (draft-ietf-ldapext-ldapv3-vlv-09, offered by slapd's
 * sssvlv with the sort control): a window of a sorted list by its offset, and the response it
 * comes back with (where the window starts, how many the whole list holds). ldapts has no such
 * control; its Control base writes and parses the value, the response parsed into this instance.
 */
import { Control, type BerReader, BerWriter } from 'ldapts';

export const VLV_REQUEST_OID = '2.16.840.1.113730.3.4.9';
export const VLV_RESPONSE_OID = '2.16.840.1.113730.3.4.10';
/** The result code of a search whose virtual list view failed (e.g. an offset past the list's end). */
export const VLV_ERROR_CODE = 76;

const SEQUENCE = 0x30;
/** target byOffset [0] SEQUENCE { offset INTEGER, contentCount INTEGER } */
const BY_OFFSET = 0xa0;
const OCTET_STRING = 0x04;

export interface VlvResponse {
  /** 1-based position of the window's first entry in the sorted list. */
  targetPosition: number;
  /** How many the whole sorted list holds. */
  contentCount: number;
  /** 0 when the window was given. */
  result: number;
}

export class VirtualListViewControl extends Control {
  /** The server's answer, once the search settled (undefined when it sent none). */
  response: VlvResponse | undefined;

  /** `offset` is 1-based; `count` entries from it (the target and count - 1 after it). */
  constructor(
    private readonly offset: number,
    private readonly count: number,
  ) {
    super(VLV_REQUEST_OID, { critical: true, responseType: VLV_RESPONSE_OID });
  }

  protected override writeControl(writer: BerWriter): void {
    this.response = undefined;
    const value = new BerWriter();
    value.startSequence(SEQUENCE);
    value.writeInt(0);
    value.writeInt(Math.max(0, this.count - 1));
    value.startSequence(BY_OFFSET);
    value.writeInt(this.offset);
    // contentCount 0: "the server's count", so the offset is taken as is.
    value.writeInt(0);
    value.endSequence();
    value.endSequence();
    writer.writeBuffer(value.buffer, OCTET_STRING);
  }

  protected override parseControl(reader: BerReader): void {
    if (!reader.readSequence(SEQUENCE)) return;
    const targetPosition = reader.readInt();
    const contentCount = reader.readInt();
    const result = reader.readEnumeration();
    if (targetPosition === null || contentCount === null || result === null) return;
    this.response = { targetPosition, contentCount, result };
  }
}
