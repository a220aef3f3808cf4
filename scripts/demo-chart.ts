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
    { round: r.round, series: "ZK supply", value: r.supply },
    { round: r.round, series: "cumulative ZK burned", value: r.burned },
  ]);
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "zknomics demo: supply and cumulative burn per round",
    width: 520,
    height: 240,
    data: { values },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "round", type: "ordinal", sort: null, title: "round" },
      // Whole ZK with separators: the supply moves by thousands out of a billion, so millions would need decimals.
      y: { field: "value", type: "quantitative", title: null, scale: { zero: false }, axis: { format: ",.0f" } },
      color: { field: "series", type: "nominal", title: null, legend: { orient: "bottom", labelLimit: 0 } },
      row: { field: "series", type: "nominal", title: null },
    },
    resolve: { scale: { y: "independent" } },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  return view.toSVG();
}
