// JSON columns hold arrays of strings only (CHECKed in the schema).
export function toJsonList(values: readonly string[]): string {
  return JSON.stringify(values);
}

export function fromJsonList(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}
