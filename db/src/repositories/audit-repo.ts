import type { AuditEntry } from '@grove/shared';
import type { Db } from '../connection.ts';

type DbRow = Record<string, string | number | null>;

function toEntry(r: DbRow): AuditEntry {
  return {
    id: Number(r.id),
    changeId: Number(r.change_id),
    at: String(r.at),
    reviewerId: r.reviewer_id === null ? null : String(r.reviewer_id),
    reviewerName: String(r.reviewer_name),
    action: String(r.action) as AuditEntry['action'],
    entity: String(r.entity),
    entityId: String(r.entity_id),
    fields: JSON.parse(String(r.fields)) as string[],
    summary: String(r.summary),
    undoneBy: r.undone_by === null ? null : Number(r.undone_by),
  };
}

const SELECT = `SELECT e.id, e.change_id, c.at, c.reviewer_id, c.reviewer_name, e.action, e.entity, e.entity_id, e.fields,
                       e.summary, c.undone_by
                  FROM audit_entry e JOIN change c ON c.id = e.change_id`;

export function listAudit(db: Db, limit: number, beforeId?: number): AuditEntry[] {
  const rows =
    beforeId === undefined
      ? db.prepare(`${SELECT} ORDER BY e.id DESC LIMIT ?`).all(limit)
      : db.prepare(`${SELECT} WHERE e.id < ? ORDER BY e.id DESC LIMIT ?`).all(beforeId, limit);
  return (rows as DbRow[]).map(toEntry);
}

/** The whole log, oldest first: for export. */
export function allAudit(db: Db): AuditEntry[] {
  return (db.prepare(`${SELECT} ORDER BY e.id`).all() as DbRow[]).map(toEntry);
}
