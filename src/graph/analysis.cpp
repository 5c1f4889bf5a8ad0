// Neighbourhoods, PageRank, betweenness, degree and rankings on a DyadGraph.
#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>

#include "diplograph/graph/queries.hpp"
#include "graph/dyad_graph_impl.hpp"

namespace diplograph::graph {

Neighborhood neighbors(const DyadGraph& dg, Vertex start, std::size_t hops, Direction direction,
                       std::size_t limit) {
  const DyadGraph::Impl& g = dg.impl();
  Neighborhood out;
  if (start >= g.names.size()) return out;
  std::vector<char> in_set(g.names.size(), 0);
  in_set[start] = 1;
  out.members.push_back({start, 0});
  std::vector<Vertex> frontier{start};
  for (std::size_t depth = 1; depth <= hops && !frontier.empty(); ++depth) {
    std::vector<Vertex> next;
    for (Vertex u : frontier)
      g.for_each_step(u, direction, [&](Vertex v, std::uint32_t, bool) {
        if (!in_set[v]) {
          in_set[v] = 1;
          next.push_back(v);
        }
      });
    std::sort(next.begin(), next.end(),
              [&g](Vertex a, Vertex b) { return g.names[a] < g.names[b]; });
    if (limit != 0 && out.members.size() + next.size() > limit) {
      const std::size_t room = limit - std::min(limit, out.members.size());
      for (std::size_t i = room; i < next.size(); ++i) in_set[next[i]] = 0;
      next.resize(room);
      out.truncated = true;
    }
    for (Vertex v : next) out.members.push_back({v, depth});
    if (out.truncated) break;
    frontier = std::move(next);
  }
  for (const Neighbor& m : out.members)
    for (auto e : boost::make_iterator_range(boost::out_edges(m.vertex, g.csr)))
      if (in_set[boost::target(e, g.csr)]) ++out.induced_edges;
  return out;
}

std::optional<std::vector<double>> pagerank(const DyadGraph& dg, const PageRankOptions& options) {
  const DyadGraph::Impl& g = dg.impl();
  const std::size_t n = g.names.size();
  if (n == 0) return std::vector<double>{};
  // Weighted adjacency as flat arrays: for each source, (target, weight / out-weight).
  struct Arc {
    Vertex target;
    double weight;
  };
  std::vector<std::size_t> offset(n + 1, 0);
  std::vector<Arc> arcs;
  auto weight_of = [](const DyadEdge& e) {
    return static_cast<double>(e.count) + (e.affiliation ? 1.0 : 0.0);
  };
  if (options.direction == Direction::both) {
    // Undirected: one symmetric weight per pair, the events of both directions added.
    std::vector<std::vector<Arc>> adj(n);
    for (const DyadEdge& e : g.edges) {
      const double w = weight_of(e);
      adj[e.source].push_back({e.target, w});
      if (e.source != e.target) adj[e.target].push_back({e.source, w});
    }
    for (Vertex u = 0; u < n; ++u) {
      auto& a = adj[u];
      std::sort(a.begin(), a.end(), [](const Arc& x, const Arc& y) { return x.target < y.target; });
      for (const Arc& x : a) {
        if (!arcs.empty() && offset[u] < arcs.size() && arcs.back().target == x.target)
          arcs.back().weight += x.weight;
        else
          arcs.push_back(x);
      }
      offset[u + 1] = arcs.size();
    }
  } else {
    // Edges are sorted by source; for Direction::in, sort the reversed arcs the same way.
    const bool reverse = options.direction == Direction::in;
    std::vector<std::pair<Vertex, Arc>> list;
    list.reserve(g.edges.size());
    for (const DyadEdge& e : g.edges)
      list.push_back(reverse ? std::pair{e.target, Arc{e.source, weight_of(e)}}
                             : std::pair{e.source, Arc{e.target, weight_of(e)}});
    if (reverse)
      std::stable_sort(list.begin(), list.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
    arcs.reserve(list.size());
    for (const auto& [from, arc] : list) {
      ++offset[from + 1];
      arcs.push_back(arc);
    }
    std::partial_sum(offset.begin(), offset.end(), offset.begin());
  }
  std::vector<char> dangling(n, 0);
  for (Vertex u = 0; u < n; ++u) {
    double total = 0.0;
    for (std::size_t k = offset[u]; k < offset[u + 1]; ++k) total += arcs[k].weight;
    if (total == 0.0) {
      dangling[u] = 1;
    } else {
      for (std::size_t k = offset[u]; k < offset[u + 1]; ++k) arcs[k].weight /= total;
    }
  }
  const double nd = static_cast<double>(n);
  std::vector<double> x(n, 1.0 / nd), last(n);
  for (std::size_t iter = 0; iter < options.max_iterations; ++iter) {
    std::swap(x, last);
    double dangle = 0.0;
    for (Vertex u = 0; u < n; ++u)
      if (dangling[u]) dangle += last[u];
    const double base = (options.alpha * dangle + (1.0 - options.alpha)) / nd;
    std::fill(x.begin(), x.end(), base);
    for (Vertex u = 0; u < n; ++u) {
      const double share = options.alpha * last[u];
      for (std::size_t k = offset[u]; k < offset[u + 1]; ++k)
        x[arcs[k].target] += share * arcs[k].weight;
    }
    double err = 0.0;
    for (Vertex u = 0; u < n; ++u) err += std::fabs(x[u] - last[u]);
    if (err < nd * options.tolerance) return x;
  }
  return std::nullopt;
}

std::vector<double> betweenness(const DyadGraph& dg, Direction direction) {
  const DyadGraph::Impl& g = dg.impl();
  const std::size_t n = g.names.size();
  std::vector<double> centrality(n, 0.0);
  if (direction == Direction::both) {
    // The undirected simple graph of the pairs (self-loops lie on no shortest path).
    using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    Undirected u(n);
    std::vector<std::pair<Vertex, Vertex>> pairs;
    for (const DyadEdge& e : g.edges)
      if (e.source != e.target)
        pairs.emplace_back(std::min(e.source, e.target), std::max(e.source, e.target));
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    for (const auto& [a, b] : pairs) boost::add_edge(a, b, u);
    boost::brandes_betweenness_centrality(
        u, boost::centrality_map(boost::make_iterator_property_map(
               centrality.begin(), boost::get(boost::vertex_index, u))));
    // Boost already counts each unordered pair once on an undirected graph, as networkx does.
    return centrality;
  }
  if (direction == Direction::out) {
    boost::brandes_betweenness_centrality(
        g.csr, boost::centrality_map(boost::make_iterator_property_map(
                   centrality.begin(), boost::get(boost::vertex_index, g.csr))));
    return centrality;
  }
  // Direction::in: the same pairs reversed give the same betweenness (every shortest s -> t
  // path reversed is a shortest t -> s path), so the out-direction value is the answer.
  return betweenness(dg, Direction::out);
}

std::vector<std::size_t> degree(const DyadGraph& dg, Direction direction) {
  const DyadGraph::Impl& g = dg.impl();
  const std::size_t n = g.names.size();
  std::vector<std::size_t> out(n, 0);
  std::vector<Vertex> mark(n, ~Vertex{0});
  for (Vertex u = 0; u < n; ++u)
    g.for_each_step(u, direction, [&](Vertex v, std::uint32_t, bool) {
      if (v != u && mark[v] != u) {
        mark[v] = u;
        ++out[u];
      }
    });
  return out;
}

std::optional<RankBy> rank_by_from_string(std::string_view text) {
  if (text == "degree") return RankBy::degree;
  if (text == "pagerank") return RankBy::pagerank;
  if (text == "betweenness") return RankBy::betweenness;
  return std::nullopt;
}

std::vector<Ranked> rank(const DyadGraph& dg, RankBy by, Direction direction, std::size_t top) {
  const std::size_t n = dg.vertex_count();
  std::vector<double> score(n, 0.0);
  switch (by) {
    case RankBy::degree: {
      auto d = degree(dg, direction);
      for (std::size_t i = 0; i < n; ++i) score[i] = static_cast<double>(d[i]);
      break;
    }
    case RankBy::pagerank: {
      PageRankOptions o;
      o.direction = direction;
      o.tolerance = 1e-10;
      o.max_iterations = 1000;
      if (auto pr = pagerank(dg, o)) score = std::move(*pr);
      break;
    }
    case RankBy::betweenness: score = betweenness(dg, direction); break;
  }
  std::vector<Ranked> out(n);
  for (Vertex v = 0; v < n; ++v) out[v] = Ranked{v, score[v]};
  auto order = [&dg](const Ranked& a, const Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    return dg.name(a.vertex) < dg.name(b.vertex);
  };
  if (top != 0 && top < n) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(top), out.end(), order);
    out.resize(top);
  } else {
    std::sort(out.begin(), out.end(), order);
  }
  return out;
}

}  // namespace diplograph::graph
