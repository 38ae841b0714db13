import fs from 'node:fs';
import { inspectReviewFile, openReviewFile } from '../review-file.ts';
import { reviewIdentity } from '../repositories/merge-repo.ts';
import { createTeamSchema, readServerInfo, TEAM_SCHEMA_VERSION, type TeamServerInfo } from '../repositories/team-server-schema.ts';
import { addMember, listMembers, ownsReview, roleExists } from '../repositories/team-server-repo.ts';
import { asTeamServerError, connectToServer, type ServerClient } from './connect.ts';
import { describeServer, parseServerUrl, type ServerAddress } from './server-url.ts';
import { TeamServerError } from './team-error.ts';

// `grove team init` and `grove team add-member` (docs/team-server.md).

async function withServer<T>(url: string, env: NodeJS.ProcessEnv, fn: (client: ServerClient, a: ServerAddress) => Promise<T>): Promise<T> {
  const a = parseServerUrl(url);
  const client = await connectToServer(a, env);
  try {
    return await fn(client, a);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface InitResult extends TeamServerInfo {
  created: boolean;
  server: string;
}

/** Creates the team schema; a server that has it already is left as it is. */
export function initTeamServer(url: string, env: NodeJS.ProcessEnv = process.env): Promise<InitResult> {
  return withServer(url, env, async (client, a) => {
    const server = describeServer(a);
    const existing = await readServerInfo(client).catch((err: unknown) => {
      throw asTeamServerError(err, a, 'reading the server');
    });
    if (existing) {
      if (existing.schemaVersion > TEAM_SCHEMA_VERSION)
        throw new TeamServerError('refused', `${server} was set up by a newer Grove (team schema v${existing.schemaVersion}).`);
      return { ...existing, created: false, server };
    }
    try {
      return { ...(await createTeamSchema(client)), created: true, server };
    } catch (err) {
      throw asTeamServerError(err, a, 'creating the team schema (run it as a role that may create a schema in this database)');
    }
  });
}

/** A review id given as itself or as a review file holding it. */
export function reviewIdOf(reviewOrFile: string): string {
  if (!reviewOrFile.endsWith('.grove') || !fs.existsSync(reviewOrFile)) return reviewOrFile;
  inspectReviewFile(reviewOrFile);
  const review = openReviewFile(reviewOrFile, { forReading: true, app: 'grove team' });
  try {
    return reviewIdentity(review.db).reviewId;
  } finally {
    review.close();
  }
}

export interface AddMemberResult {
  reviewId: string;
  role: string;
  added: boolean;
  members: string[];
}

export function addTeamMember(
  url: string,
  reviewOrFile: string,
  role: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AddMemberResult> {
  const reviewId = reviewIdOf(reviewOrFile);
  return withServer(url, env, async (client, a) => {
    const server = describeServer(a);
    try {
      if (!(await readServerInfo(client)))
        throw new TeamServerError('refused', `${server} has no Grove team schema: run \`grove team init --server URL\` first.`);
      if (!(await ownsReview(client, reviewId)))
        throw new TeamServerError(
          'refused',
          `Role ${a.role} does not own review ${reviewId} on ${server} (or it is not registered there yet: its first \`grove sync\` registers it): only the owner adds members.`,
        );
      if (!(await roleExists(client, role)))
        throw new TeamServerError(
          'refused',
          `${server} has no role ${role}: its administrator creates it first (CREATE ROLE ${role} LOGIN PASSWORD …).`,
        );
      const added = await addMember(client, reviewId, role);
      return { reviewId, role, added, members: await listMembers(client, reviewId) };
    } catch (err) {
      throw asTeamServerError(err, a, 'adding a member');
    }
  });
}
