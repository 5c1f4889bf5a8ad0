// Questions asked of a knowledge graph: paths, neighbourhoods, rankings, dyad timelines and
// statistics. They run on a DyadGraph, the aggregated snapshot (one edge per ordered pair of
// actors, on a Boost.Graph compressed sparse row graph), built once and asked many times:
//
//   graph::DyadGraph dg(g);                                   // skips affiliation edges
//   auto a = graph::resolve_actor(g, "Lai Ching-te");         // id, code, name or alias
//   auto b = graph::resolve_actor(g, "united states");
//   auto paths = graph::find_paths(dg, dg.vertex(*a), dg.vertex(*b), {.k = 3});
//   graph::PathReport r = graph::explain_path(g, dg, paths.front(), 3);  // with evidence
//
// A DyadGraph is immutable once built and every query only reads it, so one graph can serve
// many threads at once. Vertices of a DyadGraph are numbered in actor-id order and edges sorted by target id, so
// ties between equally short paths are broken the same way on every run and every machine.
//
// Weights (PathWeight), each the cost of one step over the pair (u, v):
//   hops         1 per step.
//   count        1 / (number of events u -> v): many events make a short, strong tie.
//   cooperation  1 / (number of QuadClass 1 or 2 events u -> v); pairs without one are closed.
//   conflict     1 / (number of QuadClass 3 or 4 events u -> v); pairs without one are closed.
// An affiliation edge, when followed, costs 1 under every weight. With Direction::both a pair
// can be crossed either way; the cheaper of u -> v and v -> u is the step's cost.
#pragma once

#include <cstddef>
#include <cstdint>
#include "diplograph/expected.hpp"
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/graph/knowledge_graph.hpp"
#include "diplograph/model.hpp"

namespace diplograph::graph {

using Vertex = std::uint32_t;

// One edge of the aggregated view. Affiliation edges have count 0 and affiliation set.
struct DyadEdge {
  Vertex source = 0;
  Vertex target = 0;
  std::uint32_t count = 0;        // events source -> target
  std::uint32_t cooperation = 0;  // of which QuadClass 1 or 2
  std::uint32_t conflict = 0;     // of which QuadClass 3 or 4
  double goldstein_sum = 0.0;
  bool affiliation = false;       // an affiliation member -> state (possibly also events)
};

class DyadGraph {
 public:
  explicit DyadGraph(const KnowledgeGraph& graph, Affiliations affiliations = Affiliations::skip);
  // From explicit edges (tests, benchmarks): vertices 0..n-1, `names` their ids, edges in any
  // order; pairs given twice are added up.
  DyadGraph(std::vector<std::string> names, std::vector<DyadEdge> edges);
  DyadGraph(DyadGraph&&) noexcept;
  DyadGraph& operator=(DyadGraph&&) noexcept;
  ~DyadGraph();

  [[nodiscard]] std::size_t vertex_count() const;
  [[nodiscard]] std::size_t edge_count() const;
  [[nodiscard]] const std::string& name(Vertex v) const;  // the actor id
  [[nodiscard]] std::optional<Vertex> find(std::string_view id) const;
  [[nodiscard]] Vertex vertex(ActorIndex actor) const;     // only for the graph it was built from
  [[nodiscard]] ActorIndex actor(Vertex v) const;
  [[nodiscard]] const std::vector<DyadEdge>& edges() const;  // sorted by (source, target)
  // The subgraph induced by `keep` (any order); vertices renumbered in name order.
  [[nodiscard]] DyadGraph induced(const std::vector<Vertex>& keep) const;

  struct Impl;
  [[nodiscard]] const Impl& impl() const { return *m_impl; }

 private:
  explicit DyadGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

enum class PathWeight { hops, count, cooperation, conflict };
[[nodiscard]] std::optional<PathWeight> path_weight_from_string(std::string_view text);
[[nodiscard]] std::optional<Direction> direction_from_string(std::string_view text);

// The cost of crossing edge `e` under `weight`, or nullopt when it is closed.
[[nodiscard]] std::optional<double> edge_cost(const DyadEdge& e, PathWeight weight);

struct PathOptions {
  PathWeight weight = PathWeight::hops;
  Direction direction = Direction::both;
  std::size_t k = 1;          // how many shortest simple paths (Yen); capped at kMaxPaths
  std::size_t max_hops = 0;   // 0 = no limit
  static constexpr std::size_t kMaxPaths = 100;
  // Yen's algorithm stops after generating this many candidate paths when max_hops hides many.
  std::size_t max_candidates = 10000;
};

// A path as vertices and, for each step i (vertices[i] -> vertices[i+1]), the edge index into
// DyadGraph::edges() used and whether it was crossed along its direction.
struct VertexPath {
  std::vector<Vertex> vertices;
  std::vector<std::size_t> edges;
  std::vector<bool> forward;
  double cost = 0.0;
};

// Up to options.k loopless paths from s to t, cheapest first, each with at most max_hops steps
// (a path is its vertex sequence; each step uses the cheapest open edge between its two
// vertices). Ties are broken by the vertex numbering, so the same graph gives the same paths.
// Empty when none exists. s == t gives the one path of length zero. When `capped` is given, it
// is set to whether the search stopped at options.max_candidates with fewer than k paths found
// (more paths within max_hops may exist).
std::vector<VertexPath> find_paths(const DyadGraph& g, Vertex s, Vertex t,
                                   const PathOptions& options, bool* capped = nullptr);

struct Neighbor {
  Vertex vertex = 0;
  std::size_t hops = 0;
};
struct Neighborhood {
  std::vector<Neighbor> members;  // the start (hops 0) first, then by (hops, name)
  bool truncated = false;         // the limit was reached before the search ended
  std::size_t induced_edges = 0;  // edges of the subgraph the members induce
};
// Every vertex within `hops` steps of `start`, following `direction`, at most `limit` of them
// (0 = no limit); when truncated, the nearest are kept (ties by name).
Neighborhood neighbors(const DyadGraph& g, Vertex start, std::size_t hops, Direction direction,
                       std::size_t limit);

struct PageRankOptions {
  double alpha = 0.85;
  double tolerance = 1e-6;  // stop when the L1 change is below n * tolerance (as networkx)
  std::size_t max_iterations = 100;
  Direction direction = Direction::out;  // both: each pair's events counted both ways
};
// Weighted PageRank by power iteration, weight = number of events (plus 1 per affiliation edge
// when the DyadGraph has them). Vertices without out-edges spread their rank evenly over all
// vertices. Matches networkx.pagerank(G, alpha, weight="count"). Sums to 1. nullopt when it did
// not converge in max_iterations.
std::optional<std::vector<double>> pagerank(const DyadGraph& g, const PageRankOptions& options);

// Unnormalised shortest-path betweenness (Brandes, hop counts), as
// networkx.betweenness_centrality(G, normalized=False): Direction::out (or in: the same values)
// on the digraph, Direction::both on the undirected graph of the pairs (each pair counted once).
// Small dense graphs (up to 4,096 vertices, 8+ pairs per vertex) run on adjacency bitsets.
// Tested against the definition and against boost::brandes_betweenness_centrality.
std::vector<double> betweenness(const DyadGraph& g, Direction direction);

// Number of distinct neighbours along `direction`.
std::vector<std::size_t> degree(const DyadGraph& g, Direction direction);

enum class RankBy { degree, pagerank, betweenness };
[[nodiscard]] std::optional<RankBy> rank_by_from_string(std::string_view text);
struct Ranked {
  Vertex vertex = 0;
  double score = 0.0;
};
// The top `top` vertices by score (ties by name); 0 = all.
std::vector<Ranked> rank(const DyadGraph& g, RankBy by, Direction direction, std::size_t top);

// ---- Naming actors ----------------------------------------------------------------------------

// Why a name did not give one actor: nothing matched (suggestions are the closest names by edit
// distance) or several did (suggestions are those actors).
struct ResolveError {
  enum class Kind { not_found, ambiguous } kind = Kind::not_found;
  std::string query;
  std::vector<ActorIndex> candidates;  // sorted by id
  [[nodiscard]] std::string message(const KnowledgeGraph& g) const;  // with "did you mean"
};
// An actor named by id, name, alias or CAMEO code, case-insensitively, tried in that order: the
// first kind of match that finds anything decides.
expected<ActorIndex, ResolveError> resolve_actor(const KnowledgeGraph& g,
                                                      std::string_view query);
// Levenshtein distance on bytes (for suggestions; exposed for tests).
std::size_t edit_distance(std::string_view a, std::string_view b);

// ---- Reports with evidence ---------------------------------------------------------------------

struct PathStep {
  std::string from;  // actor ids, in path order
  std::string to;
  bool forward = true;       // the edge runs from -> to (false: it was crossed backwards)
  bool affiliation = false;  // an affiliation edge
  std::size_t events = 0;    // events on the edge, in its direction
  double cost = 0.0;
  std::vector<Event> evidence;  // the first few of those events, by date
};
struct PathReport {
  std::vector<std::string> actors;
  std::vector<PathStep> steps;
  double cost = 0.0;
};
PathReport explain_path(const KnowledgeGraph& g, const DyadGraph& dg, const VertexPath& path,
                        PathWeight weight, std::size_t evidence_per_step);

struct GraphStats {
  std::size_t actors = 0;
  std::size_t events = 0;
  std::size_t dyads = 0;
  std::size_t affiliations = 0;
  std::size_t documents = 0;
  std::size_t provenance = 0;  // pieces of evidence
  std::size_t undated = 0;
  std::optional<Date> first;
  std::optional<Date> last;
  std::size_t quad_count[4] = {0, 0, 0, 0};
  std::vector<std::pair<std::string, std::size_t>> root_count;   // sorted by root
  std::vector<std::pair<std::string, std::size_t>> kind_count;   // sorted by kind name
  std::size_t weak_components = 0;
  std::size_t largest_component = 0;
};
GraphStats stats(const KnowledgeGraph& g);

}  // namespace diplograph::graph
