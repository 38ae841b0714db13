import * as z from 'zod';
import { mutation, query } from './method.ts';
import { uploadTokenSchema } from './contract-files.ts';

// The browser host's File menu (issue 12 item 7): reviews in the Grove data folder, the
// recent list, a new review, opening another review (from the folder, the recent list or
// uploaded through the streamed upload path) and saving a copy. The desktop app does the
// same with native dialogs in its own menu (electron/menu.ts), so there these answer
// UNSUPPORTED. Opening another review closes the open one and releases its write lock.

/** A review file's name as typed: no folder, no characters that file systems refuse. */
export const reviewFileNameSchema = z
  .string()
  .trim()
  .min(1, 'give the review file a name')
  .max(120)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/, 'a file name cannot contain \\ / : * ? " < > | or control characters')
  .refine((n) => !n.startsWith('.'), 'a file name cannot start with a dot');

const reviewFileSchema = z.object({
  name: z.string(),
  path: z.string(),
  /** Last written, ISO 8601; null when the file is gone (a recent entry). */
  modifiedAt: z.string().nullable(),
  /** The review open now. */
  open: z.boolean(),
});

const openedSchema = z.object({ file: z.object({ path: z.string(), name: z.string() }) });

export const WORKSPACE_API = {
  'workspace.list': query(
    z.object({}).strict(),
    z.object({ folder: z.string(), files: z.array(reviewFileSchema), recent: z.array(reviewFileSchema) }),
    'The reviews in the Grove data folder and the recently opened ones (browser host).',
  ),
  'workspace.new': mutation(
    z.object({ name: reviewFileNameSchema, title: z.string().trim().max(500).optional() }).strict(),
    openedSchema,
    'Create an empty review in the Grove data folder and open it (the open one is closed and its lock released).',
  ),
  'workspace.open': mutation(
    z.union([
      z.object({ path: z.string().min(1).max(4096) }).strict(),
      z
        .object({
          fileName: z
            .string()
            .min(1)
            .max(255)
            .regex(/\.grove$/i, 'choose a Grove review file (.grove)'),
          uploadToken: uploadTokenSchema,
        })
        .strict(),
    ]),
    openedSchema,
    'Open a review from the Grove data folder or the recent list, or one uploaded through POST /upload (copied into the data folder first).',
  ),
  'workspace.saveCopy': mutation(
    z.object({ name: reviewFileNameSchema }).strict(),
    openedSchema,
    'Write a consistent copy of the open review into the Grove data folder; the open review stays open.',
  ),
} as const;
