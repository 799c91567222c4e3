/** Pixel size of a rendered chart. */
export interface RenderSize {
  width: number;
  height: number;
}

export const DEFAULT_CHART_SIZE: RenderSize = { width: 800, height: 400 };
