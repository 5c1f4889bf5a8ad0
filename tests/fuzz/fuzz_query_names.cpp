// Actor names given to queries: resolution and "did you mean" on a small fixed graph.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "diplograph/graph/knowledge_graph.hpp"
#include "diplograph/graph/queries.hpp"

namespace {
diplograph::graph::KnowledgeGraph make_graph() {
  using namespace diplograph;
  GraphData data;
  auto actor = [&](std::string id, std::string name, std::string code, ActorKind kind) {
    Actor a;
    a.id = std::move(id);
    a.name = std::move(name);
    a.code = std::move(code);
    a.kind = kind;
    data.actors.push_back(std::move(a));
  };
  actor("person/lai-ching-te", "Lai Ching-te", "TWNGOV", ActorKind::person);
  actor("state/JPN", "Japan", "JPN", ActorKind::state);
  actor("state/TWN", "Taiwan", "TWN", ActorKind::state);
  actor("state/USA", "United States", "USA", ActorKind::state);
  Event e;
  e.source = {"state/JPN", "Japan", "JPN"};
  e.target = {"state/TWN", "Taiwan", "TWN"};
  e.cameo = "051";
  e.root = "05";
  e.quad = 1;
  data.events.push_back(e);
  return graph::KnowledgeGraph::from_data(data);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  static const auto g = make_graph();
  const auto found = graph::resolve_actor(g, {reinterpret_cast<const char*>(data), size});
  if (!found) (void)found.error().message(g);
  return 0;
}
