// Types for the `bibtex-parse` package (it ships none). We use its syntax tree, not its
// `entries()`, whose brace stripping mangles LaTeX accents such as {\"u}.
declare module 'bibtex-parse' {
  export type BibtexValue =
    | { datatype: 'braced' | 'quoted' | 'identifier'; value: string }
    | { datatype: 'number'; value: number | bigint | string }
    | { datatype: 'concatinate'; value: BibtexValue[] }
    | { datatype: 'null'; value: null };
  export type BibtexField = BibtexValue & { name: string; raw?: string };
  export type BibtexItem =
    | { itemtype: 'entry'; type: string; key: string; fields: BibtexField[] }
    | ({ itemtype: 'string'; name: string } & BibtexValue)
    | { itemtype: 'comment' | 'preamble'; [k: string]: unknown };
  export function parse(bibtex: string, options?: { number?: 'auto' | 'number' | 'bigint' | 'string' }): BibtexItem[];
  const bibtexParse: { parse: typeof parse };
  export default bibtexParse;
}
