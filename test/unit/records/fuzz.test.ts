import { describe, it } from 'vitest';
import { FORMATS, formatProperties, noiseProperty } from '../../fuzz/records-properties.ts';

// A sample of the parser fuzzing (issue 13) in every test run; the 10,000-case run is
// test/fuzz/records-fuzz.ts.

describe('export parsers under property-based fuzzing (sample)', () => {
  for (const format of FORMATS) {
    for (const property of formatProperties(format)) it(property.name, () => property.assert(60));
  }
  it(noiseProperty.name, () => noiseProperty.assert(100));
});
