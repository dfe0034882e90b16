import { useId } from 'react';

export interface Bar {
  label: string;
  /** A second line under the label (the location of a provider's row). */
  sublabel?: string;
  /** Where the bar ends, as a share of `max`. */
  value: number;
  /** The value as the reader sees it beside the bar ("62%", "14"). */
  text: string;
  /** The second series' colour (a legend says which). */
  alt?: boolean;
}

interface Props {
  /** Names the chart for assistive technology, with the values read out in order. */
  title: string;
  bars: Bar[];
  max: number;
}

const width = 640;
const labelWidth = 250;
const valueWidth = 70;
const barHeight = 22;
const gap = 10;

/** Trims a label to what fits beside the bars; the full text is in the table and the title. */
const fit = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Horizontal bars drawn as plain SVG (classes, no inline styles: the CSP), one row per value.
 * The image's accessible name carries every label and value; the page shows the same as a table.
 */
export function BarChart({ title, bars, max }: Props) {
  const id = useId();
  const track = width - labelWidth - valueWidth;
  const twoLines = bars.some((b) => b.sublabel);
  const row = barHeight + gap + (twoLines ? 14 : 0);
  const height = bars.length * row + gap;
  const summary = `${title}: ${bars
    .map((b) => `${b.label}${b.sublabel ? ` (${b.sublabel})` : ''} ${b.text}`)
    .join('; ')}`;
  return (
    <div className="chart-wrap">
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{summary}</title>
        <line className="chart-axis" x1={labelWidth} x2={labelWidth} y1={0} y2={height} />
        {bars.map((b, i) => {
          const y = gap + i * row;
          const length = max > 0 ? Math.max(0, Math.min(1, b.value / max)) * track : 0;
          return (
            <g key={`${b.label}-${i}`}>
              <text
                className="chart-label"
                x={labelWidth - 8}
                y={y + barHeight * 0.7}
                textAnchor="end"
              >
                {fit(b.label)}
              </text>
              {b.sublabel && (
                <text
                  className="chart-sublabel"
                  x={labelWidth - 8}
                  y={y + barHeight * 0.7 + 15}
                  textAnchor="end"
                >
                  {fit(b.sublabel)}
                </text>
              )}
              <rect className="chart-track" x={labelWidth} y={y} width={track} height={barHeight} />
              <rect
                className={b.alt ? 'chart-bar-alt' : 'chart-bar'}
                x={labelWidth}
                y={y}
                width={length}
                height={barHeight}
              />
              <text className="chart-value" x={labelWidth + track + 8} y={y + barHeight * 0.7}>
                {b.text}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
