import path from 'node:path';

// Sync clients (Dropbox, OneDrive, iCloud Drive, Google Drive) copy a file when it changes;
// copying a live SQLite database and its WAL separately is a known way to corrupt it. We
// cannot stop them, but we can say so when a review is opened from such a folder.

const CLOUD_FOLDERS: ReadonlyArray<{ name: string; match: (segment: string) => boolean }> = [
  { name: 'Dropbox', match: (s) => /^dropbox( \(.+\))?$/i.test(s) },
  { name: 'OneDrive', match: (s) => /^onedrive( - .+)?$/i.test(s) },
  { name: 'iCloud Drive', match: (s) => s === 'Mobile Documents' || s === 'com~apple~CloudDocs' || /^icloud ?drive$/i.test(s) },
  { name: 'Google Drive', match: (s) => /^google ?drive$/i.test(s) || s === 'My Drive' || s === 'GoogleDrive' },
];

/** The cloud service whose synced folder holds `file`, or null. */
export function cloudSyncedFolder(file: string): string | null {
  const segments = path
    .resolve(file)
    .split(/[\\/]+/)
    .slice(0, -1);
  for (const cloud of CLOUD_FOLDERS) if (segments.some(cloud.match)) return cloud.name;
  // macOS puts every provider under ~/Library/CloudStorage/<Provider>-<account>.
  const i = segments.indexOf('CloudStorage');
  if (i >= 0 && segments[i + 1]) return segments[i + 1]!.split('-')[0] ?? 'a cloud service';
  return null;
}

export function cloudSyncWarning(file: string): string | null {
  const cloud = cloudSyncedFolder(file);
  if (!cloud) return null;
  return (
    `${path.resolve(file)} is in a folder synced by ${cloud}. Syncing a review while it is open can corrupt it: ` +
    'keep reviews in a local folder and put copies (File › Save a copy) in the synced folder.'
  );
}
