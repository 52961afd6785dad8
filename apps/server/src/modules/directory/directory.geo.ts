import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../../seed/geo.js';

type Position = [number, number];
type Ring = Position[];
export interface GemeindeShape {
  ags: string;
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
  bbox: [number, number, number, number];
}

/** Perpendicular distance of p from the segment a–b, in degrees (good enough for simplifying at Kreis scale). */
function distance(p: Position, a: Position, b: Position): number {
  const [x, y] = p;
  const [x1, y1] = a;
  const [x2, y2] = b;
  const dx = x2 - x1;
  const dy = y2 - y1;
  if (dx === 0 && dy === 0) return Math.hypot(x - x1, y - y1);
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

/** Douglas–Peucker on one ring, keeping it closed and at least a triangle. */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let max = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = distance(ring[i]!, ring[first]!, ring[last]!);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index !== -1 && max > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  const out = ring.filter((_, i) => keep[i]).map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5] as Position);
  return out.length >= 4 ? out : ring;
}

let shapes: Map<string, GemeindeShape> | undefined;

/** All NRW Gemeinden as simplified shapes, computed once from the shipped BKG GeoJSON (about 1 MB → a few kB each). */
export function gemeindeShapes(): Map<string, GemeindeShape> {
  if (shapes) return shapes;
  const raw = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'nrw', 'nrw-gemeinden-bkg-2018.geojson'), 'utf8')) as {
    features: { properties: { AGS: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
  };
  shapes = new Map();
  for (const f of raw.features) {
    const tolerance = 0.0006;
    const polygons: Ring[][] = f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : (f.geometry.coordinates as Ring[][]);
    const simplified = polygons.map((poly) => poly.map((ring) => simplifyRing(ring, tolerance)));
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const poly of simplified)
      for (const ring of poly)
        for (const [x, y] of ring) {
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
    shapes.set(f.properties.AGS, {
      ags: f.properties.AGS,
      type: f.geometry.type,
      coordinates: f.geometry.type === 'Polygon' ? simplified[0]! : simplified,
      bbox: [minX, minY, maxX, maxY],
    });
  }
  return shapes;
}
