// The verb-phrase (and event-noun) lexicon of the event coder: CAMEO-coded patterns over
// lower-cased tokens, written in data/cameo/*.txt (docs/FORMATS.md, "Event patterns") and
// compiled once into an immutable matcher, in the manner of RE2::Set: add() -> compile() ->
// match(). A compiled EventMatcher is shared by every thread.
//
//   lexicon::EventPatternSet set;
//   set.add("051  thank +\n0431 visit + @sym\n", "mine.txt");   // expected<void, Error>
//   auto matcher = std::move(set).compile();
//   // tokens of "Lai thanked Kishida for his support."
//   matcher->match(tokens)  ->  {pattern 0 ("thank +"), first=1, last=1, target_slot=2}
//
// Pattern words match every inflection of the word (thanked, thanks, thanking; talks; met), so
// patterns are written with lemmas. See inflections(). A slot followed by more words spans the
// actor's own tokens (up to 6): "accuse + of" matches "accused the Japanese government of".
// Time words ("on Friday", "today", "here") may stand between two pattern words.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diplograph/expected.hpp"
#include "diplograph/lexicon/word_table.hpp"
#include "diplograph/model.hpp"

namespace diplograph::lexicon {

// Every surface form of an English word used as a verb or a noun: the word itself, third person
// and plural (-s/-es/-ies), past and past participle (regular -ed with consonant doubling, and
// ~200 irregular verbs: met, held, sought, withdrawn), and the -ing form. Closed-class words
// (prepositions, determiners, pronouns, "not") are returned unchanged. Sorted, unique.
//   inflections("meet") -> {"meet","meeting","meets","met"}
std::vector<std::string> inflections(std::string_view word);

// The base form of a verb form when it is a known irregular or a regular -ed/-ing/-s form of
// `candidate`; used to tell a past participle ("expelled") from its base ("expel").
bool is_past_participle_of(std::string_view form, std::string_view lemma);

// What the coder should do with an event a pattern found.
struct EventPattern {
  std::string code;          // CAMEO event code, "051"
  std::string text;          // the pattern as written, for diagnostics
  std::string file;
  std::size_t line = 0;
  bool symmetric = false;    // @sym: code both directions (meet, hold talks with)
  bool pair = false;         // @pair: the actors in the target slot act on each other ("talks between + and +")
  bool governs = false;      // @governs: the rest of the clause is this event's content, not events of its own
  bool noun = false;         // @noun: an event noun; no subject search beyond its own noun phrase
  bool literal_head = false; // first word written "=word": matched as written, never read as a passive
  bool has_target_slot = false;
  bool has_source_slot = false;
};

// One place a pattern matched: tokens [first, last] (inclusive) of the span given to match().
struct PatternMatch {
  std::uint32_t pattern = 0;
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::int32_t target_slot = -1;  // token index where the target is expected, -1 if none
  std::int32_t source_slot = -1;  // token index where the source is expected, -1 if none
  auto operator<=>(const PatternMatch&) const = default;
};

class EventMatcher;

// Builder: collects patterns, then compile() turns them into an immutable EventMatcher.
class EventPatternSet {
 public:
  // Adds every pattern line of a file's text. On a bad line returns an Error naming `file` and
  // the line; lines before it stay added.
  expected<void, Error> add(std::string_view text, std::string_view file);
  [[nodiscard]] std::size_t size() const { return m_patterns.size(); }
  std::shared_ptr<const EventMatcher> compile() &&;

  // Internal representation, public so the tests' reference matcher can read it.
  struct Element {
    enum class Kind : std::uint8_t { word, gap, target, source };
    Kind kind = Kind::word;
    std::vector<std::string> forms;  // for words: every accepted surface form, sorted
    std::vector<std::uint32_t> ids;  // the same forms as ids of the matcher's vocabulary, sorted
    bool optional = false;
    std::uint8_t max_gap = 0;        // for gaps: 0..max_gap tokens
  };

 private:
  friend class EventMatcher;
  expected<void, Error> add_line(std::string_view line, std::string_view file, std::size_t line_no);
  // Expands "(a b|c)" groups into one line per alternative (every combination, left to right).
  static expected<void, std::string> expand_groups(std::string_view line, std::vector<std::string>& out);
  std::vector<EventPattern> m_patterns;
  std::vector<std::vector<Element>> m_elements;
  // inflections() by word, for add(); hashed, and looked up by views
  struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view word) const noexcept { return std::hash<std::string_view>{}(word); }
  };
  std::unordered_map<std::string, std::vector<std::string>, WordHash, std::equal_to<>> m_inflected;
};

class EventMatcher {
 public:
  // The patterns of data/cameo/*.txt, compiled once; aborts if the shipped data is broken
  // (the tests check it).
  static std::shared_ptr<const EventMatcher> builtin();

  // Every (pattern, start) that matches, sorted by (first, pattern). For each pattern and start
  // token the match with the shortest gaps is reported. Thread-safe.
  [[nodiscard]] std::vector<PatternMatch> match(std::span<const Token> tokens) const;

  // What match() works out about a sentence on its way, kept for the caller and reused across
  // sentences to save allocations: each token's id in vocabulary() (WordTable::npos for a word
  // no pattern uses), and, when some pattern's first word occurs, a byte of flags a token, of
  // which kTransparent marks the transparent time words (see transparent(); the flags are not
  // filled otherwise, and then no match is found).
  struct Scratch {
    static constexpr std::uint8_t kTransparent = 1;  // in flags: a time word a pattern may pass over
    std::vector<std::uint32_t> ids;
    // Whether token `i` is a transparent time word, once a match was found.
    [[nodiscard]] bool transparent(std::size_t i) const { return (flags[i] & kTransparent) != 0; }
    // The matcher's own per-token state, kept here for its room: a byte of flags a token
    // (transparent, stops a gap), and the tokens a pattern may start at.
    std::vector<std::uint8_t> flags;
    struct Start {
      std::uint32_t token;
      std::array<std::uint64_t, 4> bloom;  // the ids of the tokens after it
    };
    std::vector<Start> starts;  // the tokens some pattern starts at, last first (its size is room only)
  };
  [[nodiscard]] std::vector<PatternMatch> match(std::span<const Token> tokens, Scratch& scratch) const;
  // The same with scratch.ids already filled by the caller (one id of vocabulary() a token, or
  // WordTable::npos), for a caller that looks each token up in a table of its own that holds
  // the vocabulary's words under the same ids.
  [[nodiscard]] std::vector<PatternMatch> match_prepared(std::span<const Token> tokens, Scratch& scratch) const;
  // The same into `out` (cleared first), so a caller coding many sentences reuses its room.
  void match_prepared(std::span<const Token> tokens, Scratch& scratch, std::vector<PatternMatch>& out) const;
  // Every surface form of every pattern word.
  [[nodiscard]] const WordTable& vocabulary() const { return m_vocabulary; }

  [[nodiscard]] const EventPattern& pattern(std::size_t index) const { return m_patterns[index]; }
  [[nodiscard]] std::size_t size() const { return m_patterns.size(); }
  [[nodiscard]] const std::vector<EventPatternSet::Element>& elements(std::size_t index) const {
    return m_elements[index];
  }

  // Whether `tokens` (a whole sentence) matches pattern `index` starting at `first`, filling
  // `out`. Used by match() and exposed for tests. Tokens marked in `transparent` (time words:
  // "on Friday", "today", "here") may stand between two pattern words.
  bool match_at(std::size_t index, std::span<const Token> tokens, std::uint32_t first,
                PatternMatch& out, const std::vector<bool>* transparent = nullptr) const;
  // The time words of a sentence that match() lets stand between pattern words.
  static std::vector<bool> transparent_tokens(std::span<const Token> tokens);

 private:
  friend class EventPatternSet;
  std::vector<EventPattern> m_patterns;
  std::vector<std::vector<EventPatternSet::Element>> m_elements;
  bool match_ids(std::size_t index, std::span<const Token> tokens, const std::uint32_t* ids, std::uint32_t first,
                 PatternMatch& out, const std::vector<bool>* transparent) const;

  // The patterns' elements again, laid out for the matcher's inner loop: every pattern's steps
  // in one array (pattern p: m_steps[m_step_begin[p] .. m_step_begin[p + 1])) and every word's
  // ids in another, so that a match walks contiguous memory instead of nested vectors.
  // m_elements stays as it is for the callers that read elements().
  struct Step {
    std::uint64_t mask = 0;         // for words: bit (id % 64) of each id, a quick no before the scan
    std::uint32_t ids_begin = 0;    // for words: m_step_ids[ids_begin .. ids_begin + ids_count)
    std::uint32_t ids_count = 0;
    EventPatternSet::Element::Kind kind = EventPatternSet::Element::Kind::word;
    bool optional = false;
    bool spans = false;             // for slots: a word follows, so the slot may hold the actor's tokens
    std::uint8_t max_gap = 0;
  };
  std::vector<Step> m_steps;
  std::vector<std::uint32_t> m_step_begin;
  std::vector<std::uint32_t> m_step_ids;
  // A sentence's words as 256 bits (the bloom of Scratch::Start): a pattern is walked only when
  // the bloom of the words after its first word has a bit of each of its required words.
  using Bloom = std::array<std::uint64_t, 4>;
  // What the first-word index needs of a pattern, in one place: m_first[m_first_begin[i] ..
  // m_first_begin[i + 1]) are the patterns whose first word has vocabulary id i, in pattern order.
  struct First {
    Bloom all{};  // the bits of its required words that have a single bit: the bloom needs every one
    // One word of `all`, tested first: the one with most bits past the frequent words' (see
    // compile()), which turns most candidates away with one load.
    std::uint64_t key_mask = 0;
    std::uint16_t key_word = 0;
    bool only_key = false;  // `all` has no bits outside its key word: the key test is the whole test
    std::uint32_t pattern = 0;
    std::uint32_t steps_begin = 0;     // the steps after the first word (it is known to match)
    std::uint32_t steps_end = 0;
    std::uint32_t required_begin = 0;  // its required words of several bits, in m_required
    std::uint32_t required_end = 0;
  };
  std::vector<First> m_first;
  struct Walk;  // one match attempt (event_lexicon.cpp)

  WordTable m_vocabulary;
  // the patterns whose first word has vocabulary id i: m_first[m_first_begin[i] ..
  // m_first_begin[i + 1])
  std::vector<std::uint32_t> m_first_begin;
  // The required words (after the first) whose forms have several bloom bits ("to|with"), each
  // as the mask of those bits, of which the bloom needs one: m_required[First::required_begin ..
  // First::required_end).
  std::vector<Bloom> m_required;
  // What the matcher's per-token pass reads of a word, by vocabulary id, in one load: the time
  // words a pattern's words may be separated by (kTimeWord: "Friday", "today") and the words
  // before them that go with them (kTimeLead: "on", "last"), which are in the vocabulary even
  // when no pattern uses them, so a sentence's ids tell them apart; whether a pattern starts
  // with the word (kFirstWord); and its bloom bit (see compile()).
  static constexpr std::uint8_t kTimeWord = 1;
  static constexpr std::uint8_t kTimeLead = 2;
  static constexpr std::uint8_t kFirstWord = 4;
  struct WordInfo {
    std::uint8_t flags = 0;
    std::uint8_t bloom_bit = 0;
  };
  std::vector<WordInfo> m_words;
};

}  // namespace diplograph::lexicon
