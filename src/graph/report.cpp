// Naming actors (with "did you mean"), paths with their evidence, and graph statistics.
#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "diplograph/graph/queries.hpp"

namespace diplograph::graph {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string describe(const Actor& a) {
  if (a.name.empty() || a.name == a.id) return a.id;
  return fmt::format("{} ({})", a.name, a.id);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

expected<ActorIndex, ResolveError> resolve_actor(const KnowledgeGraph& g,
                                                      std::string_view query) {
  const std::string q = lower(query);
  const auto& actors = g.actors();
  std::vector<std::vector<ActorIndex>> tiers(5);
  for (ActorIndex i = 0; i < actors.size(); ++i) {
    const Actor& a = actors[i];
    if (lower(a.id) == q) tiers[0].push_back(i);
    if (lower(a.name) == q) tiers[1].push_back(i);
    for (const auto& alias : a.aliases)
      if (lower(alias) == q) {
        tiers[2].push_back(i);
        break;
      }
    if (!a.code.empty() && lower(a.code) == q) tiers[3].push_back(i);
    // A part of a name ("Kishida" for "Fumio Kishida"), only when nothing else matches.
    if (q.size() >= 3 && lower(a.name).find(q) != std::string::npos) tiers[4].push_back(i);
  }
  auto by_id = [&actors](ActorIndex x, ActorIndex y) { return actors[x].id < actors[y].id; };
  for (auto& tier : tiers) {
    if (tier.empty()) continue;
    if (tier.size() == 1) return tier.front();
    std::sort(tier.begin(), tier.end(), by_id);
    return unexpected(ResolveError{ResolveError::Kind::ambiguous, std::string(query), tier});
  }
  // Nothing: suggest the closest names, ids, aliases and codes.
  std::vector<std::pair<std::size_t, ActorIndex>> scored;
  const std::size_t threshold = std::max<std::size_t>(2, q.size() / 3);
  for (ActorIndex i = 0; i < actors.size(); ++i) {
    const Actor& a = actors[i];
    std::size_t best = edit_distance(q, lower(a.id));
    best = std::min(best, edit_distance(q, lower(a.name)));
    if (!a.code.empty()) best = std::min(best, edit_distance(q, lower(a.code)));
    for (const auto& alias : a.aliases) best = std::min(best, edit_distance(q, lower(alias)));
    if (best <= threshold) scored.emplace_back(best, i);
  }
  std::sort(scored.begin(), scored.end(), [&](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : actors[x.second].id < actors[y.second].id;
  });
  ResolveError err{ResolveError::Kind::not_found, std::string(query), {}};
  for (std::size_t i = 0; i < scored.size() && i < 5; ++i) err.candidates.push_back(scored[i].second);
  return unexpected(err);
}

std::string ResolveError::message(const KnowledgeGraph& g) const {
  std::string out;
  if (kind == Kind::ambiguous) {
    out = fmt::format("\"{}\" names {} actors; say which:", query, candidates.size());
    for (std::size_t i = 0; i < candidates.size() && i < 10; ++i)
      out += fmt::format("\n  {}", describe(g.actor(candidates[i])));
    if (candidates.size() > 10) out += fmt::format("\n  ... and {} more", candidates.size() - 10);
    return out;
  }
  out = fmt::format("no actor named \"{}\"", query);
  if (candidates.empty()) return out + " (try `diplograph query GRAPH stats` or an id)";
  out += "; did you mean:";
  for (ActorIndex c : candidates) out += fmt::format("\n  {}", describe(g.actor(c)));
  return out;
}

PathReport explain_path(const KnowledgeGraph& g, const DyadGraph& dg, const VertexPath& path,
                        PathWeight weight, std::size_t evidence_per_step) {
  PathReport r;
  r.cost = path.cost;
  for (Vertex v : path.vertices) r.actors.push_back(dg.name(v));
  for (std::size_t i = 0; i < path.edges.size(); ++i) {
    const DyadEdge& e = dg.edges()[path.edges[i]];
    PathStep step;
    step.from = dg.name(path.vertices[i]);
    step.to = dg.name(path.vertices[i + 1]);
    step.forward = path.forward[i];
    step.events = e.count;
    step.cost = edge_cost(e, weight).value_or(0.0);
    // The step is an affiliation when that is what made it cheapest (or all there is).
    step.affiliation = e.affiliation && (e.count == 0 || step.cost == 1.0);
    if (e.count > 0) {
      const auto idx = g.events_between(dg.actor(e.source), dg.actor(e.target), Direction::out);
      for (std::size_t k = 0; k < idx.size() && k < evidence_per_step; ++k)
        step.evidence.push_back(g.event(idx[k]));
    }
    r.steps.push_back(std::move(step));
  }
  return r;
}

GraphStats stats(const KnowledgeGraph& g) {
  GraphStats s;
  s.actors = g.actor_count();
  s.events = g.event_count();
  s.affiliations = g.affiliations().size();
  s.documents = g.documents().size();
  std::map<std::string, std::size_t> roots;
  std::map<std::string, std::size_t> kinds;
  int first = std::numeric_limits<int>::max();
  int last = std::numeric_limits<int>::min();
  std::vector<ActorIndex> parent(g.actor_count());
  std::iota(parent.begin(), parent.end(), ActorIndex{0});
  auto find = [&parent](ActorIndex x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  auto unite = [&](ActorIndex a, ActorIndex b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  };
  std::vector<std::pair<ActorIndex, ActorIndex>> pairs;
  pairs.reserve(g.event_count());
  for (const StoredEvent& e : g.events()) {
    s.provenance += e.provenance.size();
    if (e.day == kNoDay) {
      ++s.undated;
    } else {
      first = std::min(first, e.day);
      last = std::max(last, e.day);
    }
    if (e.quad >= 1 && e.quad <= 4) ++s.quad_count[e.quad - 1];
    ++roots[g.code(e.root)];
    pairs.emplace_back(e.source, e.target);
    unite(e.source, e.target);
  }
  for (const auto& [m, st] : g.affiliations()) unite(m, st);
  std::sort(pairs.begin(), pairs.end());
  s.dyads = static_cast<std::size_t>(std::unique(pairs.begin(), pairs.end()) - pairs.begin());
  if (first <= last) {
    s.first = Date::from_days_since_epoch(first);
    s.last = Date::from_days_since_epoch(last);
  }
  for (const Actor& a : g.actors()) ++kinds[std::string(to_string(a.kind))];
  s.root_count.assign(roots.begin(), roots.end());
  s.kind_count.assign(kinds.begin(), kinds.end());
  std::vector<std::size_t> size(g.actor_count(), 0);
  for (ActorIndex i = 0; i < g.actor_count(); ++i) ++size[find(i)];
  for (std::size_t n : size)
    if (n > 0) {
      ++s.weak_components;
      s.largest_component = std::max(s.largest_component, n);
    }
  return s;
}

}  // namespace diplograph::graph
