// Node-link graph files; whatever parses must also build a graph and write back.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diplograph/graph/knowledge_graph.hpp"
#include "diplograph/io/graph_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  auto parsed = io::parse_graph_json({reinterpret_cast<const char*>(data), size}, "fuzz.json");
  if (!parsed) return 0;
  const auto g = graph::KnowledgeGraph::from_data(*parsed);
  (void)io::graph_json(g.to_data());
  (void)g.dyads();
  return 0;
}
