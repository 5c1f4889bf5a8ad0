// The knowledge graph: actors as vertices, events as parallel directed edges (a multigraph),
// affiliations (person -> state, ministry -> state) as edges of their own kind. Built from and
// written back to GraphData, the currency io/ reads and writes:
//
//   graph::KnowledgeGraph g = graph::KnowledgeGraph::from_data(data);  // de-duplicates
//   g.merge(more_data);                     // incremental: equals building from both at once
//   GraphData out = g.to_data();            // sorted, byte-stable once written
//   std::vector<Dyad> d = g.dyads();        // one row per (source, target)
//
// De-duplication (Dedup::by_key): two events with the same source, target, CAMEO code and day
// are one event reported twice; the merged event keeps every Provenance (sorted, duplicates
// dropped). Its Goldstein value, root and QuadClass are those of the report whose evidence
// sorts first, and its confidence the highest, so the result does not depend on input order.
// Documents already coded are remembered (id and text hash) so that one given twice is coded
// once. Dedup::none keeps every event as given (GDELT rows, which are de-duplicated upstream).
#pragma once

#include <cstddef>
#include <cstdint>
#include "diplograph/expected.hpp"
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diplograph/model.hpp"

namespace diplograph::graph {

using ActorIndex = std::uint32_t;
inline constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();

enum class Dedup { by_key, none };
// Which way edges are followed: as written (out), against (in), or ignoring direction (both).
enum class Direction { out, in, both };
// Whether affiliation edges (member -> state) count as steps of paths and neighbourhoods.
enum class Affiliations { skip, follow };

// One event as the graph stores it: actors by index, codes interned, the date as a day number.
struct StoredEvent {
  ActorIndex source = 0;
  ActorIndex target = 0;
  std::uint16_t cameo = 0;  // index into KnowledgeGraph::code()
  std::uint16_t root = 0;
  std::int8_t quad = 0;
  bool domestic = false;
  std::int32_t day = kNoDay;  // Date::days_since_epoch(), kNoDay when undated
  double goldstein = 0.0;
  double confidence = 1.0;
  std::vector<Provenance> provenance;  // sorted, unique
};

// Which events and actors to keep: the --since, --until, --root, --quad, --kind, --min-count and
// --country options of build, query and export, as one reusable value.
//
//   GraphFilter f;
//   f.set("root", "03,04");   // events whose CAMEO root is 03 or 04
//   f.set("since", "2024-01-01");
//   KnowledgeGraph small = g.filtered(f);
//
// Actor filters (kind, country) keep the actors that match and the events between two kept
// actors. Event filters (since, until, root, quad) keep matching events; undated events fail
// since/until. min_count then drops (source, target) pairs with fewer events. When any event
// filter is set, actors left without an event or affiliation are dropped too.
struct GraphFilter {
  std::optional<Date> since;  // inclusive
  std::optional<Date> until;  // inclusive
  std::set<std::string> roots;       // "03"; empty = all
  std::set<int> quads;               // 1..4; empty = all
  std::set<ActorKind> kinds;         // empty = all
  std::set<std::string> countries;   // ISO alpha-3; empty = all
  std::size_t min_count = 0;

  // Sets one option from its command-line text: since, until (YYYY-MM-DD), root (comma list of
  // two-digit roots), quad (comma list of 1..4), kind (comma list of ActorKind names), country
  // (comma list of alpha-3 codes, upper-cased), min-count (a number). The error says what is
  // wrong with the value.
  expected<void, std::string> set(std::string_view option, std::string_view value);
  [[nodiscard]] bool empty() const;
  [[nodiscard]] bool has_event_filter() const;
};

// The hash recorded in DocumentKey::text_hash for a document body.
std::string text_hash(std::string_view text);

class KnowledgeGraph {
 public:
  explicit KnowledgeGraph(Dedup dedup = Dedup::by_key);
  static KnowledgeGraph from_data(const GraphData& data, Dedup dedup = Dedup::by_key);
  [[nodiscard]] GraphData to_data() const;

  // Adds everything in `data`. Merging in any order, in any split, gives the same to_data().
  void merge(const GraphData& data);

  // Adds an actor or merges it with the one of the same id: empty fields are filled, aliases
  // united, and conflicting values resolved by taking the smaller, so order does not matter.
  ActorIndex add_actor(const Actor& actor);
  // The actor an event refers to, added from the reference if new (kind guessed from the id).
  ActorIndex add_actor(const ActorRef& ref);
  void add_event(const Event& event);
  void add_affiliation(const Affiliation& affiliation);
  // Adds member -> state affiliations for every actor with a country that is not a state or IGO,
  // when the graph has that country's state actor ("state/JPN", or an actor of kind state and
  // that country).
  void derive_affiliations();

  // Records a document as coded. False when it was already (same id, or same non-empty hash).
  bool add_document(const DocumentKey& key);
  [[nodiscard]] bool has_document(const DocumentKey& key) const;

  // The graph with only what `filter` keeps (see GraphFilter).
  [[nodiscard]] KnowledgeGraph filtered(const GraphFilter& filter) const;

  // One row per ordered (source, target) pair with at least one event, sorted by ids.
  [[nodiscard]] std::vector<Dyad> dyads() const;

  // The events between two actors (a -> b for out, b -> a for in, both ways for both), sorted by
  // date, then source, target and code.
  [[nodiscard]] std::vector<std::size_t> events_between(ActorIndex a, ActorIndex b,
                                                        Direction direction) const;
  [[nodiscard]] Event event(std::size_t index) const;  // as a model value

  [[nodiscard]] std::size_t actor_count() const { return m_actors.size(); }
  [[nodiscard]] std::size_t event_count() const { return m_events.size(); }
  [[nodiscard]] const Actor& actor(ActorIndex index) const { return m_actors[index]; }
  [[nodiscard]] const std::vector<Actor>& actors() const { return m_actors; }
  [[nodiscard]] const std::vector<StoredEvent>& events() const { return m_events; }
  [[nodiscard]] const std::vector<std::pair<ActorIndex, ActorIndex>>& affiliations() const {
    return m_affiliations;
  }
  [[nodiscard]] const std::vector<DocumentKey>& documents() const { return m_documents; }
  [[nodiscard]] std::optional<ActorIndex> find_actor(std::string_view id) const;
  [[nodiscard]] const std::string& code(std::uint16_t index) const { return m_codes[index]; }
  [[nodiscard]] Dedup dedup() const { return m_dedup; }

  // Bulk loading (readers of large event files): intern a CAMEO code once, then add events
  // whose actors were added before. De-duplicates like add_event.
  std::uint16_t intern_code(std::string_view code);
  void add_event(StoredEvent event);
  void reserve(std::size_t actors, std::size_t events);

 private:
  void merge_into(StoredEvent& existing, StoredEvent&& incoming);

  struct EventKey {
    ActorIndex source, target;
    std::uint16_t cameo;
    std::int32_t day;
    bool operator==(const EventKey&) const = default;
  };
  struct EventKeyHash {
    std::size_t operator()(const EventKey& k) const noexcept;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept;
  };

  Dedup m_dedup;
  std::vector<Actor> m_actors;
  std::unordered_map<std::string, ActorIndex, StringHash, std::equal_to<>> m_actor_index;
  std::vector<StoredEvent> m_events;
  std::unordered_map<EventKey, std::size_t, EventKeyHash> m_event_index;
  std::vector<std::string> m_codes;
  std::unordered_map<std::string, std::uint16_t, StringHash, std::equal_to<>> m_code_index;
  std::vector<std::pair<ActorIndex, ActorIndex>> m_affiliations;  // sorted, unique
  std::vector<DocumentKey> m_documents;
  std::set<std::string, std::less<>> m_document_ids;
  std::set<std::string, std::less<>> m_document_hashes;
};

}  // namespace diplograph::graph
