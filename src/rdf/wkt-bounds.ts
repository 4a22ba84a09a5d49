// Owns reading the extent of the WKT geometries the mappings write (dcat:bbox polygons,
// dcat:centroid points): only the coordinate pairs matter for a bounding box.
/** west, south, east, north of "POLYGON((w s, e s, ...))" or "POINT(x y)"; null when it has no pairs. */
export function wktBounds(wkt: string): [number, number, number, number] | null {
  const pairs = [...wkt.matchAll(/(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  if (pairs.length === 0) return null;
  const xs = pairs.map(([x]) => x);
  const ys = pairs.map(([, y]) => y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
