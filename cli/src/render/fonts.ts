import fs from 'node:fs';
import path from 'node:path';

// The fonts headless PNG and PDF output is set in. The SVGs Grove draws name
// "Arial, Helvetica, sans-serif" and are laid out with Helvetica's advance widths
// (shared/src/forest/text-metrics.ts); Liberation Sans has the same metrics and is free, so
// text renders exactly as wide as it was measured. It comes from Debian's fonts-liberation
// (or fonts-liberation2); GROVE_FONT_DIR names another folder holding the four files.

export interface SansFonts {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

/** The family name the font files declare; what resvg and the PDF are told to use. */
export const SANS_FAMILY = 'Liberation Sans';

const FILES: SansFonts = {
  regular: 'LiberationSans-Regular.ttf',
  bold: 'LiberationSans-Bold.ttf',
  italic: 'LiberationSans-Italic.ttf',
  boldItalic: 'LiberationSans-BoldItalic.ttf',
};

const SYSTEM_DIRS = ['/usr/share/fonts/truetype/liberation2', '/usr/share/fonts/truetype/liberation', '/usr/share/fonts/liberation-sans'];

export class FontsMissingError extends Error {
  constructor(searched: readonly string[]) {
    super(
      `PNG and PDF output needs the Liberation Sans fonts (metric-compatible with Arial), found in none of ${searched.join(', ')}. ` +
        'Install them (Debian/Ubuntu: apt-get install fonts-liberation) or set GROVE_FONT_DIR to a folder with ' +
        `${Object.values(FILES).join(', ')}.`,
    );
    this.name = 'FontsMissingError';
  }
}

let found: SansFonts | null = null;

/** The four Liberation Sans files, or FontsMissingError naming where it looked and what to install. */
export function sansFonts(): SansFonts {
  if (found) return found;
  const dirs = [process.env.GROVE_FONT_DIR, ...SYSTEM_DIRS].filter((d): d is string => !!d);
  for (const dir of dirs) {
    const files = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, path.join(dir, f)])) as unknown as SansFonts;
    if (Object.values(files).every((f) => fs.existsSync(f))) {
      found = files;
      return files;
    }
  }
  throw new FontsMissingError(dirs);
}
