// Text that goes into SVG markup: study names are user data and may contain `<`, `&` or
// quotes (a study named "<script>" must show as text, never as an element). Escaping all
// five XML specials makes a string safe in element content and in attribute values alike.
// Characters XML 1.0 forbids outright (C0 controls other than tab/LF/CR, lone surrogates,
// U+FFFE/U+FFFF) cannot be escaped at all, so they become U+FFFD to keep the file
// well-formed.

const SPECIALS: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching the forbidden control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(FORBIDDEN, '\uFFFD').replace(/[&<>"']/g, (c) => SPECIALS[c] ?? c);
}
