// The aggregated snapshot: one edge per ordered pair, stored in a Boost.Graph compressed sparse
// row graph (bidirectional, so in-edges are as cheap as out-edges).
#include <algorithm>
#include <numeric>

#include "diplograph/graph/queries.hpp"
#include "graph/dyad_graph_impl.hpp"

namespace diplograph::graph {

namespace {

// Accumulates the edges of one source vertex: a dense marker array finds the slot of a target
// in O(1), so aggregating E events costs O(E) plus a small sort per source.
class EdgeAccumulator {
 public:
  explicit EdgeAccumulator(std::size_t n) : m_mark(n, kNone), m_slot(n, 0) {}
  DyadEdge& at(Vertex source, Vertex target, std::vector<DyadEdge>& edges) {
    if (m_mark[target] != source) {
      m_mark[target] = source;
      m_slot[target] = edges.size();
      edges.push_back(DyadEdge{source, target, 0, 0, 0, 0.0, false});
    }
    return edges[m_slot[target]];
  }

 private:
  static constexpr Vertex kNone = ~Vertex{0};
  std::vector<Vertex> m_mark;
  std::vector<std::size_t> m_slot;
};

}  // namespace

void DyadGraph::Impl::finish() {
  const std::size_t n = names.size();
  by_name.resize(n);
  std::iota(by_name.begin(), by_name.end(), Vertex{0});
  std::sort(by_name.begin(), by_name.end(),
            [this](Vertex a, Vertex b) { return names[a] < names[b]; });
  std::vector<std::pair<Vertex, Vertex>> pairs;
  std::vector<EdgeIndex> props;
  pairs.reserve(edges.size());
  props.reserve(edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    pairs.emplace_back(edges[i].source, edges[i].target);
    props.push_back(EdgeIndex{static_cast<std::uint32_t>(i)});
  }
  csr = Csr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), props.begin(), n);
}

DyadGraph::DyadGraph(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DyadGraph::DyadGraph(DyadGraph&&) noexcept = default;
DyadGraph& DyadGraph::operator=(DyadGraph&&) noexcept = default;
DyadGraph::~DyadGraph() = default;

DyadGraph::DyadGraph(const KnowledgeGraph& graph, Affiliations affiliations)
    : m_impl(std::make_unique<Impl>()) {
  Impl& m = *m_impl;
  const std::size_t n = graph.actor_count();
  // Vertices in actor-id order, so that results never depend on the order of the input.
  m.actor_of.resize(n);
  std::iota(m.actor_of.begin(), m.actor_of.end(), ActorIndex{0});
  std::sort(m.actor_of.begin(), m.actor_of.end(), [&](ActorIndex a, ActorIndex b) {
    return graph.actor(a).id < graph.actor(b).id;
  });
  m.vertex_of.resize(n);
  m.names.reserve(n);
  for (Vertex v = 0; v < n; ++v) {
    m.vertex_of[m.actor_of[v]] = v;
    m.names.push_back(graph.actor(m.actor_of[v]).id);
  }

  // Bucket the events by source vertex (counting sort), then aggregate each bucket.
  const auto& events = graph.events();
  std::vector<std::size_t> offset(n + 1, 0);
  for (const StoredEvent& e : events) ++offset[m.vertex_of[e.source] + 1];
  std::partial_sum(offset.begin(), offset.end(), offset.begin());
  std::vector<std::uint32_t> bucket(events.size());
  {
    std::vector<std::size_t> fill(offset.begin(), offset.end() - 1);
    for (std::size_t i = 0; i < events.size(); ++i)
      bucket[fill[m.vertex_of[events[i].source]]++] = static_cast<std::uint32_t>(i);
  }
  std::vector<std::vector<Vertex>> affiliated(affiliations == Affiliations::follow ? n : 0);
  if (affiliations == Affiliations::follow)
    for (const auto& [member, state] : graph.affiliations())
      affiliated[m.vertex_of[member]].push_back(m.vertex_of[state]);

  EdgeAccumulator acc(n);
  m.edges.reserve(events.size() / 2 + 16);
  for (Vertex u = 0; u < n; ++u) {
    const std::size_t first_edge = m.edges.size();
    for (std::size_t k = offset[u]; k < offset[u + 1]; ++k) {
      const StoredEvent& e = events[bucket[k]];
      DyadEdge& d = acc.at(u, m.vertex_of[e.target], m.edges);
      ++d.count;
      if (e.quad == 1 || e.quad == 2) ++d.cooperation;
      if (e.quad == 3 || e.quad == 4) ++d.conflict;
      d.goldstein_sum += e.goldstein;
    }
    if (!affiliated.empty())
      for (Vertex s : affiliated[u]) acc.at(u, s, m.edges).affiliation = true;
    std::sort(m.edges.begin() + static_cast<std::ptrdiff_t>(first_edge), m.edges.end(),
              [](const DyadEdge& a, const DyadEdge& b) { return a.target < b.target; });
  }
  m.finish();
}

DyadGraph::DyadGraph(std::vector<std::string> names, std::vector<DyadEdge> edges)
    : m_impl(std::make_unique<Impl>()) {
  Impl& m = *m_impl;
  m.names = std::move(names);
  const std::size_t n = m.names.size();
  m.actor_of.resize(n);
  std::iota(m.actor_of.begin(), m.actor_of.end(), ActorIndex{0});
  m.vertex_of = m.actor_of;
  std::sort(edges.begin(), edges.end(), [](const DyadEdge& a, const DyadEdge& b) {
    return std::tie(a.source, a.target) < std::tie(b.source, b.target);
  });
  for (const DyadEdge& e : edges) {
    if (!m.edges.empty() && m.edges.back().source == e.source && m.edges.back().target == e.target) {
      DyadEdge& d = m.edges.back();
      d.count += e.count;
      d.cooperation += e.cooperation;
      d.conflict += e.conflict;
      d.goldstein_sum += e.goldstein_sum;
      d.affiliation = d.affiliation || e.affiliation;
    } else {
      m.edges.push_back(e);
    }
  }
  m.finish();
}

std::size_t DyadGraph::vertex_count() const { return m_impl->names.size(); }
std::size_t DyadGraph::edge_count() const { return m_impl->edges.size(); }
const std::string& DyadGraph::name(Vertex v) const { return m_impl->names[v]; }
Vertex DyadGraph::vertex(ActorIndex actor) const { return m_impl->vertex_of[actor]; }
ActorIndex DyadGraph::actor(Vertex v) const { return m_impl->actor_of[v]; }
const std::vector<DyadEdge>& DyadGraph::edges() const { return m_impl->edges; }

std::optional<Vertex> DyadGraph::find(std::string_view id) const {
  const Impl& m = *m_impl;
  auto it = std::lower_bound(m.by_name.begin(), m.by_name.end(), id,
                             [&m](Vertex v, std::string_view x) { return m.names[v] < x; });
  if (it != m.by_name.end() && m.names[*it] == id) return *it;
  return std::nullopt;
}

DyadGraph DyadGraph::induced(const std::vector<Vertex>& keep) const {
  const Impl& m = *m_impl;
  std::vector<Vertex> order = keep;
  std::sort(order.begin(), order.end(),
            [&m](Vertex a, Vertex b) { return m.names[a] < m.names[b] || (m.names[a] == m.names[b] && a < b); });
  order.erase(std::unique(order.begin(), order.end()), order.end());
  constexpr Vertex kOut = ~Vertex{0};
  std::vector<Vertex> remap(m.names.size(), kOut);
  auto sub = std::make_unique<Impl>();
  for (Vertex i = 0; i < order.size(); ++i) {
    remap[order[i]] = i;
    sub->names.push_back(m.names[order[i]]);
    sub->actor_of.push_back(m.actor_of[order[i]]);
  }
  sub->vertex_of.assign(m.vertex_of.size(), kOut);
  for (Vertex i = 0; i < order.size(); ++i) sub->vertex_of[sub->actor_of[i]] = i;
  for (Vertex i = 0; i < order.size(); ++i) {
    const Vertex u = order[i];
    const std::size_t first = sub->edges.size();
    for (auto e : boost::make_iterator_range(boost::out_edges(u, m.csr))) {
      const Vertex v = static_cast<Vertex>(boost::target(e, m.csr));
      if (remap[v] == kOut) continue;
      DyadEdge d = m.edges[m.csr[e].index];
      d.source = i;
      d.target = remap[v];
      sub->edges.push_back(d);
    }
    std::sort(sub->edges.begin() + static_cast<std::ptrdiff_t>(first), sub->edges.end(),
              [](const DyadEdge& a, const DyadEdge& b) { return a.target < b.target; });
  }
  sub->finish();
  return DyadGraph(std::move(sub));
}

}  // namespace diplograph::graph
