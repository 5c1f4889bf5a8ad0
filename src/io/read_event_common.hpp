// Private helpers shared by the GDELT and ICEWS readers: the country table (Debian's iso-codes,
// embedded), the actor table that interns actors while rows stream by, and the error sink.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diplograph/io/event_files.hpp"
#include "diplograph/model.hpp"

namespace diplograph::io::detail {

// Transparent hashing so maps keyed by std::string can be probed with a string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// ISO 3166-1 countries from iso-codes, plus the CAMEO spellings that differ from ISO.
class CountryTable {
 public:
  static const CountryTable& instance();
  // "JPN" -> "JPN", "ROM" (CAMEO) -> "ROU"; empty when not a country. Case-sensitive: upper.
  [[nodiscard]] std::string_view iso_from_code(std::string_view code3) const;
  // "Japan", "Viet Nam", "Vietnam", "Russian Federation" -> ISO alpha-3; empty if unknown.
  [[nodiscard]] std::string_view iso_from_name(std::string_view name) const;
  // "JPN" -> "Japan" (the lexicon's display name, else iso-codes' common name).
  [[nodiscard]] std::string_view name_of(std::string_view iso) const;
  // An IGO of the lexicon's table by CAMEO code: IGOUNOIAE -> {IAE, International Atomic
  // Energy Agency}; nullopt when unknown or ambiguous.
  struct Igo {
    std::string key;
    std::string name;
  };
  [[nodiscard]] std::optional<Igo> igo(std::string_view code) const;

 private:
  CountryTable();
  StringMap<std::string> m_by_code;   // alpha-3 and CAMEO variants -> ISO alpha-3
  StringMap<std::string> m_by_name;   // lower-cased names -> ISO alpha-3
  StringMap<std::string> m_names;     // ISO alpha-3 -> display name
  StringMap<std::vector<Igo>> m_igos; // CAMEO code -> IGOs
};

// actor_from_cameo_code (event_files.hpp).
Actor actor_from_code_impl(std::string_view code, std::string_view name);
// The ActorKind a CAMEO role code stands for ("GOV" -> government, "MIL" -> military).
ActorKind kind_of_role(std::string_view role3);
// The word of a state-level role actor's id ("GOV" -> "government": org/JPN/government); empty
// for roles the extractor has no word for.
std::string_view role_word(std::string_view role3);
// Lower-case ASCII, anything else but UTF-8 letters becomes '-', runs collapsed: "Kim Jong-Un"
// -> "kim-jong-un".
std::string slug(std::string_view text);
// QuadClass of a CAMEO root code 1..20: 1-5 verbal cooperation (1), 6-8 material cooperation
// (2), 9-13 verbal conflict (3), 14-20 material conflict (4).
int quad_of_root(int root);
// A CAMEO event code: 2 to 4 digits, root 01..20. Returns the root number or 0.
int cameo_root(std::string_view code);
// Parses a decimal number; false on anything else (empty, trailing bytes, nan).
bool parse_double(std::string_view text, double& out);

// Collects rows' errors, keeping the first `max` and counting the rest.
class ErrorSink {
 public:
  ErrorSink(std::string_view file, std::size_t max) : m_file(file), m_max(max) {}
  void add(std::size_t line, std::size_t offset, std::string message);
  void finish(EventFileResult& result);

 private:
  std::string m_file;
  std::size_t m_max;
  std::size_t m_count = 0;
  std::vector<Error> m_errors;
};

// Interns actors by id while rows stream by; events refer to actors by index until finish().
class ActorTable {
 public:
  // Index of an actor made from a CAMEO code (cached by code). `name` is counted as a candidate
  // display name; the most frequent wins (ties: the smallest).
  std::size_t from_code(std::string_view code, std::string_view name);
  // Index of an actor given in full (ICEWS). Names are counted the same way.
  std::size_t intern(Actor actor, std::string_view name);
  [[nodiscard]] const Actor& actor(std::size_t index) const { return m_actors[index].actor; }

  // Sorts actors by id, fills each event's ActorRef from `ends` (source, target index per
  // event), sorts the events, and moves everything into `graph`.
  void finish(std::vector<Event>& events, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& ends,
              GraphData& graph);

 private:
  struct Slot {
    Actor actor;
    bool fixed_name = false;  // states keep their ISO name
    StringMap<std::size_t> names;
    // The last name counted: rows of one actor mostly repeat it, so most rows skip the hash.
    std::string_view last_name;
    std::size_t* last_count = nullptr;
  };
  void count_name(Slot& slot, std::string_view name);
  StringMap<std::size_t> m_by_code;
  StringMap<std::size_t> m_by_id;
  std::deque<Slot> m_actors;  // a deque: slots never move, so last_count stays valid
};

// Line ends found with memchr; yields each line without its "\n" or "\r\n".
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : m_text(text) {}
  // False at the end. `line` is 1-based, `offset` the line's first byte.
  bool next(std::string_view& line, std::size_t& number, std::size_t& offset);

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line = 0;
};

// The file name without directories, for provenance ("data/x.CSV" -> "x.CSV").
std::string_view base_name(std::string_view path);

}  // namespace diplograph::io::detail
