// The fields of one record in a tagged format (RIS, MEDLINE, Web of Science): each occurrence
// of a tag in order, with its lines. Repeated tags are kept as separate occurrences.

export interface TaggedField {
  tag: string;
  /** The value's lines: the tag's own line, then its continuation lines. */
  lines: string[];
}

export class TaggedFields {
  constructor(readonly fields: TaggedField[]) {}

  /** The first occurrence of any of the tags, its lines joined by spaces. */
  first(...tags: string[]): string | null {
    for (const tag of tags) {
      const f = this.fields.find((x) => x.tag === tag);
      if (f) {
        const v = f.lines.join(' ').trim();
        if (v !== '') return v;
      }
    }
    return null;
  }

  /** Every occurrence of the tags, each joined by spaces. */
  all(...tags: string[]): string[] {
    return this.fields
      .filter((f) => tags.includes(f.tag))
      .map((f) => f.lines.join(' ').trim())
      .filter((v) => v !== '');
  }

  /** Every line of every occurrence (Web of Science writes one author per continuation line). */
  lines(...tags: string[]): string[] {
    return this.fields
      .filter((f) => tags.includes(f.tag))
      .flatMap((f) => f.lines)
      .map((l) => l.trim())
      .filter((v) => v !== '');
  }

  /** Every value of every field, for finding identifiers anywhere in the record. */
  allText(except: string[] = []): string[] {
    return this.fields.filter((f) => !except.includes(f.tag)).map((f) => f.lines.join(' '));
  }
}
