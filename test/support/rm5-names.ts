// The names of an .rm5 tree with their markup, for round-trip tests: every NAME, group and
// graph label and IV EFFECT_MEASURE of a comparison, outcome, subgroup, risk-of-bias item or
// outcome group, keyed by its owner's ID, as the inner XML RevMan wrote.
import { innerXml } from '../../shared/src/rm5/rich-text.ts';
import { childElements, type XmlElement } from '../../shared/src/rm5/xml-tree.ts';

const OWNERS = /^(COMPARISON|[A-Z]+_OUTCOME|[A-Z]+_SUBGROUP|QUALITY_ITEM|QUALITY_ITEM_DATA_ENTRY_GROUP)$/;
const NAMES = new Set(['NAME', 'GROUP_LABEL_1', 'GROUP_LABEL_2', 'GRAPH_LABEL_1', 'GRAPH_LABEL_2', 'EFFECT_MEASURE']);

export function namesWithMarkup(root: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (e: XmlElement): void => {
    for (const c of childElements(e)) {
      if (OWNERS.test(e.name) && NAMES.has(c.name)) {
        const key = `${e.name}[${e.attrs.ID ?? ''}]/${c.name}`;
        out.set(out.has(key) ? `${key}#${out.size}` : key, innerXml(c));
      }
      walk(c);
    }
  };
  walk(root);
  return out;
}
