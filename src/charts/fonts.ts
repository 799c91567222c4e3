import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * Japanese labels need a font with CJK glyphs; a fresh machine has none, so we ship Noto Sans JP
 * (SIL OFL 1.1) through the npm package @embedpdf/fonts-jp and register it once. It also covers
 * Latin, so one family serves both languages.
 */
export const CHART_FONT_FAMILY = 'Noto Sans JP';

let registered: boolean | undefined;

export function ensureChartFonts(): boolean {
  if (registered !== undefined) return registered;
  try {
    // The package's export map has only ".", which resolves (require condition) to dist/index.cjs.
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-jp');
    const fontsDir = join(dirname(entry), '..', 'fonts');
    const regular = GlobalFonts.registerFromPath(join(fontsDir, 'NotoSansJP-Regular.otf'), CHART_FONT_FAMILY);
    GlobalFonts.registerFromPath(join(fontsDir, 'NotoSansJP-Bold.otf'), CHART_FONT_FAMILY);
    registered = regular !== null;
  } catch {
    registered = false;
  }
  return registered;
}
