import type { Handlers } from '@grove/shared';
import type { ServiceContext } from './context.ts';
import { peopleHandlers } from './people-handlers.ts';
import { protocolHandlers } from './protocol-handlers.ts';
import { reviewHandlers } from './review-handlers.ts';
import { studyHandlers } from './study-handlers.ts';
import { extractionHandlers } from './extraction-handlers.ts';
import { robHandlers } from './rob-handlers.ts';
import { analysisHandlers } from './analysis-handlers.ts';
import { doubleHandlers } from './double-handlers.ts';
import { rob2Handlers } from './rob2-handlers.ts';
import { settingsHandlers } from './settings-handlers.ts';
import { filesHandlers } from './files-handlers.ts';
import { revmanHandlers } from './revman-handlers.ts';
import { outcomeHandlers } from './outcome-handlers.ts';
import { prismaHandlers } from './prisma-handlers.ts';
import { workspaceHandlers } from './workspace-handlers.ts';
import { outlineHandlers } from './outline-handlers.ts';
import { scaleHandlers } from './scale-handlers.ts';
import { recordsHandlers } from './records-handlers.ts';
import { exploreHandlers } from './explore-handlers.ts';
import { metaRegressionHandlers } from './meta-regression-handlers.ts';
import { entryHandlers } from './entry-handlers.ts';
import { screeningHandlers } from './screening-handlers.ts';
import { fulltextHandlers } from './fulltext-handlers.ts';
import { retrievalHandlers } from './retrieval-handlers.ts';
import { rankingHandlers } from './ranking-handlers.ts';
import { mergeHandlers } from './merge-handlers.ts';
import { syncHandlers } from './sync-handlers.ts';

// The one handler table. Each domain contributes its own slice; the `satisfies`
// makes the compiler reject a method that is missing, misspelt or mistyped.

export function createHandlers(ctx: ServiceContext): Handlers {
  const table = {
    ...reviewHandlers(ctx),
    ...protocolHandlers(ctx),
    ...peopleHandlers(ctx),
    ...studyHandlers(ctx),
    ...extractionHandlers(ctx),
    ...robHandlers(ctx),
    ...analysisHandlers(ctx),
    ...doubleHandlers(ctx),
    ...rob2Handlers(ctx),
    ...settingsHandlers(ctx),
    ...filesHandlers(ctx),
    ...revmanHandlers(ctx),
    ...outcomeHandlers(ctx),
    ...prismaHandlers(ctx),
    ...workspaceHandlers(ctx),
    ...outlineHandlers(ctx),
    ...scaleHandlers(ctx),
    ...recordsHandlers(ctx),
    ...exploreHandlers(ctx),
    ...metaRegressionHandlers(ctx),
    ...entryHandlers(ctx),
    ...screeningHandlers(ctx),
    ...fulltextHandlers(ctx),
    ...retrievalHandlers(ctx),
    ...rankingHandlers(ctx),
    ...mergeHandlers(ctx),
    ...syncHandlers(ctx),
  } satisfies Handlers;
  return Object.freeze(table);
}
