/** Shared UI: a value read from the directory shown as inert, isolated text, invisible characters made visible. */
import { useTranslation } from 'react-i18next';
import { codePointLabel, displayParts } from '../../../shared/display-text';

/**
 * A value read from the directory (or recorded from it), shown as inert text: React never
 * parses it as HTML, <bdi> isolates it so right-to-left characters cannot reorder the text
 * around it, and invisible or control characters (U+202E, U+200B, U+FEFF, NUL, ...) appear
 * as a visible marker "⟨U+202E⟩" instead of acting on the display.
 */
export function DirText({
  value,
  fallback = '—',
  className,
  keepLineBreaks = false,
}: {
  value: string | null | undefined;
  fallback?: string;
  className?: string;
  /** Pre-formatted text: line feeds stay line feeds. */
  keepLineBreaks?: boolean;
}) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <>{fallback}</>;
  const parts = displayParts(value, { keepLineBreaks });
  return (
    <bdi className={className} dir="auto">
      {parts.map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <span key={i} className="hidden-char" data-testid="hidden-char" title={t('hiddenChars.title', { code: codePointLabel(part.codePoint) })}>
            {part.marker}
          </span>
        ),
      )}
    </bdi>
  );
}

/** Several values, comma-separated, each isolated. */
export function DirTextList({ values, fallback = '—', className }: { values: readonly string[]; fallback?: string; className?: string }) {
  if (values.length === 0) return <>{fallback}</>;
  return (
    <>
      {values.map((v, i) => (
        <span key={i}>
          {i > 0 ? ', ' : ''}
          <DirText value={v} className={className} />
        </span>
      ))}
    </>
  );
}
