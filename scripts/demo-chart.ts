/** Renders the demo's chart (supply and cumulative burn per round) to SVG with Vega-Lite, headless. */
export async function supplyChartSvg(rows: { round: string; supply: number; burned: number }[]): Promise<string> {
  // vega and vega-lite are ES modules: load them with a real dynamic import from this CommonJS build.
  const load = new Function("m", "return import(m)") as (m: string) => Promise<Record<string, unknown>>;
  const vega = (await load("vega")) as unknown as {
    View: new (runtime: unknown, opts: { renderer: string }) => { toSVG(): Promise<string> };
    parse: (spec: unknown) => unknown;
  };
  const vegaLite = (await load("vega-lite")) as unknown as { compile: (spec: unknown) => { spec: unknown } };
  const values = rows.flatMap((r) => [
    { round: r.round, series: "ZK supply (millions)", value: r.supply / 1e6 },
    { round: r.round, series: "cumulative ZK burned (thousands)", value: r.burned / 1e3 },
  ]);
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "zknomics demo: supply and cumulative burn per round",
    width: 480,
    height: 240,
    data: { values },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "round", type: "ordinal", sort: null, title: "round" },
      y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
      color: { field: "series", type: "nominal", title: null },
      row: { field: "series", type: "nominal", title: null },
    },
    resolve: { scale: { y: "independent" } },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  return view.toSVG();
}
