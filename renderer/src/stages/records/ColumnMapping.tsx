import type { ColumnChoices, CsvField, ExportPreview } from '@grove/shared';
import { Select } from '../../components/fields.tsx';
import { MAPPED_FIELDS, FIELD_LABELS, NOT_READ } from './column-mapping.ts';

// The import wizard's mapping step for a CSV export: which column each of Grove's record
// fields is read from. Grove proposes a mapping from the header (Scopus, Embase, Zotero, Web
// of Science and BibTeX-like names); the reviewer corrects it and the preview follows.

export function ColumnMapping(props: {
  csv: NonNullable<ExportPreview['csv']>;
  disabled: boolean;
  onChange: (field: CsvField, header: string | null) => void;
}) {
  const options = [{ value: NOT_READ, label: '— not read —' }, ...props.csv.headers.map((h) => ({ value: h, label: h }))];
  return (
    <table className="records-table records-table--static records-wizard__mapping" data-testid="column-mapping">
      <caption>Columns: where each field is read from</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Column in the file</th>
        </tr>
      </thead>
      <tbody>
        {MAPPED_FIELDS.map((field) => (
          <tr key={field}>
            <th scope="row">{FIELD_LABELS[field]}</th>
            <td>
              <Select
                aria-label={`Column for ${FIELD_LABELS[field]}`}
                value={props.csv.columns[field] ?? NOT_READ}
                options={options}
                disabled={props.disabled}
                onChange={(v) => props.onChange(field, v === NOT_READ ? null : v)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type { ColumnChoices };
