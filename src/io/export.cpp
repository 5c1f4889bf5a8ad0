// export_graph and export_to_path: one entry point from a format name to the writer, for the
// CLI. export_to_path streams the text writers to PATH.tmp-PID in 1 MiB chunks and renames the
// file into place only when it is complete.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "diplograph/io/export.hpp"
#include "diplograph/io/graph_json.hpp"
#include "write_common.hpp"

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

// A file written as PATH.tmp-PID and renamed over PATH by commit(); removed if never committed.
class AtomicFile {
 public:
  // A device or FIFO (/dev/full, a named pipe) is written in place: a rename would replace it.
  explicit AtomicFile(std::filesystem::path path)
      : m_path(std::move(path)),
        m_in_place(detail::is_special_file(m_path.string())),
        m_tmp(m_in_place ? m_path.string() : m_path.string() + fmt::format(".tmp-{}", ::getpid())) {
    m_file = std::fopen(m_tmp.c_str(), "wb");
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile() {
    if (m_file) std::fclose(m_file);
    if (!m_committed && !m_in_place) {
      std::error_code ignored;
      std::filesystem::remove(m_tmp, ignored);
    }
  }

  [[nodiscard]] std::FILE* file() const { return m_file; }
  [[nodiscard]] Error error(std::string_view what) const {
    return Error{m_path.string(), 0, 0, std::string(what)};
  }

  expected<void, Error> commit() {
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!closed) return unexpected(error(fmt::format("write failed: {}", std::strerror(errno))));
    if (m_in_place) {
      m_committed = true;
      return {};
    }
    std::error_code ec;
    std::filesystem::rename(m_tmp, m_path, ec);
    if (ec) return unexpected(error(fmt::format("cannot rename into place: {}", ec.message())));
    m_committed = true;
    return {};
  }

 private:
  std::filesystem::path m_path;
  bool m_in_place = false;
  std::filesystem::path m_tmp;
  std::FILE* m_file = nullptr;
  bool m_committed = false;
};

template <typename Write>
expected<void, Error> stream_to(const std::filesystem::path& path, Write&& write) {
  AtomicFile file(path);
  if (!file.file())
    return unexpected(file.error(fmt::format("cannot create: {}", std::strerror(errno))));
  detail::Sink sink;
  sink.file = file.file();
  write(sink);
  sink.flush();
  if (sink.failed) return unexpected(file.error(fmt::format("write failed: {}", std::strerror(errno))));
  return file.commit();
}

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

namespace diplograph::io {

expected<void, Error> export_to_path(const ExportGraph& input, Format format,
                                     const std::string& path, const ExportOptions& options) {
  const CameoNamer namer = options.cameo_name;
  switch (format) {
    case Format::graphml:
      return stream_to(path, [&](detail::Sink& s) { detail::write_graphml_to(input, namer, s); });
    case Format::gexf:
      return stream_to(path, [&](detail::Sink& s) { detail::write_gexf_to(input, namer, s); });
    case Format::cytoscape:
      return stream_to(path,
                       [&](detail::Sink& s) { detail::write_cytoscape_to(input, namer, s); });
    case Format::events:
      return stream_to(path, [&](detail::Sink& s) { detail::write_events_to(input.graph, s); });
    case Format::dot: {
      DotOptions dot;
      dot.cameo_name = namer;
      return stream_to(path, [&](detail::Sink& s) { detail::write_dot_to(input, dot, s); });
    }
    case Format::csv: {
      const std::filesystem::path dir = path;
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (!std::filesystem::is_directory(dir, ec))
        return unexpected(Error{path, 0, 0, "not a directory (csv writes nodes.csv and edges.csv "
                                            "into the directory -o names)"});
      AtomicFile nodes(dir / "nodes.csv");
      AtomicFile edges(dir / "edges.csv");
      if (!nodes.file() || !edges.file())
        return unexpected(Error{path, 0, 0, fmt::format("cannot create: {}", std::strerror(errno))});
      detail::Sink node_sink, edge_sink;
      node_sink.file = nodes.file();
      edge_sink.file = edges.file();
      detail::write_csv_to(input, namer, node_sink, edge_sink);
      if (node_sink.failed || edge_sink.failed)
        return unexpected(Error{path, 0, 0, fmt::format("write failed: {}", std::strerror(errno))});
      if (auto ok = nodes.commit(); !ok) return ok;
      return edges.commit();
    }
    case Format::svg:
    case Format::png:
    case Format::pdf:
    case Format::json:
      break;
  }
  // Rendered diagrams and the graph file come whole from their libraries.
  auto files = export_graph(input, format, options);
  if (!files) return unexpected(files.error());
  return stream_to(path, [&](detail::Sink& s) { s.text = std::move(files->front().content); });
}

}  // namespace diplograph::io
