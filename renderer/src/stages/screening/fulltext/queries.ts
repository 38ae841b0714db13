import { useQuery } from '@tanstack/react-query';
import type { FullTextTarget } from '@grove/shared';
import { useClient } from '../../../api/client.ts';
import { queryKeys } from '../../../data/query-keys.ts';

// What the full-text pane and the linking view read. Keys sit under ['fullText'] and
// ['studyLinks'], which the invalidation map ties to the attachment, record, report and
// screening tables: an attach, a link or a full-text decision refreshes what is on screen.

export function useFullTexts(target: FullTextTarget) {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.fullText(target), queryFn: () => client.call('fullText.list', target) });
}

export function useLinkSuggestions() {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.studyLinks('suggestions'), queryFn: () => client.call('studyLinks.suggestions', {}) });
}

export function useLinkedStudies() {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.studyLinks('studies'), queryFn: () => client.call('studyLinks.studies', {}) });
}

export function useIncludedNotInStudy() {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.studyLinks('included'), queryFn: () => client.call('studyLinks.included', {}) });
}
