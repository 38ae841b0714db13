// The LaTeX that BibTeX exports put in field values: accents, escaped specials and the braces
// that protect capitals. Only what bibliographic data uses; anything else is left as written.

const ACCENTS: Record<string, Record<string, string>> = {
  '"': { a: 'ä', e: 'ë', i: 'ï', o: 'ö', u: 'ü', y: 'ÿ', A: 'Ä', E: 'Ë', I: 'Ï', O: 'Ö', U: 'Ü' },
  "'": {
    a: 'á',
    e: 'é',
    i: 'í',
    o: 'ó',
    u: 'ú',
    y: 'ý',
    c: 'ć',
    n: 'ń',
    s: 'ś',
    z: 'ź',
    A: 'Á',
    E: 'É',
    I: 'Í',
    O: 'Ó',
    U: 'Ú',
    C: 'Ć',
    S: 'Ś',
    Z: 'Ź',
  },
  '`': { a: 'à', e: 'è', i: 'ì', o: 'ò', u: 'ù', A: 'À', E: 'È', I: 'Ì', O: 'Ò', U: 'Ù' },
  '^': { a: 'â', e: 'ê', i: 'î', o: 'ô', u: 'û', A: 'Â', E: 'Ê', I: 'Î', O: 'Ô', U: 'Û' },
  '~': { a: 'ã', n: 'ñ', o: 'õ', A: 'Ã', N: 'Ñ', O: 'Õ' },
  c: { c: 'ç', C: 'Ç', s: 'ş', S: 'Ş' },
  v: { c: 'č', s: 'š', z: 'ž', r: 'ř', e: 'ě', n: 'ň', C: 'Č', S: 'Š', Z: 'Ž', R: 'Ř' },
  u: { a: 'ă', g: 'ğ', A: 'Ă' },
  '=': { a: 'ā', e: 'ē', o: 'ō', u: 'ū' },
  H: { o: 'ő', u: 'ű', O: 'Ő', U: 'Ű' },
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  oe: 'œ',
  OE: 'Œ',
};

export function decodeLatex(value: string): string {
  return value
    .replace(
      /\\([“"'`^~=]|[cvuH](?![a-zA-Z]))\s*\{?\\?([a-zA-Z])\}?/g,
      (all, accent: string, letter: string) => ACCENTS[accent]?.[letter] ?? all,
    )
    .replace(/\\(ss|o|O|ae|AE|aa|AA|l|L|i|oe|OE)(?![a-zA-Z])\s?/g, (all, name: string) => SYMBOLS[name] ?? all)
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/\\textendash\b|--/g, '–')
    .replace(/[{}]/g, '')
    .replace(/~/g, ' ');
}
