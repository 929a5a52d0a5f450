/**
 * A time-series chart (uPlot, loaded on first use so the first page stays inside the budget).
 * The chart is an image to assistive technology: `label` names it and `summary` says what it
 * shows in words (totals), so the numbers are never only in the picture.
 */
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Drawn dashed (a second measure beside the first). */
  dashed?: boolean;
}

let loading: Promise<typeof uPlot> | undefined;
// uPlot's types declare a CommonJS-style export; the bundled module has it as `default`.
const loadUPlot = () =>
  (loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
    ([m]) => (m as unknown as { default?: typeof uPlot }).default ?? (m as unknown as typeof uPlot),
  ));

/** Points are drawn where there is something to see (non-zero values), so a lone value shows. */
const marked = (u: uPlot, seriesIdx: number): number[] | null => {
  const values = u.data[seriesIdx] ?? [];
  const idx: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && v !== undefined && v !== 0) idx.push(i);
  });
  return idx;
};

/** Tick steps for counts: whole numbers only. */
const COUNT_STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000,
  500_000, 1_000_000,
];

export function TimeChart({
  label,
  summary,
  at,
  series,
  unit = '',
  counts = false,
  height = 180,
  testId,
}: {
  label: string;
  summary: string;
  at: number[];
  series: ChartSeries[];
  unit?: string;
  counts?: boolean;
  height?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [failed, setFailed] = useState(false);
  const key = series.map((s) => s.label).join('|');

  useEffect(() => {
    let cancelled = false;
    let observer: ResizeObserver | undefined;
    loadUPlot()
      .then((UPlot) => {
        if (cancelled || !box.current) return;
        const el = box.current;
        const width = Math.max(240, el.clientWidth);
        plot.current?.destroy();
        plot.current = new UPlot(
          {
            width,
            height,
            legend: { show: true },
            cursor: { points: { size: 6 } },
            // A bucket's value is drawn at its start; the axis runs to the end of the last bucket.
            scales: {
              x: {
                time: true,
                range: (_u: uPlot, min: number, max: number): [number, number] => [
                  min,
                  max + (at.length > 1 ? (at[1]! - at[0]!) / 1000 : 60),
                ],
              },
              ...(counts
                ? {
                    y: {
                      range: (_u: uPlot, _min: number, max: number): [number, number] => [
                        0,
                        Math.max(4, max),
                      ],
                    },
                  }
                : {}),
            },
            axes: [
              { stroke: '#57606a', grid: { stroke: '#eef1f4' } },
              {
                stroke: '#57606a',
                grid: { stroke: '#eef1f4' },
                size: unit ? 64 : 44,
                ...(counts ? { incrs: COUNT_STEPS } : {}),
                values: (_u: uPlot, ticks: number[]) =>
                  ticks.map((t) => `${Number.isInteger(t) ? t : t.toFixed(1)}${unit}`),
              },
            ],
            series: [
              { label: 'Time' },
              ...series.map((s) => ({
                label: s.label,
                stroke: s.color,
                width: 2,
                dash: s.dashed ? [6, 4] : undefined,
                points: { show: true, size: 6, filter: marked },
                spanGaps: false,
              })),
            ],
          },
          [at.map((t) => t / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData,
          el,
        );
        observer = new ResizeObserver(() =>
          plot.current?.setSize({ width: Math.max(240, el.clientWidth), height }),
        );
        observer.observe(el);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuilt when the set of series changes; data updates go through setData below.
  }, [key, height, unit]);

  useEffect(() => {
    plot.current?.setData([
      at.map((t) => t / 1000),
      ...series.map((s) => s.values),
    ] as uPlot.AlignedData);
  }, [at, series]);

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">{label}</figcaption>
      <div
        ref={box}
        className="chart-plot"
        role="img"
        aria-label={`${label}: ${summary}`}
        style={{ minHeight: height }}
      />
      {failed && <p className="muted small">The chart could not load; the numbers: {summary}</p>}
    </figure>
  );
}
