/** The QR code of an otpauth:// URI as rows of dark ('1') and light ('0') modules, for the privacy screen to draw. */
import qrcode from 'qrcode-generator';

/**
 * Error correction M (15 %): a 160-bit key with its issuer and login fits in a version
 * 8 to 11 code that any phone camera reads off a screen. No quiet zone: the screen draws it.
 */
export function qrRows(text: string): string[] {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  const rows: string[] = [];
  for (let row = 0; row < size; row++) {
    let line = '';
    for (let col = 0; col < size; col++) line += code.isDark(row, col) ? '1' : '0';
    rows.push(line);
  }
  return rows;
}
