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

std::vector<double> betweenness_boost(const DyadGraph& dg, Direction direction) {
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
  return betweenness_boost(dg, Direction::out);
}

namespace {

// Brandes on adjacency bitsets, for small dense graphs such as the country graph (300 vertices,
// 14,000 pairs): each BFS level is found with word operations, and only the edges of the
// shortest-path DAG (u at level L to v at level L + 1) are visited one by one, where the list
// version visits every edge twice per source.
constexpr std::size_t kDenseLimit = 4096;

void betweenness_dense(std::size_t n, const std::vector<std::uint32_t>& offset,
                       const std::vector<Vertex>& adj, std::vector<double>& centrality) {
  const std::size_t words = (n + 63) / 64;
  std::vector<std::uint64_t> bits(n * words, 0);
  for (Vertex u = 0; u < n; ++u)
    for (std::uint32_t k = offset[u]; k < offset[u + 1]; ++k)
      bits[u * words + adj[k] / 64] |= std::uint64_t{1} << (adj[k] % 64);
  std::vector<double> sigma(n), coef(n), delta(n);
  std::vector<std::uint64_t> seen(words), next(words);
  std::vector<Vertex> order;            // vertices in BFS order
  std::vector<std::size_t> level_start;  // where each level begins in `order`
  std::vector<std::uint64_t> level_bits;  // per level, its vertices as a bitset
  order.reserve(n);
  for (Vertex s = 0; s < n; ++s) {
    order.assign(1, s);
    level_start.assign({0, 1});
    std::fill(seen.begin(), seen.end(), 0);
    seen[s / 64] |= std::uint64_t{1} << (s % 64);
    level_bits.assign(words, 0);
    level_bits[s / 64] |= std::uint64_t{1} << (s % 64);
    sigma[s] = 1.0;
    for (std::size_t level = 0;; ++level) {
      std::fill(next.begin(), next.end(), 0);
      for (std::size_t i = level_start[level]; i < level_start[level + 1]; ++i) {
        const Vertex u = order[i];
        const std::uint64_t* row = &bits[u * words];
        for (std::size_t w = 0; w < words; ++w) next[w] |= row[w] & ~seen[w];
      }
      bool any = false;
      for (std::size_t w = 0; w < words; ++w) any = any || next[w] != 0;
      if (!any) break;
      for (std::size_t w = 0; w < words; ++w) {
        seen[w] |= next[w];
        for (std::uint64_t x = next[w]; x; x &= x - 1) {
          const auto v = static_cast<Vertex>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(x)));
          order.push_back(v);
          sigma[v] = 0.0;
        }
      }
      // sigma over the DAG edges from this level into the next.
      for (std::size_t i = level_start[level]; i < level_start[level + 1]; ++i) {
        const Vertex u = order[i];
        const std::uint64_t* row = &bits[u * words];
        for (std::size_t w = 0; w < words; ++w)
          for (std::uint64_t x = row[w] & next[w]; x; x &= x - 1)
            sigma[w * 64 + static_cast<std::size_t>(__builtin_ctzll(x))] += sigma[u];
      }
      level_bits.insert(level_bits.end(), next.begin(), next.end());
      level_start.push_back(order.size());
    }
    // Dependencies, deepest level first: delta[w] = sigma[w] * sum over DAG successors v of
    // (1 + delta[v]) / sigma[v].
    const std::size_t levels = level_start.size() - 1;
    for (std::size_t level = levels; level-- > 0;) {
      const std::uint64_t* below = level + 1 < levels ? &level_bits[(level + 1) * words] : nullptr;
      for (std::size_t i = level_start[level]; i < level_start[level + 1]; ++i) {
        const Vertex u = order[i];
        double sum = 0.0;
        if (below) {
          const std::uint64_t* row = &bits[u * words];
          for (std::size_t w = 0; w < words; ++w)
            for (std::uint64_t x = row[w] & below[w]; x; x &= x - 1)
              sum += coef[w * 64 + static_cast<std::size_t>(__builtin_ctzll(x))];
        }
        delta[u] = sigma[u] * sum;
        coef[u] = (1.0 + delta[u]) / sigma[u];
        if (u != s) centrality[u] += delta[u];
      }
    }
  }
}

}  // namespace

// Brandes' algorithm on flat arrays of the simple graph the direction sees. Dependencies are
// accumulated over successors (dist + 1) in reverse BFS order, so no predecessor lists are
// needed. boost::brandes_betweenness_centrality (betweenness_boost) stays as the tests' second
// reference.
std::vector<double> betweenness(const DyadGraph& dg, Direction direction) {
  const DyadGraph::Impl& g = dg.impl();
  const std::size_t n = g.names.size();
  std::vector<std::uint32_t> offset(n + 1, 0);
  std::vector<Vertex> adj;
  {
    std::vector<Vertex> mark(n, ~Vertex{0});
    for (Vertex u = 0; u < n; ++u) {
      // In is the reverse graph, whose betweenness equals the original's; use out for both.
      g.for_each_step(u, direction == Direction::both ? Direction::both : Direction::out,
                      [&](Vertex v, std::uint32_t, bool) {
                        if (v != u && mark[v] != u) {
                          mark[v] = u;
                          adj.push_back(v);
                        }
                      });
      offset[u + 1] = static_cast<std::uint32_t>(adj.size());
    }
  }
  std::vector<double> centrality(n, 0.0), sigma(n), delta(n);
  if (n > 0 && n <= kDenseLimit && adj.size() >= 8 * n) {
    betweenness_dense(n, offset, adj, centrality);
    if (direction == Direction::both)
      for (double& c : centrality) c /= 2.0;
    return centrality;
  }
  std::vector<std::int32_t> dist(n, -1);
  std::vector<Vertex> order;
  order.reserve(n);
  for (Vertex s = 0; s < n; ++s) {
    order.clear();
    order.push_back(s);
    dist[s] = 0;
    sigma[s] = 1.0;
    for (std::size_t head = 0; head < order.size(); ++head) {
      const Vertex u = order[head];
      for (std::uint32_t k = offset[u]; k < offset[u + 1]; ++k) {
        const Vertex v = adj[k];
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          sigma[v] = 0.0;
          order.push_back(v);
        }
        if (dist[v] == dist[u] + 1) sigma[v] += sigma[u];
      }
    }
    for (std::size_t i = order.size(); i-- > 0;) {
      const Vertex w = order[i];
      double d = 0.0;
      for (std::uint32_t k = offset[w]; k < offset[w + 1]; ++k) {
        const Vertex v = adj[k];
        if (dist[v] == dist[w] + 1) d += sigma[w] / sigma[v] * (1.0 + delta[v]);
      }
      delta[w] = d;
      if (w != s) centrality[w] += d;
    }
    for (Vertex v : order) {
      dist[v] = -1;
      delta[v] = 0.0;
    }
  }
  // Each unordered pair was counted from both ends; networkx counts it once.
  if (direction == Direction::both)
    for (double& c : centrality) c /= 2.0;
  return centrality;
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
