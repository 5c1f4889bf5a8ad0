#include "diplograph/graph/knowledge_graph.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

namespace diplograph::graph {
namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(pos, comma - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.push_back(item);
    pos = comma + 1;
  }
  return out;
}

bool all_upper(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The country an actor code points to when no actor record says: the first three letters of a
// CAMEO code, except for the codes of IGOs, NGOs and multinationals, which have none.
std::string country_from_code(std::string_view code) {
  if (code.size() < 3 || !all_upper(code.substr(0, 3))) return {};
  const std::string_view head = code.substr(0, 3);
  if (head == "IGO" || head == "NGO" || head == "MNC" || head == "UIS" || head == "NGM")
    return {};
  return std::string(head);
}

ActorKind kind_from_id(std::string_view id, std::string_view code) {
  const std::size_t slash = id.find('/');
  if (slash != std::string_view::npos) {
    const std::string_view head = id.substr(0, slash);
    if (head == "state") return ActorKind::state;
    if (head == "person") return ActorKind::person;
    if (head == "igo") return ActorKind::igo;
    if (auto k = actor_kind_from_string(head)) return *k;
    return ActorKind::other;
  }
  if (id == code && code.size() == 3 && all_upper(code)) return ActorKind::state;
  return ActorKind::other;
}

void merge_field(std::string& into, const std::string& from) {
  if (from.empty()) return;
  if (into.empty() || from < into) into = from;
}

std::string_view event_code_key(const std::vector<std::string>& codes, std::uint16_t i) {
  return codes[i];
}

}  // namespace

std::string text_hash(std::string_view text) { return fmt::format("{:016x}", fnv1a(text)); }

// ---- GraphFilter ------------------------------------------------------------------------------

expected<void, std::string> GraphFilter::set(std::string_view option, std::string_view value) {
  if (option == "since" || option == "until") {
    auto d = Date::parse(value);
    if (!d) return unexpected(fmt::format("--{}: \"{}\" is not a date (YYYY-MM-DD)", option, value));
    (option == "since" ? since : until) = d;
    return {};
  }
  if (option == "root") {
    for (auto item : split_list(value)) {
      std::string r(item);
      if (r.size() == 1 && r[0] >= '0' && r[0] <= '9') r = "0" + r;
      int n = 0;
      auto [p, ec] = std::from_chars(r.data(), r.data() + r.size(), n);
      if (r.size() != 2 || ec != std::errc{} || p != r.data() + r.size() || n < 1 || n > 20)
        return unexpected(fmt::format("--root: \"{}\" is not a CAMEO root (01..20)", item));
      roots.insert(r);
    }
    return {};
  }
  if (option == "quad") {
    for (auto item : split_list(value)) {
      if (item.size() != 1 || item[0] < '1' || item[0] > '4')
        return unexpected(fmt::format("--quad: \"{}\" is not a QuadClass (1..4)", item));
      quads.insert(item[0] - '0');
    }
    return {};
  }
  if (option == "kind") {
    for (auto item : split_list(value)) {
      auto k = actor_kind_from_string(item);
      if (!k)
        return unexpected(fmt::format(
            "--kind: \"{}\" is not an actor kind (state, person, government, ministry, military, "
            "legislature, judiciary, party, company, igo, group, media, other)",
            item));
      kinds.insert(*k);
    }
    return {};
  }
  if (option == "country") {
    for (auto item : split_list(value)) {
      std::string c(item);
      for (char& ch : c) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (c.size() != 3 || !all_upper(c))
        return unexpected(fmt::format("--country: \"{}\" is not an ISO alpha-3 code", item));
      countries.insert(c);
    }
    return {};
  }
  if (option == "min-count" || option == "min_count") {
    std::size_t n = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc{} || p != value.data() + value.size() || value.empty())
      return unexpected(fmt::format("--min-count: \"{}\" is not a number", value));
    min_count = n;
    return {};
  }
  return unexpected(fmt::format("unknown filter \"{}\"", option));
}

bool GraphFilter::has_event_filter() const {
  return since || until || !roots.empty() || !quads.empty() || min_count > 1;
}

bool GraphFilter::empty() const {
  return !has_event_filter() && kinds.empty() && countries.empty();
}

// ---- KnowledgeGraph ---------------------------------------------------------------------------

std::size_t KnowledgeGraph::StringHash::operator()(std::string_view s) const noexcept {
  return std::hash<std::string_view>{}(s);
}

std::size_t KnowledgeGraph::EventKeyHash::operator()(const EventKey& k) const noexcept {
  std::uint64_t h = (static_cast<std::uint64_t>(k.source) << 32) ^ k.target;
  h ^= (static_cast<std::uint64_t>(k.cameo) << 48) ^ (static_cast<std::uint64_t>(
                                                          static_cast<std::uint32_t>(k.day))
                                                      << 16);
  h *= 0x9E3779B97F4A7C15ULL;
  return static_cast<std::size_t>(h ^ (h >> 29));
}

KnowledgeGraph::KnowledgeGraph(Dedup dedup) : m_dedup(dedup) {}

KnowledgeGraph KnowledgeGraph::from_data(const GraphData& data, Dedup dedup) {
  KnowledgeGraph g(dedup);
  g.merge(data);
  return g;
}

void KnowledgeGraph::reserve(std::size_t actors, std::size_t events) {
  m_actors.reserve(actors);
  m_actor_index.reserve(actors);
  m_events.reserve(events);
  if (m_dedup == Dedup::by_key) m_event_index.reserve(events);
}

void KnowledgeGraph::merge(const GraphData& data) {
  for (const auto& a : data.actors) add_actor(a);
  for (const auto& e : data.events) add_event(e);
  for (const auto& f : data.affiliations) add_affiliation(f);
  for (const auto& d : data.documents) add_document(d);
}

std::uint16_t KnowledgeGraph::intern_code(std::string_view code) {
  if (auto it = m_code_index.find(code); it != m_code_index.end()) return it->second;
  if (m_codes.size() >= 0xFFFF) throw std::length_error("more than 65535 distinct CAMEO codes");
  const auto i = static_cast<std::uint16_t>(m_codes.size());
  m_codes.emplace_back(code);
  m_code_index.emplace(std::string(code), i);
  return i;
}

std::optional<ActorIndex> KnowledgeGraph::find_actor(std::string_view id) const {
  if (auto it = m_actor_index.find(id); it != m_actor_index.end()) return it->second;
  return std::nullopt;
}

ActorIndex KnowledgeGraph::add_actor(const Actor& actor) {
  if (auto it = m_actor_index.find(actor.id); it != m_actor_index.end()) {
    Actor& a = m_actors[it->second];
    merge_field(a.name, actor.name);
    merge_field(a.code, actor.code);
    merge_field(a.country, actor.country);
    merge_field(a.title, actor.title);
    if (actor.kind != ActorKind::other && (a.kind == ActorKind::other || actor.kind < a.kind))
      a.kind = actor.kind;
    if (!actor.aliases.empty()) {
      a.aliases.insert(a.aliases.end(), actor.aliases.begin(), actor.aliases.end());
      std::sort(a.aliases.begin(), a.aliases.end());
      a.aliases.erase(std::unique(a.aliases.begin(), a.aliases.end()), a.aliases.end());
    }
    return it->second;
  }
  const auto index = static_cast<ActorIndex>(m_actors.size());
  m_actors.push_back(actor);
  auto& aliases = m_actors.back().aliases;
  std::sort(aliases.begin(), aliases.end());
  aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
  m_actor_index.emplace(actor.id, index);
  return index;
}

ActorIndex KnowledgeGraph::add_actor(const ActorRef& ref) {
  if (auto it = m_actor_index.find(ref.id); it != m_actor_index.end()) {
    Actor& a = m_actors[it->second];
    merge_field(a.name, ref.name);
    merge_field(a.code, ref.code);
    return it->second;
  }
  Actor a;
  a.id = ref.id;
  a.name = ref.name;
  a.code = ref.code;
  a.kind = kind_from_id(ref.id, ref.code);
  if (a.kind != ActorKind::igo) a.country = country_from_code(ref.code);
  return add_actor(a);
}

void KnowledgeGraph::add_event(const Event& event) {
  StoredEvent e;
  e.source = add_actor(event.source);
  e.target = add_actor(event.target);
  e.cameo = intern_code(event.cameo);
  e.root = intern_code(event.root.empty() ? std::string_view(event.cameo).substr(0, 2)
                                          : std::string_view(event.root));
  e.quad = static_cast<std::int8_t>(event.quad);
  e.domestic = event.domestic;
  e.day = event.date ? event.date->days_since_epoch() : kNoDay;
  e.goldstein = event.goldstein;
  e.confidence = event.confidence;
  e.provenance = event.provenance;
  add_event(std::move(e));
}

void KnowledgeGraph::add_event(StoredEvent event) {
  auto& prov = event.provenance;
  if (prov.size() > 1) {
    std::sort(prov.begin(), prov.end());
    prov.erase(std::unique(prov.begin(), prov.end()), prov.end());
  }
  if (m_dedup == Dedup::none) {
    m_events.push_back(std::move(event));
    return;
  }
  const EventKey key{event.source, event.target, event.cameo, event.day};
  auto [it, inserted] = m_event_index.try_emplace(key, m_events.size());
  if (inserted) {
    m_events.push_back(std::move(event));
    return;
  }
  merge_into(m_events[it->second], std::move(event));
}

void KnowledgeGraph::merge_into(StoredEvent& existing, StoredEvent&& incoming) {
  // The representative report is the one whose evidence sorts first (then by values), so the
  // merged event does not depend on the order the reports came in.
  auto rep = [this](const StoredEvent& e) {
    static const Provenance kNone;
    return std::make_tuple(e.provenance.empty() ? 1 : 0,
                           e.provenance.empty() ? std::cref(kNone) : std::cref(e.provenance[0]),
                           e.goldstein, e.quad, std::string_view(m_codes[e.root]), e.domestic);
  };
  if (rep(incoming) < rep(existing)) {
    existing.goldstein = incoming.goldstein;
    existing.quad = incoming.quad;
    existing.root = incoming.root;
    existing.domestic = incoming.domestic;
  }
  existing.confidence = std::max(existing.confidence, incoming.confidence);
  if (!incoming.provenance.empty()) {
    auto& p = existing.provenance;
    p.insert(p.end(), std::make_move_iterator(incoming.provenance.begin()),
             std::make_move_iterator(incoming.provenance.end()));
    std::sort(p.begin(), p.end());
    p.erase(std::unique(p.begin(), p.end()), p.end());
  }
}

void KnowledgeGraph::add_affiliation(const Affiliation& affiliation) {
  ActorRef member{affiliation.member, {}, {}};
  ActorRef state{affiliation.state, {}, {}};
  const ActorIndex m = add_actor(member);
  const ActorIndex s = add_actor(state);
  if (m == s) return;
  const std::pair<ActorIndex, ActorIndex> edge{m, s};
  auto it = std::lower_bound(m_affiliations.begin(), m_affiliations.end(), edge);
  if (it == m_affiliations.end() || *it != edge) m_affiliations.insert(it, edge);
}

void KnowledgeGraph::derive_affiliations() {
  std::map<std::string, ActorIndex, std::less<>> state_of;
  for (ActorIndex i = 0; i < m_actors.size(); ++i) {
    const Actor& a = m_actors[i];
    if (a.kind != ActorKind::state || a.country.empty()) continue;
    auto [it, inserted] = state_of.try_emplace(a.country, i);
    // Prefer the canonical "state/XXX" id when two state actors claim one country.
    if (!inserted && a.id == "state/" + a.country) it->second = i;
  }
  std::vector<std::pair<ActorIndex, ActorIndex>> add;
  for (ActorIndex i = 0; i < m_actors.size(); ++i) {
    const Actor& a = m_actors[i];
    if (a.kind == ActorKind::state || a.kind == ActorKind::igo || a.country.empty()) continue;
    auto it = state_of.find(a.country);
    if (it != state_of.end() && it->second != i) add.emplace_back(i, it->second);
  }
  for (const auto& [m, s] : add) add_affiliation({m_actors[m].id, m_actors[s].id});
}

bool KnowledgeGraph::has_document(const DocumentKey& key) const {
  return m_document_ids.contains(key.id) ||
         (!key.text_hash.empty() && m_document_hashes.contains(key.text_hash));
}

bool KnowledgeGraph::add_document(const DocumentKey& key) {
  if (has_document(key)) return false;
  m_document_ids.insert(key.id);
  if (!key.text_hash.empty()) m_document_hashes.insert(key.text_hash);
  m_documents.push_back(key);
  return true;
}

Event KnowledgeGraph::event(std::size_t index) const {
  const StoredEvent& s = m_events[index];
  Event e;
  const Actor& a = m_actors[s.source];
  const Actor& b = m_actors[s.target];
  e.source = ActorRef{a.id, a.name, a.code};
  e.target = ActorRef{b.id, b.name, b.code};
  e.cameo = m_codes[s.cameo];
  e.root = m_codes[s.root];
  e.quad = s.quad;
  e.goldstein = s.goldstein;
  if (s.day != kNoDay) e.date = Date::from_days_since_epoch(s.day);
  e.confidence = s.confidence;
  e.domestic = s.domestic;
  e.provenance = s.provenance;
  return e;
}

namespace {
// Canonical event order: date (undated first), source id, target id, code, then the rest.
struct EventOrder {
  const std::vector<StoredEvent>& events;
  const std::vector<Actor>& actors;
  const std::vector<std::string>& codes;
  bool operator()(std::size_t x, std::size_t y) const {
    const StoredEvent& a = events[x];
    const StoredEvent& b = events[y];
    if (a.day != b.day) return a.day < b.day;
    if (a.source != b.source) {
      if (int c = actors[a.source].id.compare(actors[b.source].id); c != 0) return c < 0;
    }
    if (a.target != b.target) {
      if (int c = actors[a.target].id.compare(actors[b.target].id); c != 0) return c < 0;
    }
    if (a.cameo != b.cameo) return codes[a.cameo] < codes[b.cameo];
    return std::forward_as_tuple(a.goldstein, a.quad, codes[a.root], a.confidence, a.domestic,
                                 a.provenance) <
           std::forward_as_tuple(b.goldstein, b.quad, codes[b.root], b.confidence, b.domestic,
                                 b.provenance);
  }
};
}  // namespace

GraphData KnowledgeGraph::to_data() const {
  GraphData out;
  out.actors = m_actors;
  std::sort(out.actors.begin(), out.actors.end(),
            [](const Actor& a, const Actor& b) { return a.id < b.id; });
  std::vector<std::size_t> order(m_events.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), EventOrder{m_events, m_actors, m_codes});
  out.events.reserve(order.size());
  for (std::size_t i : order) out.events.push_back(event(i));
  for (const auto& [m, s] : m_affiliations)
    out.affiliations.push_back(Affiliation{m_actors[m].id, m_actors[s].id});
  std::sort(out.affiliations.begin(), out.affiliations.end(),
            [](const Affiliation& a, const Affiliation& b) {
              return std::tie(a.member, a.state) < std::tie(b.member, b.state);
            });
  out.documents = m_documents;
  std::sort(out.documents.begin(), out.documents.end());
  return out;
}

std::vector<std::size_t> KnowledgeGraph::events_between(ActorIndex a, ActorIndex b,
                                                        Direction direction) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < m_events.size(); ++i) {
    const StoredEvent& e = m_events[i];
    const bool fwd = e.source == a && e.target == b;
    const bool bwd = e.source == b && e.target == a;
    if ((direction != Direction::in && fwd) || (direction != Direction::out && bwd))
      out.push_back(i);
  }
  std::sort(out.begin(), out.end(), EventOrder{m_events, m_actors, m_codes});
  return out;
}

KnowledgeGraph KnowledgeGraph::filtered(const GraphFilter& filter) const {
  std::vector<char> actor_ok(m_actors.size(), 1);
  for (ActorIndex i = 0; i < m_actors.size(); ++i) {
    const Actor& a = m_actors[i];
    if (!filter.kinds.empty() && !filter.kinds.contains(a.kind)) actor_ok[i] = 0;
    if (!filter.countries.empty() && !filter.countries.contains(a.country)) actor_ok[i] = 0;
  }
  const int since = filter.since ? filter.since->days_since_epoch() : 0;
  const int until = filter.until ? filter.until->days_since_epoch() : 0;
  std::vector<char> event_ok(m_events.size(), 0);
  for (std::size_t i = 0; i < m_events.size(); ++i) {
    const StoredEvent& e = m_events[i];
    if (!actor_ok[e.source] || !actor_ok[e.target]) continue;
    if ((filter.since || filter.until) && e.day == kNoDay) continue;
    if (filter.since && e.day < since) continue;
    if (filter.until && e.day > until) continue;
    if (!filter.roots.empty() && !filter.roots.contains(m_codes[e.root])) continue;
    if (!filter.quads.empty() && !filter.quads.contains(e.quad)) continue;
    event_ok[i] = 1;
  }
  if (filter.min_count > 1) {
    std::map<std::pair<ActorIndex, ActorIndex>, std::size_t> count;
    for (std::size_t i = 0; i < m_events.size(); ++i)
      if (event_ok[i]) ++count[{m_events[i].source, m_events[i].target}];
    for (std::size_t i = 0; i < m_events.size(); ++i)
      if (event_ok[i] && count[{m_events[i].source, m_events[i].target}] < filter.min_count)
        event_ok[i] = 0;
  }
  std::vector<char> keep = actor_ok;
  if (filter.has_event_filter()) {
    std::fill(keep.begin(), keep.end(), 0);
    for (std::size_t i = 0; i < m_events.size(); ++i)
      if (event_ok[i]) keep[m_events[i].source] = keep[m_events[i].target] = 1;
    for (const auto& [m, s] : m_affiliations)
      if (keep[m] && actor_ok[s]) keep[s] = 1;
  }
  KnowledgeGraph out(m_dedup);
  out.m_codes = m_codes;
  out.m_code_index = m_code_index;
  std::vector<ActorIndex> remap(m_actors.size(), 0);
  for (ActorIndex i = 0; i < m_actors.size(); ++i)
    if (keep[i]) remap[i] = out.add_actor(m_actors[i]);
  for (std::size_t i = 0; i < m_events.size(); ++i) {
    if (!event_ok[i]) continue;
    StoredEvent e = m_events[i];
    e.source = remap[e.source];
    e.target = remap[e.target];
    out.add_event(std::move(e));
  }
  for (const auto& [m, s] : m_affiliations)
    if (keep[m] && keep[s]) out.add_affiliation({m_actors[m].id, m_actors[s].id});
  for (const auto& d : m_documents) out.add_document(d);
  return out;
}

std::vector<Dyad> KnowledgeGraph::dyads() const {
  struct Acc {
    Dyad d;
    std::map<std::string_view, std::size_t> roots;
    int first = std::numeric_limits<int>::max();
    int last = std::numeric_limits<int>::min();
  };
  std::map<std::pair<ActorIndex, ActorIndex>, Acc> acc;
  for (const StoredEvent& e : m_events) {
    Acc& a = acc[{e.source, e.target}];
    ++a.d.count;
    a.d.goldstein_sum += e.goldstein;
    if (e.quad >= 1 && e.quad <= 4) ++a.d.quad_count[e.quad - 1];
    ++a.roots[event_code_key(m_codes, e.root)];
    if (e.day != kNoDay) {
      a.first = std::min(a.first, e.day);
      a.last = std::max(a.last, e.day);
    }
  }
  std::vector<Dyad> out;
  out.reserve(acc.size());
  for (auto& [key, a] : acc) {
    Dyad d = std::move(a.d);
    d.source = m_actors[key.first].id;
    d.target = m_actors[key.second].id;
    d.goldstein_mean = d.goldstein_sum / static_cast<double>(d.count);
    for (const auto& [root, n] : a.roots) d.root_count.emplace_back(std::string(root), n);
    if (a.first <= a.last) {
      d.first = Date::from_days_since_epoch(a.first);
      d.last = Date::from_days_since_epoch(a.last);
    }
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const Dyad& a, const Dyad& b) {
    return std::tie(a.source, a.target) < std::tie(b.source, b.target);
  });
  return out;
}

}  // namespace diplograph::graph
