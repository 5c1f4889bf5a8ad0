// Shortest paths (Dijkstra with deterministic tie-breaking) and Yen's k shortest simple paths.
#include <algorithm>
#include <limits>
#include <queue>
#include <set>

#include "diplograph/graph/queries.hpp"
#include "graph/dyad_graph_impl.hpp"

namespace diplograph::graph {

std::optional<PathWeight> path_weight_from_string(std::string_view text) {
  if (text == "hops") return PathWeight::hops;
  if (text == "count") return PathWeight::count;
  if (text == "cooperation") return PathWeight::cooperation;
  if (text == "conflict") return PathWeight::conflict;
  return std::nullopt;
}

std::optional<Direction> direction_from_string(std::string_view text) {
  if (text == "out") return Direction::out;
  if (text == "in") return Direction::in;
  if (text == "both") return Direction::both;
  return std::nullopt;
}

std::optional<double> edge_cost(const DyadEdge& e, PathWeight weight) {
  std::optional<double> best;
  if (e.affiliation) best = 1.0;
  auto consider = [&best](std::uint32_t n) {
    if (n == 0) return;
    const double c = 1.0 / static_cast<double>(n);
    if (!best || c < *best) best = c;
  };
  switch (weight) {
    case PathWeight::hops:
      if (e.count > 0) best = 1.0;
      break;
    case PathWeight::count: consider(e.count); break;
    case PathWeight::cooperation: consider(e.cooperation); break;
    case PathWeight::conflict: consider(e.conflict); break;
  }
  return best;
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Search {
  const DyadGraph::Impl& g;
  PathWeight weight;
  Direction direction;
  std::vector<double> dist;
  std::vector<Vertex> parent;
  std::vector<std::uint32_t> parent_edge;
  std::vector<char> parent_forward;
  std::vector<char> banned;  // vertices the search may not enter
  std::vector<Vertex> touched;
  // The backward search of bidirectional(): distance to t and the next step towards it.
  std::vector<double> dist_back;
  std::vector<Vertex> next;
  std::vector<std::uint32_t> next_edge;
  std::vector<char> next_forward;
  std::vector<Vertex> touched_back;

  Search(const DyadGraph::Impl& impl, PathWeight w, Direction d)
      : g(impl), weight(w), direction(d), dist(impl.names.size(), kInf),
        parent(impl.names.size(), 0), parent_edge(impl.names.size(), 0),
        parent_forward(impl.names.size(), 0), banned(impl.names.size(), 0) {}

  void reset() {
    for (Vertex v : touched) dist[v] = kInf;
    touched.clear();
  }

  // Breadth-first from s, stopping as soon as t is reached (all steps cost 1 under hops).
  bool bfs(Vertex s, Vertex t, const std::vector<Vertex>& banned_next) {
    std::vector<Vertex> queue{s};
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const Vertex u = queue[head];
      bool found = false;
      g.for_each_step(u, direction, [&](Vertex v, std::uint32_t edge, bool forward) {
        if (found || banned[v] || dist[v] != kInf) return;
        if (u == s && std::find(banned_next.begin(), banned_next.end(), v) != banned_next.end())
          return;
        if (!edge_cost(g.edges[edge], weight)) return;
        dist[v] = dist[u] + 1.0;
        touched.push_back(v);
        parent[v] = u;
        parent_edge[v] = edge;
        parent_forward[v] = forward ? 1 : 0;
        queue.push_back(v);
        if (v == t) found = true;
      });
      if (found) return true;
    }
    return false;
  }

  // Dijkstra from s until t is settled. `banned_next` are the vertices s itself may not step to.
  std::optional<VertexPath> run(Vertex s, Vertex t, const std::vector<Vertex>& banned_next) {
    reset();
    if (weight == PathWeight::hops) {
      dist[s] = 0.0;
      touched.push_back(s);
      if (!bfs(s, t, banned_next)) return std::nullopt;
      return trace(s, t);
    }
    return bidirectional(s, t, banned_next);
  }

  // Bidirectional Dijkstra: a forward search from s and a backward one from t (over the edges
  // reversed) take turns, the side with the smaller queue head first; mu is the best s-t
  // distance through a vertex both have reached. It stops when the two heads add up to mu or
  // more, since no path left unexplored can be shorter. On a hub-heavy graph the backward search
  // from a small actor meets the forward one after a few hundred edges instead of the tens of
  // thousands the hubs' out-edges hold.
  std::optional<VertexPath> bidirectional(Vertex s, Vertex t, const std::vector<Vertex>& banned_next) {
    if (dist_back.empty()) {  // allocated on first use: hop searches never need it
      const std::size_t n = g.names.size();
      dist_back.assign(n, kInf);
      next.assign(n, 0);
      next_edge.assign(n, 0);
      next_forward.assign(n, 0);
    }
    for (Vertex v : touched_back) dist_back[v] = kInf;
    touched_back.clear();
    using Item = std::pair<double, Vertex>;
    using Heap = std::priority_queue<Item, std::vector<Item>, std::greater<>>;
    Heap forward_heap, backward_heap;
    dist[s] = 0.0;
    touched.push_back(s);
    dist_back[t] = 0.0;
    touched_back.push_back(t);
    forward_heap.emplace(0.0, s);
    backward_heap.emplace(0.0, t);
    double mu = kInf;
    Vertex meet = 0;
    bool met = false;
    const Direction reverse = direction == Direction::out  ? Direction::in
                              : direction == Direction::in ? Direction::out
                                                           : Direction::both;
    auto is_banned_next = [&](Vertex v) {
      return std::find(banned_next.begin(), banned_next.end(), v) != banned_next.end();
    };
    while (!forward_heap.empty() && !backward_heap.empty()) {
      if (forward_heap.top().first + backward_heap.top().first >= mu) break;
      if (forward_heap.top().first <= backward_heap.top().first) {
        auto [d, u] = forward_heap.top();
        forward_heap.pop();
        if (d > dist[u]) continue;
        g.for_each_step(u, direction, [&](Vertex v, std::uint32_t edge, bool forward) {
          if (banned[v] || (u == s && is_banned_next(v))) return;
          auto c = edge_cost(g.edges[edge], weight);
          if (!c) return;
          const double nd = d + *c;
          if (nd < dist[v]) {
            if (dist[v] == kInf) touched.push_back(v);
            dist[v] = nd;
            parent[v] = u;
            parent_edge[v] = edge;
            parent_forward[v] = forward ? 1 : 0;
            forward_heap.emplace(nd, v);
            if (dist_back[v] != kInf && nd + dist_back[v] < mu) {
              mu = nd + dist_back[v];
              meet = v;
              met = true;
            }
          }
        });
      } else {
        auto [d, x] = backward_heap.top();
        backward_heap.pop();
        if (d > dist_back[x]) continue;
        g.for_each_step(x, reverse, [&](Vertex y, std::uint32_t edge, bool flag) {
          // The step y -> x; when y is s, x must not be one of the steps s may not take.
          if (banned[y] || (y == s && is_banned_next(x))) return;
          auto c = edge_cost(g.edges[edge], weight);
          if (!c) return;
          const double nd = d + *c;
          if (nd < dist_back[y]) {
            if (dist_back[y] == kInf) touched_back.push_back(y);
            dist_back[y] = nd;
            next[y] = x;
            next_edge[y] = edge;
            next_forward[y] = flag ? 0 : 1;  // found from x's side: along the edge iff x's in-edge
            backward_heap.emplace(nd, y);
            if (dist[y] != kInf && dist[y] + nd < mu) {
              mu = dist[y] + nd;
              meet = y;
              met = true;
            }
          }
        });
      }
    }
    if (!met) return std::nullopt;
    VertexPath p;
    p.cost = mu;
    for (Vertex v = meet; v != s; v = parent[v]) {
      p.vertices.push_back(v);
      p.edges.push_back(parent_edge[v]);
      p.forward.push_back(parent_forward[v] != 0);
    }
    p.vertices.push_back(s);
    std::reverse(p.vertices.begin(), p.vertices.end());
    std::reverse(p.edges.begin(), p.edges.end());
    std::reverse(p.forward.begin(), p.forward.end());
    for (Vertex v = meet; v != t; v = next[v]) {
      p.edges.push_back(next_edge[v]);
      p.forward.push_back(next_forward[v] != 0);
      p.vertices.push_back(next[v]);
    }
    return p;
  }

  VertexPath trace(Vertex s, Vertex t) const {
    VertexPath p;
    p.cost = dist[t];
    for (Vertex v = t; v != s; v = parent[v]) {
      p.vertices.push_back(v);
      p.edges.push_back(parent_edge[v]);
      p.forward.push_back(parent_forward[v] != 0);
    }
    p.vertices.push_back(s);
    std::reverse(p.vertices.begin(), p.vertices.end());
    std::reverse(p.edges.begin(), p.edges.end());
    std::reverse(p.forward.begin(), p.forward.end());
    return p;
  }
};

struct CandidateOrder {
  bool operator()(const VertexPath& a, const VertexPath& b) const {
    if (a.cost != b.cost) return a.cost < b.cost;
    if (a.vertices.size() != b.vertices.size()) return a.vertices.size() < b.vertices.size();
    return a.vertices < b.vertices;
  }
};

double step_cost(const DyadGraph::Impl& g, const VertexPath& p, std::size_t i, PathWeight w) {
  return edge_cost(g.edges[p.edges[i]], w).value_or(kInf);
}

}  // namespace

std::vector<VertexPath> find_paths(const DyadGraph& dg, Vertex s, Vertex t,
                                   const PathOptions& options, bool* capped) {
  if (capped) *capped = false;
  const DyadGraph::Impl& g = dg.impl();
  std::vector<VertexPath> result;
  const std::size_t k = std::clamp<std::size_t>(options.k, 1, PathOptions::kMaxPaths);
  const std::size_t max_hops =
      options.max_hops == 0 ? std::numeric_limits<std::size_t>::max() : options.max_hops;
  if (s >= g.names.size() || t >= g.names.size()) return result;
  if (s == t) {
    result.push_back(VertexPath{{s}, {}, {}, 0.0});
    return result;
  }
  Search search(g, options.weight, options.direction);
  auto first = search.run(s, t, {});
  if (!first) return result;

  std::vector<VertexPath> found;  // Yen's list A: every path taken, within max_hops or not
  std::set<VertexPath, CandidateOrder> candidates;
  std::set<std::vector<Vertex>> seen;
  seen.insert(first->vertices);
  candidates.insert(std::move(*first));
  std::size_t generated = 1;
  while (!candidates.empty() && result.size() < k) {
    VertexPath best = *candidates.begin();
    candidates.erase(candidates.begin());
    // Under hop counts, paths come in order of length: once one is too long, all the rest are.
    if (options.weight == PathWeight::hops && best.edges.size() > max_hops) break;
    if (best.edges.size() <= max_hops) result.push_back(best);
    found.push_back(best);
    if (result.size() >= k) break;
    if (generated >= options.max_candidates) {
      if (capped) *capped = true;
      break;
    }

    const VertexPath& prev = found.back();
    double root_cost = 0.0;
    for (std::size_t i = 0; i + 1 < prev.vertices.size(); ++i) {
      const Vertex spur = prev.vertices[i];
      std::vector<Vertex> banned_next;
      for (const VertexPath& p : found)
        if (p.vertices.size() > i + 1 &&
            std::equal(p.vertices.begin(), p.vertices.begin() + static_cast<std::ptrdiff_t>(i + 1),
                       prev.vertices.begin()))
          banned_next.push_back(p.vertices[i + 1]);
      for (std::size_t j = 0; j < i; ++j) search.banned[prev.vertices[j]] = 1;
      auto spur_path = search.run(spur, t, banned_next);
      for (std::size_t j = 0; j < i; ++j) search.banned[prev.vertices[j]] = 0;
      if (spur_path) {
        VertexPath total;
        total.vertices.assign(prev.vertices.begin(),
                              prev.vertices.begin() + static_cast<std::ptrdiff_t>(i));
        total.edges.assign(prev.edges.begin(), prev.edges.begin() + static_cast<std::ptrdiff_t>(i));
        total.forward.assign(prev.forward.begin(),
                             prev.forward.begin() + static_cast<std::ptrdiff_t>(i));
        total.vertices.insert(total.vertices.end(), spur_path->vertices.begin(),
                              spur_path->vertices.end());
        total.edges.insert(total.edges.end(), spur_path->edges.begin(), spur_path->edges.end());
        total.forward.insert(total.forward.end(), spur_path->forward.begin(),
                             spur_path->forward.end());
        total.cost = root_cost + spur_path->cost;
        if (seen.insert(total.vertices).second) {
          candidates.insert(std::move(total));
          ++generated;
        }
      }
      root_cost += step_cost(g, prev, i, options.weight);
    }
  }
  return result;
}

}  // namespace diplograph::graph
