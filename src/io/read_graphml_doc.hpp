// A GraphML file as parsed, before any meaning is given to it: keys, nodes and edges with their
// data values and line numbers. The GraphML reader turns it into GraphData; `validate` checks it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/expected.hpp"
#include "diplograph/model.hpp"

namespace diplograph::io::detail {

struct GraphmlKey {
  std::string id;
  std::optional<std::string> for_;       // node, edge, graph, all, ...
  std::optional<std::string> name;       // attr.name
  std::optional<std::string> type;       // attr.type
  std::optional<std::string> default_value;
  std::size_t line = 0;
};

struct GraphmlData {
  std::string key;  // the key id as written
  std::string value;
  std::size_t line = 0;
  bool complex = false;  // had child elements (yEd's <y:ShapeNode>...): value not meaningful
};

struct GraphmlElement {
  std::optional<std::string> id;
  std::string source;  // edges only
  std::string target;
  std::size_t line = 0;
  std::vector<GraphmlData> data;
};

struct GraphmlDocument {
  std::string root;                  // the root element's name ("graphml")
  std::optional<std::string> xmlns;  // its default namespace
  std::size_t root_line = 1;
  std::size_t graphs = 0;            // <graph> elements
  std::optional<std::string> edgedefault;  // of the first <graph>
  std::size_t graph_line = 0;
  std::vector<GraphmlKey> keys;
  std::vector<GraphmlElement> nodes;  // nested graphs flattened
  std::vector<GraphmlElement> edges;
  std::size_t hyperedges = 0;
};

inline constexpr std::string_view kGraphmlNamespace = "http://graphml.graphdrawing.org/xmlns";

// Parses the XML (entities refused, truncation reported by line) and collects the structure.
expected<GraphmlDocument, Error> parse_graphml_document(std::string_view text,
                                                        std::string_view file);

// The whole file in memory; an Error naming it when it cannot be read.
expected<std::string, Error> read_file_bytes(const std::string& path);

}  // namespace diplograph::io::detail
