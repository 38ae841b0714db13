import type { ChangeEvent, EventEntry } from '../merge/events.ts';
import { isHlc } from '../merge/hlc.ts';
import type { PushedEvent, ServerEvent } from '../repositories/team-server-repo.ts';
import { TeamServerError } from './team-error.ts';

// Change events as the team server stores them (one row each, rows as JSON text) and back.
// What comes from the server was written by other clients: it is checked before the merge
// code sees it, and a bad event is named.

export function toServerEvent(e: ChangeEvent, schemaVersion: number): PushedEvent {
  return {
    site: e.site,
    seq: e.seq,
    schemaVersion,
    hlc: e.hlc,
    reviewer: e.reviewer,
    label: e.label,
    digest: e.digest,
    entries: JSON.stringify(e.entries),
  };
}

function isRowOrNull(v: unknown): boolean {
  if (v === null) return true;
  if (typeof v !== 'object' || Array.isArray(v)) return false;
  return Object.values(v as object).every((x) => x === null || typeof x === 'string' || typeof x === 'number');
}

export function fromServerEvent(s: ServerEvent, schemaVersion: number, server: string): ChangeEvent {
  const bad = (why: string) =>
    new TeamServerError('refused', `Event ${s.site} #${s.seq} (server number ${s.serverSeq}) on ${server} ${why}; nothing was changed.`);
  if (s.schemaVersion !== schemaVersion)
    throw new TeamServerError(
      'refused',
      `The team server holds changes made at review schema v${s.schemaVersion} (event ${s.site} #${s.seq}, by ${s.reviewer}) and this file is at v${schemaVersion}: changes are exchanged only at one schema version. Everyone in the review should use the same Grove version; nothing was changed.`,
    );
  if (!isHlc(s.hlc)) throw bad(`has no valid clock reading ("${s.hlc}")`);
  let entries: unknown;
  try {
    entries = JSON.parse(s.entries);
  } catch {
    throw bad('holds rows that are not JSON');
  }
  if (
    !Array.isArray(entries) ||
    !entries.every(
      (x: unknown) =>
        typeof x === 'object' &&
        x !== null &&
        typeof (x as EventEntry).table === 'string' &&
        isRowOrNull((x as EventEntry).before) &&
        isRowOrNull((x as EventEntry).after),
    )
  )
    throw bad('holds rows that are not {table, before, after}');
  return { site: s.site, seq: s.seq, hlc: s.hlc, reviewer: s.reviewer, label: s.label, digest: s.digest, entries: entries as EventEntry[] };
}
