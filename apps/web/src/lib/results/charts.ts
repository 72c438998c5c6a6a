/**
 * Geometry of the statistics charts, drawn as plain SVG by the chart components: pure functions
 * of the figures, so they are tested without a browser.
 */
export interface ChartItem {
  key: string;
  label: string;
  value: number;
}

export interface HorizontalBar extends ChartItem {
  y: number;
  width: number;
}

export interface HorizontalBarLayout {
  width: number;
  height: number;
  labelWidth: number;
  bars: HorizontalBar[];
  barHeight: number;
}

/** A "nice" axis maximum ≥ value: 1, 2, 5 × 10^n. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/**
 * Horizontal bars, one per item, longest = the largest value; room on the left for labels and
 * on the right for the printed value.
 */
export function horizontalBars(
  items: readonly ChartItem[],
  options: { width?: number; barHeight?: number; gap?: number; labelWidth?: number } = {},
): HorizontalBarLayout {
  const width = options.width ?? 560;
  const barHeight = options.barHeight ?? 22;
  const gap = options.gap ?? 8;
  const labelWidth = options.labelWidth ?? 150;
  const valueWidth = 48;
  const max = Math.max(0, ...items.map((item) => item.value));
  const room = width - labelWidth - valueWidth;
  return {
    width,
    height: Math.max(barHeight, items.length * (barHeight + gap) - gap),
    labelWidth,
    barHeight,
    bars: items.map((item, index) => ({
      ...item,
      y: index * (barHeight + gap),
      width: max === 0 ? 0 : (item.value / max) * room,
    })),
  };
}

export interface Column extends ChartItem {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ColumnLayout {
  width: number;
  height: number;
  plotTop: number;
  plotBottom: number;
  axisMax: number;
  columns: Column[];
  /** Points of an optional running line (e.g. cumulative registrations), same x as columns. */
  line: Array<{ x: number; y: number; value: number }>;
  ticks: Array<{ y: number; value: number }>;
}

/** Vertical columns over a shared axis, with an optional second series drawn as a line. */
export function columns(
  items: readonly ChartItem[],
  options: { width?: number; height?: number; line?: readonly number[] } = {},
): ColumnLayout {
  const width = options.width ?? 560;
  const height = options.height ?? 240;
  const plotTop = 12;
  const plotBottom = height - 40;
  const left = 40;
  const plotHeight = plotBottom - plotTop;
  const lineValues = options.line ?? [];
  const axisMax = niceMax(Math.max(0, ...items.map((item) => item.value), ...lineValues));
  const slot = items.length === 0 ? 0 : (width - left - 8) / items.length;
  const columnWidth = Math.max(1, slot * 0.7);
  const yOf = (value: number) => plotBottom - (value / axisMax) * plotHeight;
  return {
    width,
    height,
    plotTop,
    plotBottom,
    axisMax,
    columns: items.map((item, index) => ({
      ...item,
      x: left + index * slot + (slot - columnWidth) / 2,
      y: yOf(item.value),
      width: columnWidth,
      height: plotBottom - yOf(item.value),
    })),
    line: lineValues.map((value, index) => ({
      x: left + index * slot + slot / 2,
      y: yOf(value),
      value,
    })),
    ticks: [0, 0.25, 0.5, 0.75, 1].map((share) => ({
      y: yOf(axisMax * share),
      value: axisMax * share,
    })),
  };
}

/** The text a screen reader hears for a chart: "title: a 3, b 5". */
export function chartSummary(items: readonly ChartItem[]): string {
  return items.map((item) => `${item.label} ${item.value}`).join('，');
}
