import { useId, useMemo, type MouseEvent } from 'react';
import type { GemeindeFeatureCollection } from '@teilhabe/shared';

type Position = [number, number];
type Feature = GemeindeFeatureCollection['features'][number];

export const MAP_COLOURS = ['#f1f6fb', '#cfe1f2', '#a6c8e6', '#79aedb', '#5296cc'];
const GAP_COLOUR = '#fbe3e4';
// Inside the SVG so that the map looks the same in the public pages and in the staff app.
const MAP_CSS = `
.gemeinde-map a:focus { outline: none; }
.gemeinde-map a:focus-visible path, .gemeinde-map a:hover path { stroke: #c2410c; stroke-width: 3px; }
.gemeinde-map-label { font: 700 17px system-ui, sans-serif; fill: #0b1f33; paint-order: stroke; stroke: #fff; stroke-width: 3px; pointer-events: none; }
`;

function polygonsOf(f: Feature): Position[][][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Position[][]] : (f.geometry.coordinates as Position[][][]);
}

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return a / 2;
}

function ringCentroid(ring: Position[]): Position {
  let x = 0;
  let y = 0;
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const f = x0 * y1 - x1 * y0;
    x += (x0 + x1) * f;
    y += (y0 + y1) * f;
    a += f;
  }
  return a === 0 ? ring[0]! : [x / (3 * a), y / (3 * a)];
}

/** Class breaks for the choropleth: 0 apart, then four classes between 1 and the maximum. */
export function classOf(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, 1 + Math.floor(((value - 0.0001) / max) * 4));
}

export interface GemeindeMapProps {
  collection: GemeindeFeatureCollection;
  /** The value per AGS that colours the map (offers, offers per 10,000 …). */
  values: Record<string, number>;
  /** Text inside each Gemeinde (usually the value, formatted). */
  labelFor: (ags: string, value: number) => string;
  /** Accessible name of each Gemeinde link, e.g. "Troisdorf: 30 Angebote". */
  describe: (name: string, value: number) => string;
  title: string;
  selected?: string | null;
  hrefFor?: (ags: string) => string;
  onSelect?: (ags: string) => void;
  /** Colour Gemeinden with 0 in a warning tone (coverage gaps). */
  highlightZero?: boolean;
  width?: number;
}

/**
 * A choropleth of the Kreis' Gemeinden drawn from the shipped BKG polygons with an equirectangular projection
 * (scaled by cos φ, good enough at Kreis scale) — no tile server, no map library. Every Gemeinde is a keyboard-focusable
 * link with an accessible name; pages show a table with the same numbers beside it.
 */
export function GemeindeMap({ collection, values, labelFor, describe, title, selected, hrefFor, onSelect, highlightZero, width = 640 }: GemeindeMapProps) {
  const titleId = useId();
  const geometry = useMemo(() => {
    const [minX, minY, maxX, maxY] = collection.bbox;
    const cos = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
    const k = width / ((maxX - minX) * cos || 1);
    const height = Math.round((maxY - minY) * k);
    const project = ([x, y]: Position): Position => [(x - minX) * cos * k, (maxY - y) * k];
    const shapes = collection.features.map((f) => {
      const polygons = polygonsOf(f);
      const d = polygons
        .flatMap((poly) => poly.map((ring) => `M${ring.map((p) => project(p).map((n) => n.toFixed(1)).join(',')).join('L')}Z`))
        .join('');
      const largest = polygons.map((poly) => poly[0]!).sort((a, b) => Math.abs(ringArea(b)) - Math.abs(ringArea(a)))[0]!;
      const [cx, cy] = project(ringCentroid(largest));
      return { ags: f.properties.ags, name: f.properties.name, d, cx, cy };
    });
    return { height, shapes };
  }, [collection, width]);
  const max = Math.max(0, ...Object.values(values));

  const click = (ags: string) => (event: MouseEvent) => {
    if (!onSelect) return;
    event.preventDefault();
    onSelect(ags);
  };

  return (
    <svg
      className="gemeinde-map"
      viewBox={`-4 -4 ${width + 8} ${geometry.height + 8}`}
      width="100%"
      role="group"
      aria-labelledby={titleId}
      style={{ maxWidth: width, display: 'block' }}
    >
      <title id={titleId}>{title}</title>
      <style>{MAP_CSS}</style>
      {geometry.shapes.map((s) => {
        const value = values[s.ags] ?? 0;
        const cls = classOf(value, max);
        const fill = highlightZero && value === 0 ? GAP_COLOUR : MAP_COLOURS[cls];
        const body = (
          <>
            <path d={s.d} fill={fill} stroke={selected === s.ags ? '#0b1f33' : '#5b6b7a'} strokeWidth={selected === s.ags ? 2.5 : 0.8} />
            <text x={s.cx} y={s.cy} textAnchor="middle" dominantBaseline="central" className="gemeinde-map-label" aria-hidden="true">
              {labelFor(s.ags, value)}
            </text>
          </>
        );
        const label = describe(s.name, value);
        return hrefFor || onSelect ? (
          <a key={s.ags} href={hrefFor?.(s.ags) ?? '#'} aria-label={label} onClick={click(s.ags)} aria-current={selected === s.ags ? 'true' : undefined}>
            <title>{label}</title>
            {body}
          </a>
        ) : (
          <g key={s.ags} role="img" aria-label={label}>
            <title>{label}</title>
            {body}
          </g>
        );
      })}
    </svg>
  );
}
