// Writers that turn a GraphData into the files analysts load in their own tools: DOT (built with
// Graphviz cgraph), SVG/PNG/PDF (laid out and rendered in-process by gvc), GraphML, GEXF 1.3,
// Cytoscape.js elements JSON, CSV (nodes.csv + edges.csv) and a GDELT-like event TSV. The
// node-link graph file is graph_json.hpp's job; export_graph() calls it for Format::json.
//
// Every writer is a pure function of its input: same graph, same bytes. Two edge views:
//   - EdgeView::events: the event-level multigraph, one edge per Event (parallel edges kept),
//     with its CAMEO code, QuadClass, Goldstein, date and evidence;
//   - EdgeView::dyads: one edge per ordered actor pair with counts and weights, from the Dyads
//     graph/ aggregates.
//
// Example:
//   GraphData g = ...;                                  // read_graph_json, or built by graph/
//   std::string xml = io::write_graphml({g});           // events view
//   std::string dot = io::write_dot({g, dyads, EdgeView::dyads});
//   auto svg = io::render_graph({g}, RenderFormat::svg, Layout::automatic);
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/expected.hpp"
#include "diplograph/model.hpp"

namespace diplograph::io {

enum class EdgeView { events, dyads };

// What a writer exports: a graph's actors with either its events or its dyads as edges.
// `dyads` is read only for EdgeView::dyads (it is the aggregated view graph/ computes).
struct ExportGraph {
  const GraphData& graph;
  std::span<const Dyad> dyads = {};
  EdgeView edges = EdgeView::events;
};

// A CAMEO code's display name ("051" -> "Praise or endorse"); the writers fall back to the code
// itself when this returns nothing.
using CameoNamer = std::optional<std::string> (*)(std::string_view cameo);

// ---- DOT through cgraph --------------------------------------------------------------------

enum class EdgeLabels { show, hide };

struct DotOptions {
  EdgeLabels edge_labels = EdgeLabels::show;
  CameoNamer cameo_name = nullptr;
};

// A plain `digraph`: actors clustered by country (a member inside its state's cluster), node
// shape by kind, edge colour by QuadClass, width by count, tooltips with the evidence. Every
// string goes through cgraph and is escaped for Graphviz's escString rules.
std::string write_dot(const ExportGraph& input, const DotOptions& options = {});

// ---- Rendered diagrams through gvc ---------------------------------------------------------

enum class RenderFormat { svg, png, pdf };
enum class Layout { automatic, dot, neato, fdp, sfdp, circo };

std::optional<Layout> layout_from_string(std::string_view name);
std::string_view to_string(Layout layout);
// The engine Layout::automatic picks: dot for small graphs, neato for mid-size, sfdp beyond.
Layout choose_layout(std::size_t nodes, std::size_t edges);

// Lays the graph out and renders it in this process (no external `dot`). Graphviz is not
// thread-safe: calls are serialised on one lock. An Error when the layout or renderer fails.
expected<std::string, Error> render_graph(const ExportGraph& input, RenderFormat format,
                                               Layout layout, const DotOptions& options = {});

// ---- Interchange formats -------------------------------------------------------------------

// GraphML with a typed <key> per attribute (CAMEO codes are strings, booleans lowercase),
// unique edge ids, parallel edges kept; `label` and `weight` as Gephi expects.
std::string write_graphml(const ExportGraph& input, CameoNamer cameo_name = nullptr);

// GEXF 1.3 in dynamic mode (timeformat="date"): nodes start at their first event, event edges
// carry start=end=the event's date, dyad edges start=first and end=last.
std::string write_gexf(const ExportGraph& input, CameoNamer cameo_name = nullptr);

// Cytoscape.js / Cytoscape desktop (.cyjs) JSON: {"elements":{"nodes":[...],"edges":[...]}},
// nodes first, ids unique across nodes and edges together.
std::string write_cytoscape(const ExportGraph& input, CameoNamer cameo_name = nullptr);

// nodes.csv and edges.csv (RFC 4180 quoting, header row), for pandas and Neo4j LOAD CSV.
struct CsvFiles {
  std::string nodes;
  std::string edges;
};
CsvFiles write_csv(const ExportGraph& input, CameoNamer cameo_name = nullptr);

// The events as a GDELT-like TSV with a header row (docs/FORMATS.md lists the columns); tabs
// and line breaks inside text fields become spaces so every event is one line.
std::string write_events_tsv(const GraphData& graph);

// ---- One entry point for the CLI ----------------------------------------------------------

enum class Format { dot, svg, png, pdf, graphml, gexf, json, cytoscape, csv, events };

std::optional<Format> format_from_string(std::string_view name);
std::string_view to_string(Format format);

struct ExportOptions {
  Layout layout = Layout::automatic;
  std::string edges_key = "links";  // node-link JSON: "links" (networkx 2.x) or "edges" (3.x)
  CameoNamer cameo_name = nullptr;
};

// One output file: `name` is empty for single-file formats, "nodes.csv"/"edges.csv" for csv.
struct ExportFile {
  std::string name;
  std::string content;
};

expected<std::vector<ExportFile>, Error> export_graph(const ExportGraph& input,
                                                           Format format,
                                                           const ExportOptions& options = {});

// Writes the export to `path` (for csv, the directory, created if missing, that receives
// nodes.csv and edges.csv). Text formats stream out in 1 MiB chunks, so memory stays flat at a
// million edges. Each file is written as PATH.tmp-PID and renamed over PATH when complete: an
// interrupted run never leaves a half file. Errors name the path.
expected<void, Error> export_to_path(const ExportGraph& input, Format format,
                                     const std::string& path, const ExportOptions& options = {});

}  // namespace diplograph::io
