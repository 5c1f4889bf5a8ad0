// Property tests: every query on many random small graphs against deliberately simple
// brute-force references (RE2's testing habit), over directed and undirected variants and every
// path weight (NetworKit's INSTANTIATE_TEST_SUITE_P habit).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "diplograph/graph/queries.hpp"
#include "graph/dyad_graph_impl.hpp"

namespace diplograph::graph {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Variant {
  Direction direction;
  PathWeight weight;
};

std::string variant_name(const testing::TestParamInfo<Variant>& info) {
  const char* d = info.param.direction == Direction::out ? "directed"
                  : info.param.direction == Direction::in ? "reversed"
                                                          : "undirected";
  const char* w[] = {"hops", "count", "cooperation", "conflict"};
  return std::string(d) + "_" + w[static_cast<int>(info.param.weight)];
}

DyadGraph random_graph(std::mt19937& rng, std::size_t n, double density, bool affiliations) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n; ++i) names.push_back("a" + std::to_string(i));
  std::vector<DyadEdge> edges;
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::uniform_int_distribution<std::uint32_t> small(0, 3);
  for (Vertex u = 0; u < n; ++u)
    for (Vertex v = 0; v < n; ++v) {
      if (coin(rng) >= density) continue;
      DyadEdge e;
      e.source = u;
      e.target = v;
      e.cooperation = small(rng);
      e.conflict = small(rng);
      e.count = e.cooperation + e.conflict + small(rng) / 2;
      e.affiliation = affiliations && coin(rng) < 0.15;
      if (e.count == 0 && !e.affiliation) e.count = 1;
      e.goldstein_sum = static_cast<double>(e.cooperation) - static_cast<double>(e.conflict);
      edges.push_back(e);
    }
  return DyadGraph(std::move(names), std::move(edges));
}

// The cheapest open step u -> v under a direction, by scanning every edge.
double step_cost_ref(const DyadGraph& g, Vertex u, Vertex v, Direction d, PathWeight w) {
  double best = kInf;
  for (const DyadEdge& e : g.edges()) {
    const bool fwd = e.source == u && e.target == v && d != Direction::in;
    const bool bwd = e.source == v && e.target == u && d != Direction::out;
    if (!fwd && !bwd) continue;
    if (auto c = edge_cost(e, w)) best = std::min(best, *c);
  }
  return best;
}

// Every simple path s -> t with its cost, by depth-first enumeration.
std::vector<std::pair<double, std::vector<Vertex>>> all_paths(const DyadGraph& g, Vertex s,
                                                              Vertex t, Direction d, PathWeight w) {
  const std::size_t n = g.vertex_count();
  std::vector<std::vector<double>> cost(n, std::vector<double>(n, kInf));
  for (Vertex u = 0; u < n; ++u)
    for (Vertex v = 0; v < n; ++v)
      if (u != v) cost[u][v] = step_cost_ref(g, u, v, d, w);
  std::vector<std::pair<double, std::vector<Vertex>>> out;
  std::vector<Vertex> path{s};
  std::vector<char> on(n, 0);
  on[s] = 1;
  auto dfs = [&](auto&& self, Vertex u, double c) -> void {
    if (u == t) {
      out.emplace_back(c, path);
      return;
    }
    for (Vertex v = 0; v < n; ++v) {
      if (on[v] || cost[u][v] == kInf) continue;
      on[v] = 1;
      path.push_back(v);
      self(self, v, c + cost[u][v]);
      path.pop_back();
      on[v] = 0;
    }
  };
  dfs(dfs, s, 0.0);
  std::sort(out.begin(), out.end());
  return out;
}

void expect_valid(const DyadGraph& g, const VertexPath& p, Vertex s, Vertex t, Direction d,
                  PathWeight w) {
  ASSERT_FALSE(p.vertices.empty());
  EXPECT_EQ(p.vertices.front(), s);
  EXPECT_EQ(p.vertices.back(), t);
  ASSERT_EQ(p.edges.size() + 1, p.vertices.size());
  std::set<Vertex> distinct(p.vertices.begin(), p.vertices.end());
  EXPECT_EQ(distinct.size(), p.vertices.size()) << "a path must be simple";
  double total = 0.0;
  for (std::size_t i = 0; i < p.edges.size(); ++i) {
    const DyadEdge& e = g.edges()[p.edges[i]];
    const Vertex u = p.vertices[i];
    const Vertex v = p.vertices[i + 1];
    if (p.forward[i]) {
      EXPECT_TRUE(e.source == u && e.target == v);
      EXPECT_NE(d, Direction::in);
    } else {
      EXPECT_TRUE(e.source == v && e.target == u);
      EXPECT_NE(d, Direction::out);
    }
    const auto c = edge_cost(e, w);
    ASSERT_TRUE(c.has_value());
    EXPECT_DOUBLE_EQ(*c, step_cost_ref(g, u, v, d, w)) << "each step uses the cheapest edge";
    total += *c;
  }
  EXPECT_NEAR(total, p.cost, 1e-9);
}

class PathProperty : public testing::TestWithParam<Variant> {};

TEST_P(PathProperty, ShortestAndKShortestMatchBruteForce) {
  const auto [direction, weight] = GetParam();
  std::mt19937 rng(1234);
  int checked_with_paths = 0;
  for (int round = 0; round < 150; ++round) {
    const std::size_t n = 2 + rng() % 7;
    const DyadGraph g = random_graph(rng, n, 0.15 + 0.05 * static_cast<double>(rng() % 6), round % 3 == 0);
    const auto s = static_cast<Vertex>(rng() % n);
    const auto t = static_cast<Vertex>(rng() % n);
    if (s == t) continue;
    const auto ref = all_paths(g, s, t, direction, weight);
    for (std::size_t max_hops : {std::size_t{0}, std::size_t{2}}) {
      std::vector<double> want;
      for (const auto& [c, p] : ref)
        if (max_hops == 0 || p.size() - 1 <= max_hops) want.push_back(c);
      for (std::size_t k : {std::size_t{1}, std::size_t{4}}) {
        PathOptions o;
        o.direction = direction;
        o.weight = weight;
        o.k = k;
        o.max_hops = max_hops;
        const auto got = find_paths(g, s, t, o);
        ASSERT_EQ(got.size(), std::min(k, want.size()))
            << "round " << round << " k " << k << " max_hops " << max_hops;
        std::set<std::vector<Vertex>> distinct;
        for (std::size_t i = 0; i < got.size(); ++i) {
          expect_valid(g, got[i], s, t, direction, weight);
          EXPECT_NEAR(got[i].cost, want[i], 1e-9) << "round " << round << " path " << i;
          if (max_hops) {
            EXPECT_LE(got[i].edges.size(), max_hops);
          }
          distinct.insert(got[i].vertices);
        }
        EXPECT_EQ(distinct.size(), got.size()) << "paths must differ";
        if (!got.empty()) ++checked_with_paths;
      }
    }
  }
  EXPECT_GT(checked_with_paths, 50) << "the random graphs must actually have paths";
}

TEST_P(PathProperty, NeighborhoodMatchesBruteForce) {
  const Direction direction = GetParam().direction;
  std::mt19937 rng(99);
  for (int round = 0; round < 100; ++round) {
    const std::size_t n = 1 + rng() % 9;
    const DyadGraph g = random_graph(rng, n, 0.2, round % 2 == 0);
    const auto start = static_cast<Vertex>(rng() % n);
    // Reference: hop distance by repeated relaxation over the edge list.
    std::vector<std::size_t> dist(n, SIZE_MAX);
    dist[start] = 0;
    for (std::size_t pass = 0; pass < n; ++pass)
      for (const DyadEdge& e : g.edges()) {
        if (direction != Direction::in && dist[e.source] != SIZE_MAX)
          dist[e.target] = std::min(dist[e.target], dist[e.source] + 1);
        if (direction != Direction::out && dist[e.target] != SIZE_MAX)
          dist[e.source] = std::min(dist[e.source], dist[e.target] + 1);
      }
    for (std::size_t hops : {1, 2, 3}) {
      const Neighborhood nb = neighbors(g, start, hops, direction, 0);
      std::map<Vertex, std::size_t> got;
      for (const auto& m : nb.members) got[m.vertex] = m.hops;
      std::map<Vertex, std::size_t> want;
      for (Vertex v = 0; v < n; ++v)
        if (dist[v] <= hops) want[v] = dist[v];
      EXPECT_EQ(got, want) << "round " << round << " hops " << hops;
      EXPECT_FALSE(nb.truncated);
      std::size_t induced = 0;
      for (const DyadEdge& e : g.edges())
        if (want.contains(e.source) && want.contains(e.target)) ++induced;
      EXPECT_EQ(nb.induced_edges, induced);
      // With a limit: the nearest come first, the count is capped, the flag says so.
      const Neighborhood cut = neighbors(g, start, hops, direction, 2);
      EXPECT_EQ(cut.members.size(), std::min<std::size_t>(2, want.size()));
      EXPECT_EQ(cut.truncated, want.size() > 2);
      for (std::size_t i = 1; i < cut.members.size(); ++i)
        EXPECT_LE(cut.members[i - 1].hops, cut.members[i].hops);
      for (const auto& m : cut.members) EXPECT_EQ(want.at(m.vertex), m.hops);
    }
  }
}

TEST_P(PathProperty, DegreeAndBetweennessMatchBruteForce) {
  const Direction direction = GetParam().direction;
  std::mt19937 rng(7);
  for (int round = 0; round < 80; ++round) {
    const std::size_t n = 1 + rng() % 8;
    const DyadGraph g = random_graph(rng, n, 0.3, false);
    // Adjacency of the simple graph the direction sees.
    std::vector<std::vector<char>> adj(n, std::vector<char>(n, 0));
    for (const DyadEdge& e : g.edges()) {
      if (e.source == e.target) continue;
      if (direction != Direction::in) adj[e.source][e.target] = 1;
      if (direction != Direction::out) adj[e.target][e.source] = 1;
    }
    const auto deg = degree(g, direction);
    for (Vertex u = 0; u < n; ++u)
      EXPECT_EQ(deg[u], static_cast<std::size_t>(std::count(adj[u].begin(), adj[u].end(), 1)));

    // Betweenness from its definition: sum over pairs of sigma_st(v) / sigma_st, with hop
    // distances and path counts from BFS on the simple graph. Reversal does not change it.
    std::vector<std::vector<char>> b(n, std::vector<char>(n, 0));
    for (const DyadEdge& e : g.edges()) {
      if (e.source == e.target) continue;
      b[e.source][e.target] = 1;
      if (direction == Direction::both) b[e.target][e.source] = 1;
    }
    std::vector<std::vector<std::size_t>> dist(n, std::vector<std::size_t>(n, SIZE_MAX));
    std::vector<std::vector<double>> sigma(n, std::vector<double>(n, 0.0));
    for (Vertex s = 0; s < n; ++s) {
      dist[s][s] = 0;
      sigma[s][s] = 1;
      for (std::size_t level = 0; level < n; ++level)
        for (Vertex u = 0; u < n; ++u)
          if (dist[s][u] == level)
            for (Vertex v = 0; v < n; ++v)
              if (b[u][v]) {
                if (dist[s][v] == SIZE_MAX) dist[s][v] = level + 1;
                if (dist[s][v] == level + 1) sigma[s][v] += sigma[s][u];
              }
    }
    std::vector<double> want(n, 0.0);
    for (Vertex s = 0; s < n; ++s)
      for (Vertex t = 0; t < n; ++t) {
        if (s == t || dist[s][t] == SIZE_MAX) continue;
        for (Vertex v = 0; v < n; ++v) {
          if (v == s || v == t || dist[s][v] == SIZE_MAX || dist[v][t] == SIZE_MAX) continue;
          if (dist[s][v] + dist[v][t] == dist[s][t])
            want[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
        }
      }
    if (direction == Direction::both)
      for (double& w : want) w /= 2.0;
    const auto got = betweenness(g, direction);
    const auto boost = betweenness_boost(g, direction);
    for (Vertex v = 0; v < n; ++v) {
      EXPECT_NEAR(got[v], want[v], 1e-9) << "round " << round;
      EXPECT_NEAR(boost[v], want[v], 1e-9) << "Boost's Brandes, round " << round;
    }
  }
}

// Dense graphs take the bitset version of Brandes (at least 8 pairs per vertex); Boost's
// implementation, checked against the definition above, is the reference here.
TEST_P(PathProperty, DenseBetweennessMatchesBoost) {
  const Direction direction = GetParam().direction;
  std::mt19937 rng(11);
  for (int round = 0; round < 12; ++round) {
    const std::size_t n = 20 + rng() % 80;  // crosses the 64-bit word boundary
    const DyadGraph g = random_graph(rng, n, 0.2 + 0.1 * static_cast<double>(round % 5), false);
    const auto got = betweenness(g, direction);
    const auto want = betweenness_boost(g, direction);
    for (Vertex v = 0; v < n; ++v) ASSERT_NEAR(got[v], want[v], 1e-7 * (1 + want[v])) << round;
  }
}

TEST_P(PathProperty, PageRankMatchesDenseReference) {
  const Direction direction = GetParam().direction;
  std::mt19937 rng(5);
  for (int round = 0; round < 60; ++round) {
    const std::size_t n = 1 + rng() % 8;
    const DyadGraph g = random_graph(rng, n, 0.25, round % 2 == 1);
    // Dense weight matrix W[u][v] as the direction sees it.
    std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
    for (const DyadEdge& e : g.edges()) {
      const double x = e.count + (e.affiliation ? 1.0 : 0.0);
      if (direction == Direction::out) w[e.source][e.target] += x;
      if (direction == Direction::in) w[e.target][e.source] += x;
      if (direction == Direction::both) {
        w[e.source][e.target] += x;
        if (e.source != e.target) w[e.target][e.source] += x;
      }
    }
    // The textbook Google matrix, iterated to a fixed point.
    const double alpha = 0.85;
    std::vector<double> x(n, 1.0 / n);
    for (int it = 0; it < 2000; ++it) {
      std::vector<double> y(n, 0.0);
      for (Vertex u = 0; u < n; ++u) {
        double out = 0.0;
        for (Vertex v = 0; v < n; ++v) out += w[u][v];
        for (Vertex v = 0; v < n; ++v)
          y[v] += out > 0 ? alpha * x[u] * w[u][v] / out : alpha * x[u] / n;
      }
      for (Vertex v = 0; v < n; ++v) y[v] += (1 - alpha) / n;
      x = y;
    }
    PageRankOptions o;
    o.direction = direction;
    o.tolerance = 1e-12;
    o.max_iterations = 5000;
    const auto got = pagerank(g, o);
    ASSERT_TRUE(got.has_value());
    double sum = 0.0;
    for (Vertex v = 0; v < n; ++v) {
      EXPECT_NEAR((*got)[v], x[v], 1e-9) << "round " << round;
      sum += (*got)[v];
    }
    EXPECT_NEAR(sum, 1.0, 1e-9);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Variants, PathProperty,
    testing::Values(Variant{Direction::out, PathWeight::hops}, Variant{Direction::out, PathWeight::count},
                    Variant{Direction::out, PathWeight::cooperation},
                    Variant{Direction::out, PathWeight::conflict},
                    Variant{Direction::both, PathWeight::hops}, Variant{Direction::both, PathWeight::count},
                    Variant{Direction::both, PathWeight::cooperation},
                    Variant{Direction::both, PathWeight::conflict},
                    Variant{Direction::in, PathWeight::hops}, Variant{Direction::in, PathWeight::count}),
    variant_name);

// Values computed by networkx 2.8.8 (nx.pagerank(G, alpha=0.85, weight="count", tol=1e-10)) on
// a multigraph with a dangling vertex: a->b x2, a->c, b->c, c->a, d->c; e has no out-edges.
TEST(PageRank, MatchesNetworkx) {
  std::vector<DyadEdge> edges = {{0, 1, 2, 0, 0, 0, false}, {0, 2, 1, 0, 0, 0, false},
                                 {1, 2, 1, 0, 0, 0, false}, {2, 0, 1, 0, 0, 0, false},
                                 {3, 2, 1, 0, 0, 0, false}, {3, 4, 1, 0, 0, 0, false}};
  DyadGraph g({"a", "b", "c", "d", "e"}, std::move(edges));
  PageRankOptions o;
  o.tolerance = 1e-10;
  o.max_iterations = 1000;
  const auto pr = pagerank(g, o);
  ASSERT_TRUE(pr.has_value());
  const std::vector<double> networkx = {0.3320937400261687, 0.22777734679145406, 0.3441209950035585,
                                        0.03959089409435831, 0.05641702408446059};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR((*pr)[i], networkx[i], 1e-8) << g.name(static_cast<Vertex>(i));
}

TEST(PageRank, ReportsNonConvergence) {
  DyadGraph g({"a", "b"}, {{0, 1, 1, 0, 0, 0, false}});
  PageRankOptions o;
  // With tolerance 0 the change can never fall below it.
  o.max_iterations = 5;
  o.tolerance = 0.0;
  EXPECT_FALSE(pagerank(g, o).has_value());
}

TEST(Paths, SameVertexAndUnreachable) {
  DyadGraph g({"a", "b", "c"}, {{0, 1, 1, 1, 0, 1.0, false}});
  PathOptions o;
  auto self = find_paths(g, 0, 0, o);
  ASSERT_EQ(self.size(), 1u);
  EXPECT_EQ(self[0].vertices, std::vector<Vertex>{0});
  EXPECT_TRUE(find_paths(g, 0, 2, o).empty());
  o.direction = Direction::out;
  EXPECT_TRUE(find_paths(g, 1, 0, o).empty()) << "the only edge runs a -> b";
  o.direction = Direction::both;
  EXPECT_EQ(find_paths(g, 1, 0, o).size(), 1u);
  o.weight = PathWeight::conflict;
  EXPECT_TRUE(find_paths(g, 1, 0, o).empty()) << "no conflict event, so the pair is closed";
}

}  // namespace
}  // namespace diplograph::graph
