// The graph file: node-link JSON that networkx.node_link_graph reads as it is (networkx 2.8 with
// the default "links", 3.x with edges="links" or, when written with LinkKey::edges, by default).
//
//   {"directed": true, "multigraph": true,
//    "graph": {"format": "diplograph", "format_version": 1, "documents": [{"id": ..., "text_hash": ...}]},
//    "nodes": [{"id": "state/JPN", "name": "Japan", "code": "JPN", "country": "JPN", "kind": "state"}],
//    "links": [{"source": "state/JPN", "target": "state/TWN", "key": 0, "type": "event",
//               "cameo": "051", "root": "05", "quad": 1, "goldstein": 3.4, "date": "2024-08-16",
//               "confidence": 0.9, "domestic": false, "doc": "d1", "sentence": 2, "evidence": "...",
//               "provenance": [{"doc": "d1", "sentence": 2, "start": 312, "end": 398, "evidence": "..."}]},
//              {"source": "person/fumio-kishida", "target": "state/JPN", "key": 0, "type": "affiliation"}]}
//
// "doc", "sentence" and "evidence" repeat the first provenance so that tools which ignore lists
// still see where an event came from. Reading gives back exactly the GraphData written (a round
// trip is the identity on data from KnowledgeGraph::to_data()). Files of a newer format_version
// are refused.
//
//   auto data = io::read_graph_json("graph.json");          // expected<GraphData, Error>
//   auto ok = io::write_graph_json("out.json", *data, {});   // temporary file, then rename
#pragma once

#include "diplograph/expected.hpp"
#include <string>
#include <string_view>

#include "diplograph/model.hpp"

namespace diplograph::io {

inline constexpr int kGraphFormatVersion = 1;

// Which member holds the edges: "links" (networkx 2.x default) or "edges" (networkx 3.6 default).
enum class LinkKey { links, edges };

struct GraphJsonOptions {
  LinkKey link_key = LinkKey::links;
};

// The whole file as text, keys in a fixed order: byte-stable for the same data.
std::string graph_json(const GraphData& data, const GraphJsonOptions& options = {});

// Parses a graph file; `file` names it in errors. Accepts "links" or "edges".
expected<GraphData, Error> parse_graph_json(std::string_view text, std::string_view file);

expected<GraphData, Error> read_graph_json(const std::string& path);

// Writes to PATH.tmp-PID in the same directory, then renames it over PATH.
expected<void, Error> write_graph_json(const std::string& path, const GraphData& data,
                                            const GraphJsonOptions& options = {});

// True when `text` (the start of a file is enough) looks like a node-link graph file rather than
// JSON Lines: a JSON object whose first line is not a whole object, or one with a "nodes" key.
bool looks_like_graph_json(std::string_view text);

}  // namespace diplograph::io
