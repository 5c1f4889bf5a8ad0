// export_graph: one entry point from a format name to the writer, for the CLI.
#include <string>

#include "diplograph/io/export.hpp"
#include "diplograph/io/graph_json.hpp"

namespace diplograph::io {
namespace {

struct FormatName {
  Format format;
  std::string_view name;
};
constexpr FormatName kFormats[] = {
    {Format::dot, "dot"},         {Format::svg, "svg"},         {Format::png, "png"},
    {Format::pdf, "pdf"},         {Format::graphml, "graphml"}, {Format::gexf, "gexf"},
    {Format::json, "json"},       {Format::cytoscape, "cytoscape"}, {Format::csv, "csv"},
    {Format::events, "events"},
};

}  // namespace

std::optional<Format> format_from_string(std::string_view name) {
  for (const auto& f : kFormats)
    if (f.name == name) return f.format;
  return std::nullopt;
}

std::string_view to_string(Format format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f.name;
  return "?";
}

expected<std::vector<ExportFile>, Error> export_graph(const ExportGraph& input, Format format,
                                                      const ExportOptions& options) {
  std::vector<ExportFile> files;
  auto one = [&](std::string content) {
    files.push_back({std::string{}, std::move(content)});
    return files;
  };
  DotOptions dot;
  dot.cameo_name = options.cameo_name;
  switch (format) {
    case Format::dot:
      return one(write_dot(input, dot));
    case Format::svg:
    case Format::png:
    case Format::pdf: {
      const RenderFormat render = format == Format::svg   ? RenderFormat::svg
                                  : format == Format::png ? RenderFormat::png
                                                          : RenderFormat::pdf;
      const std::size_t edges =
          input.edges == EdgeView::events ? input.graph.events.size() : input.dyads.size();
      // Edge labels make dot's layout slow beyond a few hundred edges (docs/PERFORMANCE.md);
      // tooltips still carry them in SVG.
      if (edges > 120) dot.edge_labels = EdgeLabels::hide;
      auto data = render_graph(input, render, options.layout, dot);
      if (!data) return unexpected(data.error());
      return one(std::move(*data));
    }
    case Format::graphml:
      return one(write_graphml(input, options.cameo_name));
    case Format::gexf:
      return one(write_gexf(input, options.cameo_name));
    case Format::cytoscape:
      return one(write_cytoscape(input, options.cameo_name));
    case Format::csv: {
      auto csv = write_csv(input, options.cameo_name);
      files.push_back({"nodes.csv", std::move(csv.nodes)});
      files.push_back({"edges.csv", std::move(csv.edges)});
      return files;
    }
    case Format::events:
      return one(write_events_tsv(input.graph));
    case Format::json: {
      // The graph file itself (graph_json.hpp): event-level only.
      if (input.edges == EdgeView::dyads)
        return unexpected(Error{"", 0, 0, "the node-link graph file has no dyad view"});
      GraphJsonOptions json;
      json.link_key = options.edges_key == "edges" ? LinkKey::edges : LinkKey::links;
      return one(graph_json(input.graph, json));
    }
  }
  return unexpected(Error{"", 0, 0, "unknown export format"});
}

}  // namespace diplograph::io
