import { describe, expect, it } from 'vitest';
import { buildPrismaFlow, type PrismaFlowInputs } from '@grove/shared/prisma/index';
import { emptySearchCounts } from '@grove/shared/model/search-counts';
import { countValue, flowRows, sourceText } from './flow-rows.ts';

const inputs: PrismaFlowInputs = {
  handEntered: { ...emptySearchCounts(), databaseRecords: 7198, recordsAfterDeduplication: 4277 },
  records: null,
  screening: null,
  studies: { included: 8, reportsOfIncluded: 11 },
  studiesInMetaAnalysis: null,
};

describe('the flow diagram as table rows', () => {
  it('lists every box with its count and where it came from, unknown counts said so', () => {
    const rows = flowRows(buildPrismaFlow(inputs));
    const find = (label: string) => rows.find((r) => r.label === label)!;
    expect([countValue(find('Records from databases').count), sourceText(find('Records from databases').count)]).toEqual([
      '7,198',
      'entered by hand',
    ]);
    expect([countValue(find('Studies included in review').count), sourceText(find('Studies included in review').count)]).toEqual([
      '8',
      'from the review’s data',
    ]);
    expect([countValue(find('Duplicate records removed').count), sourceText(find('Duplicate records removed').count)]).toEqual([
      'not recorded',
      '—',
    ]);
    // Both identification columns have their retrieval and assessment rows.
    expect(rows.filter((r) => r.label === 'Reports assessed for eligibility').map((r) => r.column)).toEqual([
      'Databases and registers',
      'Other methods',
    ]);
  });

  it('indents reasons and sources under their box', () => {
    const rows = flowRows(
      buildPrismaFlow({
        ...inputs,
        screening: {
          screened: 10,
          excluded: 5,
          databases: { sought: 5, notRetrieved: 0, excludedByReason: [{ reason: 'Not randomised', n: 3 }] },
          otherMethods: { sought: 0, notRetrieved: 0, excludedByReason: [] },
        },
      }),
    );
    const i = rows.findIndex((r) => r.label === 'Not randomised');
    expect(rows[i]!.detail).toBe(true);
    expect(rows[i - 1]!.label).toBe('Reports excluded');
  });
});
