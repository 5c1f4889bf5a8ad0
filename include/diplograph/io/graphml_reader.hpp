// Reads GraphML back into a GraphData: the files diplograph's exporter writes (a round trip
// gives back the actors, events and affiliations, with the first provenance of each event), and
// GraphML from networkx, igraph or Gephi as well as their attribute names allow.
//
//   auto read = io::read_graphml_file("graph.graphml");   // expected<GraphmlGraph, Error>
//   if (!read) fail(read.error());          // malformed or truncated XML, entities: by line
//   for (const Error& e : read->errors) warn(e.to_string());  // bad values, dangling edges
//   use(read->graph);
//
// Mapping (docs/FORMATS.md "Imports"):
//   - an actor's id is the node's "id" attribute when one is declared (igraph keeps the original
//     ids there), else the node's XML id; name from "label" or "name"; code, country, kind,
//     title, aliases ("; "-separated) and state (an affiliation) by attribute name;
//   - an edge with a "cameo" attribute is an Event (cameo, root, quad, goldstein, date,
//     confidence, domestic, doc, sentence, evidence); an edge with "count" and no "cameo" (the
//     exporter's --aggregate view) is a Dyad; other edges are events with an empty code.
// The XML parser refuses every entity declaration and external DTD, so an entity-expansion
// bomb or an external entity is a clear error rather than exhausted memory or a file read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diplograph/expected.hpp"
#include "diplograph/model.hpp"

namespace diplograph::io {

struct GraphmlGraph {
  GraphData graph;           // actors by id; events by date, source, target, cameo
  std::vector<Dyad> dyads;   // edges of an aggregated (dyad) export
  bool directed = true;      // the graph's edgedefault
  std::vector<Error> errors; // values that did not parse, edges to undeclared nodes (loaded)
};

[[nodiscard]] expected<GraphmlGraph, Error> read_graphml(std::string_view text,
                                                         std::string_view file);
[[nodiscard]] expected<GraphmlGraph, Error> read_graphml_file(const std::string& path);

}  // namespace diplograph::io
