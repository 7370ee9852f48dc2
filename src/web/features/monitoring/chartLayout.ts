// The breakdown bars' fixed geometry: one band per category from the top, the plot starting after the label
// column. Fixed (not containLabel) so a bar sits at a known place — the browser tests click the first one.
export const SLICE_BAR_LAYOUT = { left: 150, right: 56, top: 8, bottom: 24, band: 30 } as const;

export function sliceBarHeight(categories: number): number {
  const { top, bottom, band } = SLICE_BAR_LAYOUT;
  return top + bottom + Math.max(1, categories) * band;
}
