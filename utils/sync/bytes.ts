/**
 * Counting bytes the way the browsers' sync quotas count them, so a layout
 * planned here is never refused there.
 */

/** UTF-8 length of a key. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Bytes of a JSON string as the browsers count them, taking the larger of
 * Chrome's way (base::JSONWriter: `<`, U+2028/9 escaped as \uXXXX) and plain
 * JSON.stringify in UTF-8 (lone surrogates escaped), so a plan fits both.
 */
export function stringBytes(text: string): number {
  let n = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c === 0x22 ||
      c === 0x5c ||
      c === 0x08 ||
      c === 0x0c ||
      c === 0x0a ||
      c === 0x0d ||
      c === 0x09
    )
      n += 2;
    else if (c < 0x20 || c === 0x3c || c === 0x7f || c === 0x2028 || c === 0x2029) n += 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (c >= 0xd800 && c < 0xe000) n += 6;
    else n += 3;
  }
  return n;
}

/**
 * Bytes of a number: Chrome keeps integers beyond 32 bits as doubles and
 * writes them as `12345678901.0`, or `1.795379580329e+12` from 10^12 on
 * (every millisecond timestamp), where JSON.stringify writes 13 digits.
 */
function numberBytes(x: number): number {
  if (!Number.isFinite(x)) return 4;
  const plain = String(x).length;
  if (Number.isInteger(x) && Math.abs(x) <= 0x7fffffff) return plain;
  const [mantissa = '', exp = '0'] = x.toExponential().split('e');
  const e = Number(exp);
  const chrome =
    e >= 12 || e < -6
      ? `${mantissa}e${e >= 0 ? '+' : '-'}${Math.abs(e)}`.length
      : String(x).includes('.')
        ? plain
        : plain + 2;
  return Math.max(plain, chrome);
}

/** The stored size of a JSON value, as the larger of Chrome's and Firefox's counts. */
export function jsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (typeof value === 'number') return numberBytes(value);
  if (typeof value === 'string') return stringBytes(value);
  if (Array.isArray(value)) {
    return 2 + Math.max(0, value.length - 1) + value.reduce((n: number, x) => n + jsonBytes(x), 0);
  }
  const entries = Object.entries(value).filter(([, x]) => x !== undefined);
  return (
    2 +
    Math.max(0, entries.length - 1) +
    entries.reduce((n, [k, x]) => n + stringBytes(k) + 1 + jsonBytes(x), 0)
  );
}

/** An item's size against the quotas: its key (UTF-8) plus its value's JSON. */
export function itemBytes(key: string, value: unknown): number {
  return utf8Length(key) + jsonBytes(value);
}

/** FNV-1a, 32 bit: a stable, well-spread hash of an id. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
