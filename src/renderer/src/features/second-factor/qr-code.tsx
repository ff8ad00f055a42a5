/** The QR code of the enrolment, drawn from the rows main sent: dark squares on white, with the quiet zone a camera needs. */

/** Light modules around the code: the four the QR standard asks for. */
const QUIET = 4;

export function QrCode({ rows, label, size = 264 }: { rows: readonly string[]; label: string; size?: number }) {
  const modules = rows.length + 2 * QUIET;
  const dark: string[] = [];
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') dark.push(`M${x + QUIET} ${y + QUIET}h1v1h-1z`);
  });
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shapeRendering="crispEdges"
      data-testid="enrolment-qr"
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={dark.join('')} fill="#000" />
    </svg>
  );
}
