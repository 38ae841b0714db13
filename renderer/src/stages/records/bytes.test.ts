import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './bytes.ts';

describe('bytesToBase64', () => {
  it('encodes any bytes, across slice boundaries, as Node does', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7919) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});
