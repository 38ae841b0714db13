// Text written into files that other programs read: the one place that decides what an
// exported label may contain.
//
// XML 1.0 forbids most C0 control characters and U+FFFE/U+FFFF even as character
// references, so a label holding one (pasted from a PDF, typed by accident) made an .rm5
// export that every parser refused, Grove's own importer included. They are dropped.
//
// A CSV cell that starts with =, +, -, @ (or a tab or carriage return) is run as a formula
// by Excel and its kin ("CSV injection"). Text cells so starting are prefixed with an
// apostrophe, which spreadsheets show as a text marker; numbers, including negative
// numbers written as text in RevMan's CSV formats, are left exactly as they are.

/** Characters XML 1.0 does not allow anywhere in a document. */
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` without the characters XML 1.0 forbids (tab, line feed and carriage return stay). */
export function xmlSafeText(s: string): string {
  return s.replace(XML_FORBIDDEN, '');
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?$/;

/** A text cell made inert for spreadsheets; a number (even as text) is returned unchanged. */
export function csvSafeText(s: string): string {
  if (!FORMULA_START.test(s) || PLAIN_NUMBER.test(s)) return s;
  return `'${s}`;
}
