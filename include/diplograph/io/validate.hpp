// Checks a graph file against the rules its readers need (issue 6, DESIGN.md "Exports"), so a
// file that Gephi would half-read or networkx silently empty is caught before anyone loads it:
//
//   GraphML  the GraphML namespace, a <graph> with edgedefault, every <key> with an id, for=,
//            attr.name= and a known attr.type= (for="all" is flagged: Gephi reads it as
//            node-only), every <data> pointing at a key for its element, values that parse as
//            their type (booleans "true"/"false"), unique node ids, unique edge ids, edges
//            between existing nodes, CAMEO codes declared as strings.
//   GEXF     the GEXF 1.3 namespace and version="1.3", declared attributes with known types,
//            unique node and edge ids, edges between existing nodes, attvalues that parse,
//            dates (start/end) that parse under timeformat="date".
//   JSON     node-link (networkx): an object with "nodes" and "links" or "edges", unique node
//            ids, links between existing nodes, unique (source, target, key) in a multigraph,
//            CAMEO codes as strings; Cytoscape.js elements: ids unique across nodes and edges,
//            edges between existing nodes.
//   DOT      parses with Graphviz's own parser (cgraph agmemread).
//
//   auto v = io::validate_graph_file("graph.graphml");   // expected<Validation, Error>
//   if (!v) fail(v.error());                               // unreadable, unknown format
//   for (const Error& p : v->problems) print(p.to_string());   // "graph.graphml:12: ..."
//   return v->ok() ? 0 : 1;
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/expected.hpp"
#include "diplograph/model.hpp"

namespace diplograph::io {

enum class GraphFileFormat { graphml, gexf, json, dot };
[[nodiscard]] std::string_view to_string(GraphFileFormat format);
[[nodiscard]] std::optional<GraphFileFormat> graph_file_format_from_string(std::string_view name);

// The format of a graph file: by extension (.graphml .xml .gexf .json .dot .gv), else by
// content (the XML root element, a leading '{' or '[', "digraph"/"graph").
[[nodiscard]] std::optional<GraphFileFormat> detect_graph_file(std::string_view path,
                                                               std::string_view first_bytes);

struct Validation {
  GraphFileFormat format = GraphFileFormat::graphml;
  std::size_t nodes = 0;
  std::size_t edges = 0;
  std::vector<Error> problems;  // in file order; each names the file and line
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Parse failures (malformed or truncated XML or JSON, DOT syntax errors) are problems, not
// failures: the result says where. Fails only when the file cannot be read or its format is
// neither given nor recognisable.
[[nodiscard]] expected<Validation, Error> validate_graph_file(
    const std::string& path, std::optional<GraphFileFormat> format = std::nullopt);
[[nodiscard]] Validation validate_graph_text(std::string_view text, std::string_view file,
                                             GraphFileFormat format);

}  // namespace diplograph::io
