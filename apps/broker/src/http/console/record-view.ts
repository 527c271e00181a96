/**
 * How the message browser shows a key, a value or a header value: as text, as indented
 * JSON (text when it does not parse) or as hex, cut to a bounded number of bytes.
 */
export type ViewFormat = 'text' | 'json' | 'hex';

export const VIEW_FORMATS: readonly ViewFormat[] = ['text', 'json', 'hex'];

/** Bytes of one key, value or header shown at most. */
export const MAX_SHOWN_BYTES = 2048;

export function viewFormat(value: string | undefined): ViewFormat {
  return VIEW_FORMATS.includes(value as ViewFormat) ? (value as ViewFormat) : 'text';
}

function hex(bytes: Buffer): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    lines.push(
      bytes
        .subarray(i, i + 16)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 '),
    );
  }
  return lines.join('\n');
}

/** The bytes as the format shows them, with a note when they were cut. */
export function showBytes(bytes: Buffer | null, format: ViewFormat): string {
  if (bytes === null) return '(null)';
  const cut = bytes.length > MAX_SHOWN_BYTES;
  const shown = cut ? bytes.subarray(0, MAX_SHOWN_BYTES) : bytes;
  const more = cut ? `\n… ${bytes.length - MAX_SHOWN_BYTES} more bytes` : '';
  if (format === 'hex') return hex(shown) + more;
  const text = shown.toString('utf8');
  if (format === 'json' && !cut) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  return text + more;
}
