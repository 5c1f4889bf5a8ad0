// The actor dictionaries compiled into one immutable matcher over tokens: every state (names,
// short names, adjectives and demonyms, capitals and seats of government), international
// organisations, role words (titles such as "prime minister", bodies such as "ministry",
// groups such as "officials"), known organisations (parties, companies, armed forces, groups),
// leaders with their terms of office, and places that are not actors ("Taiwan Strait").
//
// Built like RE2's Set: add tables -> compile -> match many sentences, shared across threads.
//
//   auto lexicon = lexicon::ActorLexicon::builtin();          // compiled once, cached
//   for (const auto& m : lexicon->match(sentence.tokens))     // longest match wins
//     for (std::uint32_t e : m.entries) lexicon->entry(e) ... // "Tokyo" -> capital of JPN
//
//   lexicon::ActorLexicon::Builder builder;                    // users' dictionaries
//   builder.add_builtin();
//   if (auto ok = builder.add_file("my.tsv"); !ok) report(ok.error());   // file and line
//   auto mine = std::move(builder).compile();
//
// Phrases are matched on Token::lower, split further at '-', '.' and '\'' so that "U.S.",
// "Ching-te" and "Taiwan's" match however the splitter cut them. A phrase word written with an
// initial capital in the dictionary ("Turkey", "Chad") only matches a capitalised token; one in
// capitals ("US", "WHO", "LDP") only the same capitals. The file format is in docs/FORMATS.md,
// section "Actor dictionaries".
#pragma once

#include <cstdint>
#include "diplograph/expected.hpp"
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diplograph/model.hpp"

namespace diplograph::lexicon {

// What a dictionary phrase names.
enum class ActorEntryType : std::uint8_t {
  state,      // "Japan", "the UK": the state itself
  adjective,  // "Japanese", "Emirati": a modifier that makes an actor only before an actor noun
  capital,    // "Tokyo", "the Kremlin": the state's government when it acts
  igo,        // "the United Nations", "IAEA"
  role,       // "prime minister", "ministry", "officials": a CAMEO role, no country of its own
  organisation,  // "Liberal Democratic Party", "TSMC", "Taliban": a known organisation
  leader,     // "Fumio Kishida", "Kishida": a person with terms of office
  place,      // "Taiwan Strait": not an actor; blocks shorter matches inside it
};

// How a role word is used: a title of a person, a singular body, or a plural group of people.
enum class RoleUse : std::uint8_t { title, body, members };

// One meaning of a phrase.
struct ActorEntry {
  ActorEntryType type = ActorEntryType::state;
  std::string country;  // ISO alpha-3 for states, adjectives, capitals, leaders, national orgs
  std::string code;     // CAMEO: "JPN", "IGOUNOIAE", "JPNPTY"; the role alone ("GOV") for roles
  std::string name;     // canonical name: "Japan", "International Atomic Energy Agency"
  std::string id;       // canonical actor id: "state/JPN", "igo/IAE", "person/fumio-kishida"
  ActorKind kind = ActorKind::other;
  RoleUse use = RoleUse::body;  // roles only
  std::string title;    // roles with use title: the title as printed, "Prime Minister"
  bool alias = false;   // leaders: a short form ("Kishida"), trusted less than the full name
};

// One term of office: "Fumio Kishida, Prime Minister of JPN, 2021-10-04 .. 2024-10-01".
struct LeaderTerm {
  std::string person_id;  // "person/fumio-kishida"
  std::string name;       // "Fumio Kishida"
  std::string country;    // "JPN"
  std::string office;     // "Prime Minister"
  Date start;
  std::optional<Date> end;  // nullopt: still in office
  [[nodiscard]] bool covers(const Date& date) const {
    return start <= date && (!end || date < *end);
  }
};

// What is known of one state.
struct StateInfo {
  std::string iso3;       // "JPN"
  std::string name;       // "Japan"
  std::string adjective;  // "Japanese" (may be empty)
};

// A match: tokens [first_token, last_token] of the sentence name the entries listed.
struct LexiconMatch {
  std::size_t first_token = 0;
  std::size_t last_token = 0;  // inclusive
  std::span<const std::uint32_t> entries;
  std::uint32_t types = 0;  // the entries' types as bits (1 << ActorEntryType), made once per phrase
};

class ActorLexicon {
 public:
  class Builder;

  // The built-in dictionaries of data/actors/ and iso-codes, compiled once and shared.
  static std::shared_ptr<const ActorLexicon> builtin();
  // The built-in dictionaries plus users' files (--actors FILE).
  static expected<std::shared_ptr<const ActorLexicon>, Error> with_files(
      std::span<const std::string> paths);

  // Leftmost-longest matches over the tokens, not overlapping, in token order.
  [[nodiscard]] std::vector<LexiconMatch> match(std::span<const Token> tokens) const;
  // The same into `out` (cleared first), so that a caller can reuse one buffer per sentence.
  void match(std::span<const Token> tokens, std::vector<LexiconMatch>& out) const;
  // The same added at the end of `out`, so that a caller can keep every sentence's in one buffer.
  void append_matches(std::span<const Token> tokens, std::vector<LexiconMatch>& out) const;
  // The longest match starting at `start` (nullopt if none).
  [[nodiscard]] std::optional<LexiconMatch> match_at(std::span<const Token> tokens,
                                                     std::size_t start) const;

  [[nodiscard]] const ActorEntry& entry(std::uint32_t index) const { return m_entries[index]; }
  // entry(index).type, from a compact array (cheaper to reach per token than the entry).
  [[nodiscard]] ActorEntryType entry_type(std::uint32_t index) const { return m_entry_types[index]; }
  [[nodiscard]] std::size_t entry_count() const { return m_entries.size(); }
  [[nodiscard]] std::size_t phrase_count() const { return m_phrase_count; }

  [[nodiscard]] const StateInfo* state(std::string_view iso3) const;
  // ISO alpha-3 for an ISO or CAMEO country code ("ROM" -> "ROU", "KOS" -> "XKX"); empty if unknown.
  [[nodiscard]] std::string country_from_code(std::string_view code) const;

  // Every term of a person, oldest first.
  [[nodiscard]] std::vector<const LeaderTerm*> terms_of(std::string_view person_id) const;
  // The same as a range of the lexicon's own table, for callers that would rather not allocate.
  [[nodiscard]] std::span<const LeaderTerm> terms(std::string_view person_id) const;
  // The terms of the person an entry of this lexicon names (terms(entry.id)), found when the
  // lexicon was compiled rather than searched for by id.
  [[nodiscard]] std::span<const LeaderTerm> terms(const ActorEntry& entry) const;
  // The term a person holds on `date`, if any.
  [[nodiscard]] const LeaderTerm* term_on(std::string_view person_id, const Date& date) const;
  // The same among one person's terms (as terms() gives them), without looking them up again.
  [[nodiscard]] static const LeaderTerm* term_among(std::span<const LeaderTerm> terms,
                                                    const Date& date);
  // Who held `office` ("Prime Minister") of `country` on `date`.
  [[nodiscard]] const LeaderTerm* holder(std::string_view country, std::string_view office,
                                         const Date& date) const;
  // CAMEO code of a known person on a date: "JPNGOV" in office, "JPNELI" before or after.
  [[nodiscard]] std::string leader_code(std::string_view person_id,
                                        const std::optional<Date>& date) const;

 private:
  friend class Builder;
  // A compiled phrase: its words (lower-case parts) and per-word case requirements.
  enum class CaseRule : std::uint8_t { any, capitalised, exact };
  struct Phrase {
    std::vector<CaseRule> rules;
    std::vector<std::string> surface;  // the dictionary's spelling of each word
    std::vector<std::uint32_t> entries;
    std::uint32_t types = 0;  // LexiconMatch::types
  };
  // One matcher word of a sentence: a token, or a part of one cut at '-', '.', '\''. The part is
  // bytes [offset, offset + length) of the token's lower (and, when as long, of its text).
  struct Unit {
    std::uint32_t token = 0;
    std::uint32_t word = 0;  // the trie's id of the part, or Trie::kNoWord
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  struct Trie;  // defined in actor_trie.hpp
  // The units of a sentence; and, into `starts` if given, the indices of those that may begin a
  // match (the first word of a token, beginning some phrase), in order. The buffers are reused
  // from sentence to sentence and only grow: how many of their elements are this sentence's is
  // returned, and the rest are left over.
  struct UnitCounts {
    std::size_t units = 0;
    std::size_t starts = 0;
  };
  UnitCounts units_of(std::span<const Token> tokens, std::vector<Unit>& units,
                      std::vector<std::uint32_t>* starts = nullptr) const;
  // units_of's rarer paths: the id of a word longer than 8 bytes (and whether it may have to be
  // cut); and, kept out of its loop so that the loop's values stay in registers, the units of a
  // token cut at '-', '.' and '\'', written from `unit` (the end is returned; `start` as there).
  static std::uint32_t long_word_id(const Trie& trie, std::string_view lower, bool& cut);
  static Unit* cut_units(const Trie& trie, std::string_view lower, std::uint32_t token, Unit* unit,
                         const Unit* units, std::uint32_t*& start);
  // The longest match of the units from `start`, whose first word leads from the trie's root to
  // `node` (nonzero).
  // Sets `out` and `last_unit` (the index of its last unit) and returns true if there is one.
  [[nodiscard]] bool match_units(std::span<const Token> tokens, std::span<const Unit> units,
                                 std::size_t start, std::uint32_t node, LexiconMatch& out,
                                 std::size_t& last_unit) const;
  [[nodiscard]] bool case_ok(const Phrase& phrase, std::span<const Token> tokens,
                             std::span<const Unit> units, std::size_t start) const;

  std::vector<ActorEntry> m_entries;
  std::vector<ActorEntryType> m_entry_types;  // by entry
  std::vector<Phrase> m_phrases;
  std::vector<LeaderTerm> m_terms;  // sorted by person id, then start
  std::vector<std::pair<std::uint32_t, std::uint32_t>> m_entry_terms;  // by entry: its m_terms range
  // (country_key(term's country), index into m_terms), sorted: each country's terms together, in
  // m_terms' order, for holder(). The key is the country's first eight bytes and its length:
  // equal for equal countries (two others may share one, and are told apart by the country).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> m_terms_by_country;
  static std::uint64_t country_key(std::string_view country) {
    std::uint64_t k = country.size();
    for (std::size_t i = 0; i < country.size() && i < 8; ++i)
      k = (k << 8) ^ static_cast<unsigned char>(country[i]);
    return k;
  }
  std::vector<StateInfo> m_states;  // sorted by iso3
  std::unordered_map<std::string, std::string> m_country_codes;  // CAMEO/ISO code -> ISO
  std::shared_ptr<const Trie> m_trie;
  std::size_t m_phrase_count = 0;
};

// Collects dictionary tables, then compiles them. Not thread-safe; the result is.
class ActorLexicon::Builder {
 public:
  Builder();
  ~Builder();
  Builder(Builder&&) noexcept;
  Builder& operator=(Builder&&) noexcept;

  // The embedded data/actors/ tables and iso-codes' country list.
  expected<void, Error> add_builtin();
  // A table in the format of data/actors/ (its header says which table it is).
  expected<void, Error> add_file(const std::string& path);
  expected<void, Error> add_table(std::string_view file_name, std::string_view contents);
  // One phrase for one entry (tests and programmatic use).
  void add_phrase(std::string_view phrase, ActorEntry entry);

  [[nodiscard]] std::shared_ptr<const ActorLexicon> compile() &&;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

// Splits a dictionary phrase into matcher words the way tokens are split ("U.S." -> u s,
// "Taiwan's" -> taiwan s, "Ching-te" -> ching te), keeping the surface spelling of each.
std::vector<std::string> phrase_words(std::string_view phrase);
// "Fumio Kishida" -> "fumio-kishida"; "Ministry of Foreign Affairs" -> "ministry-of-foreign-affairs".
std::string slug(std::string_view name);

}  // namespace diplograph::lexicon
