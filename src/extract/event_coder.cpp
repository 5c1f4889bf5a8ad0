#include "diplograph/extract/event_coder.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "diplograph/extract/event_dates.hpp"
#include "diplograph/lexicon/cameo_codebook.hpp"
#include "diplograph/lexicon/event_lexicon.hpp"
#include "diplograph/lexicon/regions.hpp"
#include "diplograph/lexicon/word_table.hpp"

namespace diplograph::extract {
namespace {

using lexicon::EventPattern;
using lexicon::PatternMatch;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// The word lists of the coder, one bit each (looked up through detail::CoderWords below).
constexpr std::uint64_t kBe = 1ull << 0;  // forms of "be" and "get"
constexpr std::uint64_t kSpeech = 1ull << 1;  // verbs of saying
constexpr std::uint64_t kRelative = 1ull << 2;  // relative pronouns
constexpr std::uint64_t kSubordinator = 1ull << 3;  // subordinating conjunctions
constexpr std::uint64_t kOpener = 1ull << 4;  // words that open an adverbial phrase
constexpr std::uint64_t kIntentGovernor = 1ull << 5;  // words that make the verb after "to" an intent
constexpr std::uint64_t kRefusalGovernor = 1ull << 6;  // words that refuse the verb after "to"
constexpr std::uint64_t kAppealGovernor = 1ull << 7;  // words that ask for the verb after "to"
constexpr std::uint64_t kNegation = 1ull << 8;  // negations
constexpr std::uint64_t kModal = 1ull << 9;  // modal verbs
constexpr std::uint64_t kPreposition = 1ull << 10;  // prepositions
constexpr std::uint64_t kVerbPrefix = 1ull << 11;  // adverbs before a verb phrase
constexpr std::uint64_t kVerbLike = 1ull << 12;  // verb forms that start a verb phrase
constexpr std::uint64_t kListStop = 1ull << 13;  // words that end a nationality noun in a list
constexpr std::uint64_t kNounModifier = 1ull << 14;  // adjectives between a possessor and its noun
constexpr std::uint64_t kDeterminer = 1ull << 15;  // determiners after "to" that keep an addressee
constexpr std::uint64_t kPronoun = 1ull << 16;  // subject pronouns
constexpr std::uint64_t kAuxiliary = 1ull << 17;  // auxiliaries and particles
constexpr std::uint64_t kConditional = 1ull << 18;  // conditional conjunctions
constexpr std::uint64_t kHope = 1ull << 19;  // verbs of hoping and wishing
constexpr std::uint64_t kBeAlso = 1ull << 20;  // words between a governor and "to"
constexpr std::uint64_t kPassiveAdverb = 1ull << 21;  // adverbs between "be" and a participle
constexpr std::uint64_t kClauseJoin = 1ull << 22;  // words that start a clause after a comma
constexpr std::uint64_t kNounDeterminer = 1ull << 23;  // determiners that make the next word a noun
constexpr std::uint64_t kOpenPunct = 1ull << 24;  // punctuation before a capitalised word
constexpr std::uint64_t kDoVerb = 1ull << 25;  // verbs of doing an act
constexpr std::uint64_t kPriorAct = 1ull << 26;  // nouns naming an earlier act or claim
constexpr std::uint64_t kHostileLead = 1ull << 27;  // words before a hostile act noun
constexpr std::uint64_t kHostileAct = 1ull << 28;  // nouns of hostile acts
constexpr std::uint64_t kDateWord = 1ull << 29;  // words that can start a date expression (event_dates)
constexpr std::uint64_t kHard = 1ull << 30;  // punctuation that ends a clause outright
// single words the clause rules test often, as bits rather than string compares
constexpr std::uint64_t kStop = 1ull << 31;  // . , ? !
constexpr std::uint64_t kComma = 1ull << 32;
constexpr std::uint64_t kThe = 1ull << 33;
constexpr std::uint64_t kAnd = 1ull << 34;
constexpr std::uint64_t kOr = 1ull << 35;
constexpr std::uint64_t kBut = 1ull << 36;
constexpr std::uint64_t kTo = 1ull << 37;
constexpr std::uint64_t kThat = 1ull << 38;
constexpr std::uint64_t kPossessiveS = 1ull << 39;  // 's
constexpr std::uint64_t kApostrophe = 1ull << 40;  // ' (the possessive of a name ending in s)
constexpr std::uint64_t kIt = 1ull << 42;
constexpr std::uint64_t kObjectPronoun = 1ull << 43;  // him, her, them, ...
constexpr std::uint64_t kWhPronoun = 1ull << 44;  // who, which, whom, whose
constexpr std::uint64_t kClausePunct = 1ull << 45;  // , ; :
constexpr std::uint64_t kGroupOfStates = 1ull << 46;  // states, countries, nations, ... (a list's last item)
constexpr std::uint64_t kMoney = 1ull << 47;  // $, euros, million, ...: a sum of money
constexpr std::uint64_t kMeasureVerb = 1ull << 48;  // is, was, reached, fell, ...: a figure follows
constexpr std::uint64_t kHypothetical = 1ull << 49;  // idea, possibility, ...: "of" + gerund is not done
constexpr std::uint64_t kDocument = 1ull << 41;  // nouns of documents and statements that can urge or call

struct WordClasses {
  lexicon::WordTable words;
  std::vector<std::uint64_t> bits;
  void add(std::uint64_t bit, std::initializer_list<std::string_view> list) {
    add(bit, std::span<const std::string_view>(list.begin(), list.size()));
  }
  void add(std::uint64_t bit, std::span<const std::string_view> list) {
    for (const auto w : list) {
      const auto id = words.intern(w);
      if (id >= bits.size()) bits.resize(id + 1, 0);
      bits[id] |= bit;
    }
  }
};

const WordClasses& word_classes() {
  static const WordClasses table = [] {
    WordClasses t;
    t.add(kBe, {"is", "are", "was", "were", "be", "been", "being", "am", "get", "got", "gets"});
    t.add(kSpeech, {"said", "says", "say", "told", "tells", "added", "stated", "announced", "announces", "reported", "declared", "claimed", "confirmed", "noted", "stressed", "insisted", "according", "quoted", "believed", "believes", "thinks", "thought"});
    t.add(kRelative, {"who", "which", "whom", "whose", "that"});
    t.add(kSubordinator, {"but", "while", "whereas", "although", "though", "because", "unless", "if", "when", "after", "before", "since", "until", "whether", "where"});
    t.add(kOpener, {"in", "after", "before", "despite", "during", "following", "amid", "amidst", "under", "with", "since", "as", "while", "when", "although", "though", "according", "meanwhile", "however", "ahead", "earlier", "later", "overall", "also", "yet", "still", "on", "at", "for", "by", "from", "over", "last", "this", "separately", "instead", "once", "if", "unless", "because", "to", "without", "besides", "like", "unlike", "speaking", "asked"});
    t.add(kIntentGovernor, {"plan", "plans", "planned", "planning", "intend", "intends", "intended", "intending", "agree", "agrees", "agreed", "agreeing", "offer", "offers", "offered", "offering", "promise", "promises", "promised", "pledge", "pledges", "pledged", "vow", "vows", "vowed", "hope", "hopes", "hoped", "hoping", "want", "wants", "wanted", "seek", "seeks", "sought", "seeking", "ready", "willing", "prepared", "prepare", "prepares", "preparing", "expect", "expects", "expected", "aim", "aims", "aimed", "aiming", "decide", "decides", "decided", "set", "going", "likely", "able", "poised", "due", "wish", "wishes", "wished", "propose", "proposes", "proposed", "try", "tries", "tried", "trying", "attempt", "attempts", "attempted", "committed", "determined", "eager", "keen", "move", "moves", "moved", "is", "are", "was", "were", "effort", "efforts", "plan", "proposal", "bid", "decision", "pledge", "promise", "intention", "commitment", "readiness", "willingness", "would", "will", "need", "needs"});
    t.add(kRefusalGovernor, {"refuse", "refuses", "refused", "refusing", "decline", "declines", "declined", "declining", "fail", "fails", "failed", "failing", "unwilling", "reluctant", "refusal"});
    t.add(kAppealGovernor, {"urge", "urges", "urged", "urging", "ask", "asks", "asked", "asking", "call", "calls", "called", "calling", "invite", "invites", "invited", "press", "pressed", "pressing", "appeal", "appeals", "appealed", "demand", "demands", "demanded", "encourage", "encouraged", "encourages", "request", "requested", "requests", "tell", "told", "warn", "warned", "warns", "pressure", "pressured", "order", "ordered", "force", "forced", "persuade", "persuaded", "allow", "allowed", "permit", "permitted"});
    t.add(kNegation, {"not", "n't", "never", "no", "neither", "nor", "cannot", "without", "nothing"});
    t.add(kModal, {"will", "would", "'ll", "shall", "may", "might", "could", "can", "should", "must"});
    t.add(kPreposition, {"to", "in", "at", "for", "from", "with", "on", "by", "into", "against", "over", "about", "toward", "towards", "upon", "onto", "between", "among", "as", "of", "that", "alongside"});
    t.add(kVerbPrefix, {"also", "then", "later", "not"});
    t.add(kVerbLike, {"said", "says", "has", "have", "had", "will", "would", "is", "was", "were", "are", "met", "held", "sent", "made", "gave", "took", "told", "won", "left", "went", "called", "signed", "can", "could", "may", "might", "must", "should", "did", "does", "do", "threatened", "warned", "urged", "agreed"});
    t.add(kListStop, {"and", "or", "as", "the", "to", "in", "of", "with"});
    t.add(kNounModifier, {"new", "recent", "further", "continued", "strong", "warm", "firm"});
    t.add(kDeterminer, {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"});
    t.add(kPronoun, {"it", "he", "she", "they", "we"});
    t.add(kAuxiliary, {"has", "have", "had", "also", "not", "n't", "to", "then"});
    t.add(kConditional, {"if", "unless", "whether"});
    t.add(kHope, {"hope", "hopes", "hoped", "hoping", "wish", "wishes", "wished"});
    t.add(kBeAlso, {"be", "been", "also", "not", "now"});
    t.add(kPassiveAdverb, {"also", "not", "n't", "already", "being", "been", "reportedly", "allegedly", "previously", "recently", "just", "later"});
    t.add(kClauseJoin, {"and", "but", "while", "which", "who"});
    t.add(kNounDeterminer, {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "'s"});
    t.add(kOpenPunct, {"-", "\"", "("});
    t.add(kHard, {";", ":", "(", ")", "--"});
    t.add(kStop, {".", ",", "?", "!"});
    t.add(kComma, {","});
    t.add(kThe, {"the"});
    t.add(kAnd, {"and"});
    t.add(kOr, {"or"});
    t.add(kBut, {"but"});
    t.add(kTo, {"to"});
    t.add(kThat, {"that"});
    t.add(kPossessiveS, {"'s"});
    t.add(kApostrophe, {"'"});
    t.add(kIt, {"it"});
    t.add(kWhPronoun, {"who", "which", "whom", "whose"});
    t.add(kClausePunct, {",", ";", ":"});
    t.add(kGroupOfStates, {"states", "countries", "nations", "governments", "allies", "partners", "others", "members"});
    t.add(kHypothetical, {"idea", "ideas", "possibility", "possibilities", "prospect", "prospects", "notion",
                          "option", "options", "question", "speculation", "suggestion", "suggestions", "talk",
                          "rumours", "rumors", "fear", "fears", "risk", "risks", "danger", "hypothesis", "scenario"});
    t.add(kMeasureVerb, {"is", "was", "are", "were", "has", "have", "had", "reached", "totalled", "totaled", "topped",
                         "stood", "stands", "grew", "rose", "fell", "amounted", "amounts", "doubled", "tripled",
                         "exceeded", "exceeds", "jumped", "dropped", "declined", "increased", "surged", "slumped",
                         "hit", "reaches", "grows", "rises", "falls", "totals", "tops", "expanded", "shrank", "contracted"});
    t.add(kMoney, {"$", "us$", "€", "£", "¥", "dollars", "euros", "pounds", "yen", "yuan", "francs", "million", "billion", "mln", "bln"});
    t.add(kObjectPronoun, {"him", "her", "them", "us", "me", "it"});
    t.add(kDocument, {"statement", "statements", "letter", "letters", "resolution", "resolutions", "report", "note",
                      "message", "declaration", "communique", "communiqué", "motion", "bill", "decree", "memo",
                      "memorandum", "notice", "circular", "advisory", "directive", "ultimatum", "vote", "draft"});
    t.add(kDoVerb, {"carried", "carry", "carries", "carrying", "launched", "launch", "launches", "launching", "conducted", "conduct", "conducts", "staged", "stage", "mounted", "mount", "began", "begin", "stepped", "step", "intensified", "intensify", "escalated", "escalate", "continued", "continue", "resumed", "resume", "made", "make", "waged", "wage", "unleashed", "ordered", "order"});
    t.add(kPriorAct, {"measures", "measure", "decision", "decisions", "accusation", "accusations", "allegation", "allegations", "charges", "claims", "claim", "move", "moves", "demand", "demands", "criticism", "ultimatum", "proposal", "account", "announcement", "step", "offer", "description", "statement", "statements", "report", "reports", "release", "withdrawal", "charge", "involvement", "role", "wrongdoing", "complicity", "remarks", "comments", "assertion", "assertions", "argument", "request", "plan", "cancellation", "removal", "signing"});
    t.add(kHostileLead, {"the", "this", "these", "that", "those", "its", "their", "latest", "recent", "weekend", "overnight", "military", "missile", "drone", "air", "naval", "brutal", "dangerous", "unlawful", "illegal", "reckless", "deadly", "unprovoked", "continued", "repeated", "alleged", "violent", "arbitrary", "ongoing", "such", "any", "further", "new", "cross-border"});
    t.add(kDateWord, date_keywords());
    t.add(kHostileAct, {"attack", "attacks", "strike", "strikes", "drills", "exercises", "deployment", "build-up", "buildup", "invasion", "offensive", "shelling", "bombing", "bombardment", "incursion", "incursions", "launch", "launches", "test", "tests", "provocation", "provocations", "raid", "raids", "assault", "aggression", "escalation", "seizure", "detention", "expulsion", "blockade", "sanctions", "treatment", "mistreatment", "killing", "killings", "beating", "beatings", "arrest", "arrests", "detentions", "harassment", "abuse", "crackdown", "violence", "intrusion", "intrusions", "ramming", "occupation", "annexation", "massacre", "bombings", "airstrike", "airstrikes", "shooting", "shootings", "execution", "executions", "persecution", "seizures", "expulsions", "incident"});
    return t;
  }();
  return table;
}

}  // namespace

namespace {

// The words of up to 16 bytes of a WordTable, in direct-mapped tables keyed by their bytes, as
// lexicon::ShortWordIndex keeps those of up to 8, but with the key read from a token in one load
// (two past 8 bytes): a token's text is a std::string, whose buffer holds at least 16 bytes (in
// the string itself or on the heap), so its first 8 or 16 bytes can be read whole and those
// past its end masked off, where ShortWordIndex::key, which takes any string_view, needs two
// loads or three and a branch, and WordTable::find hashes a longer word a few bytes at a time.
// Its slots are filled as ShortWordIndex's (lexicon::place_in_slot); words a shared slot sends
// on, and longer words, are asked of the table. find(w) == table.find(w) for every w.
class TokenIndex {
 public:
  TokenIndex() = default;
  TokenIndex(const lexicon::WordTable& table, unsigned bits) : m_shift(64 - bits) {
    m_slots.assign(std::size_t{1} << bits, Slot{});
    m_long.assign(std::size_t{1} << bits, LongSlot{});
    for (std::uint32_t id = 0; id < table.size(); ++id) {
      const std::string_view w = table.word(id);
      if (w.empty() || w.size() > 16) continue;
      char bytes[16] = {};
      std::memcpy(bytes, w.data(), w.size());
      std::uint64_t key;
      std::memcpy(&key, bytes, 8);
      const auto n = static_cast<std::uint32_t>(w.size());
      if (n > 8) {
        std::uint64_t tail;
        std::memcpy(&tail, bytes + 8, 8);
        lexicon::place_in_slot(m_long[long_index(key, tail, n)], LongSlot{key, tail, n, id});
        continue;
      }
      lexicon::place_in_slot(m_slots[index(key, n)], Slot{key, n, id});
    }
  }

  // The id `table` (the one the index was built from) gives `word`, or WordTable::npos.
  [[nodiscard]] std::uint32_t find(const std::string& word, const lexicon::WordTable& table) const {
    const std::size_t n = word.size();
    if (n - 1 < 8) {  // 1 to 8 bytes
      std::uint64_t key;
      std::memcpy(&key, word.data(), 8);  // (inside the string's buffer: see above)
      key &= ~0ull >> (64 - 8 * n);
      const Slot& s = m_slots[index(key, n)];
      if (s.key == key && (s.n & ~kShared) == n) return s.id;
      if (!(s.n & kShared)) return lexicon::WordTable::npos;
    } else if (n - 9 < 8) {  // 9 to 16 bytes
      std::uint64_t key;
      std::uint64_t tail;
      std::memcpy(&key, word.data(), 8);
      std::memcpy(&tail, word.data() + 8, 8);  // (inside the string's buffer: see above)
      tail &= ~0ull >> (128 - 8 * n);
      const LongSlot& s = m_long[long_index(key, tail, n)];
      if (s.key == key && s.tail == tail && (s.n & ~kShared) == n) return s.id;
      if (!(s.n & kShared)) return lexicon::WordTable::npos;
    }
    return table.find(word);
  }

 private:
  static_assert(std::endian::native == std::endian::little, "the mask keeps a word's first bytes");
  static constexpr std::uint32_t kShared = lexicon::kSharedSlot;  // in Slot::n: other words fall here too
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t n = 0;  // the word's length, with kShared
    std::uint32_t id = lexicon::WordTable::npos;  // npos: no word here
  };
  struct LongSlot {
    std::uint64_t key = 0;   // bytes 0-7
    std::uint64_t tail = 0;  // bytes 8-15, zeros past the word's end
    std::uint32_t n = 0;
    std::uint32_t id = lexicon::WordTable::npos;
  };
  [[nodiscard]] std::size_t index(std::uint64_t key, std::size_t n) const {
    return static_cast<std::size_t>(((key + n) * 0x9E3779B97F4A7C15ULL) >> m_shift);
  }
  [[nodiscard]] std::size_t long_index(std::uint64_t key, std::uint64_t tail, std::size_t n) const {
    return static_cast<std::size_t>((((key ^ (tail * 0xC2B2AE3D27D4EB4FULL)) + n) * 0x9E3779B97F4A7C15ULL) >> m_shift);
  }
  std::vector<Slot> m_slots;
  std::vector<LongSlot> m_long;  // words of 9 to 16 bytes
  unsigned m_shift = 63;
};

}  // namespace

// Every word the coder looks tokens up for, in one table: first the matcher's vocabulary under
// the matcher's own ids (0 .. vocabulary - 1), then the words of the coder's lists; `bits` holds
// each word's list bits. One hash a token serves both.
struct detail::CoderWords {
  lexicon::WordTable table;
  std::vector<std::uint64_t> bits;
  std::uint32_t vocabulary = 0;

  explicit CoderWords(const lexicon::EventMatcher& matcher) {
    const auto& vocabulary_table = matcher.vocabulary();
    vocabulary = static_cast<std::uint32_t>(vocabulary_table.size());
    for (std::uint32_t id = 0; id < vocabulary; ++id) table.intern(vocabulary_table.word(id));
    const auto& lists = word_classes();
    for (std::uint32_t id = 0; id < lists.words.size(); ++id) {
      const auto own = table.intern(lists.words.word(id));
      if (own >= bits.size()) bits.resize(own + 1, 0);
      bits[own] |= lists.bits[id];
    }
    bits.resize(table.size(), 0);
    index = TokenIndex(table, 14);
    pattern_words.reserve(matcher.size());
    for (std::size_t p = 0; p < matcher.size(); ++p) {
      const auto& elements = matcher.elements(p);
      pattern_words.push_back(static_cast<std::uint32_t>(std::count_if(elements.begin(), elements.end(), [](const auto& e) {
        return e.kind == lexicon::EventPatternSet::Element::Kind::word;
      })));
    }
  }

  std::vector<std::uint32_t> pattern_words;  // by pattern: how many words it has (select() ranks by it)

  TokenIndex index;  // most tokens are found here without hashing
  [[nodiscard]] std::uint32_t find(const std::string& word) const { return index.find(word, table); }
};

namespace {

// Whether `s` starts with `prefix` ("057"). (std::string::starts_with and rfind(prefix, 0) are
// calls GCC leaves out of line, and the coder asks this of each code it makes, many times.)
bool has_prefix(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::char_traits<char>::compare(s.data(), prefix.data(), prefix.size()) == 0;
}

// A token's lower-case text as SentenceCoder::low() gives it: a std::string_view whose tests
// against a word ("by") and a suffix ("ing") are always inline. (In the coder's big functions
// GCC calls std::string_view's out of line, ~40-60 instructions a test, and the clause rules
// make hundreds of thousands of them.)
struct LowWord : std::string_view {
  LowWord() = default;
  LowWord(std::string_view w) : std::string_view(w) {}
  [[gnu::always_inline]] bool ends_with(std::string_view suffix) const {
    return size() >= suffix.size() &&
           std::char_traits<char>::compare(data() + (size() - suffix.size()), suffix.data(), suffix.size()) == 0;
  }
  [[gnu::always_inline]] friend bool operator==(LowWord a, std::string_view b) {
    return a.size() == b.size() && std::char_traits<char>::compare(a.data(), b.data(), b.size()) == 0;
  }
};

// A CAMEO code's root as a number ("042" -> 4), or -1.
int root_number(std::string_view code) {
  if (code.size() < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return -1;
  return (code[0] - '0') * 10 + (code[1] - '0');
}

// The key the evaluation compares actors by: IGOs by their last three letters, others by the
// first three (JPNGOV -> JPN). The key is up to three letters, kept packed in one integer so that the coder's many key
// comparisons are one compare each (0: no key).
struct ActorKey {
  std::uint32_t packed = 0;
  [[nodiscard]] bool empty() const { return packed == 0; }
  friend bool operator==(ActorKey, ActorKey) = default;
  friend auto operator<=>(ActorKey, ActorKey) = default;
};

ActorKey actor_key(const Actor& actor) {
  // the key is an IGO code's last three letters, else the code's (or the country's) first three
  const std::string_view code = actor.code.empty() ? std::string_view(actor.country) : std::string_view(actor.code);
  auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
  const bool igo = code.size() >= 6 && upper(code[0]) == 'I' && upper(code[1]) == 'G' && upper(code[2]) == 'O';
  const std::string_view key = igo ? code.substr(code.size() - 3) : code.substr(0, 3);
  ActorKey k;
  for (const char c : key) k.packed = (k.packed << 8) | static_cast<unsigned char>(upper(c));
  return k;
}

// Who last acted on each side of the story, and in which sentence: a handful of keys a
// document, kept in a small vector (a map allocated a node for each).
class ActedOn {
 public:
  // The actor who last acted on `key`, or nullptr.
  [[nodiscard]] const std::size_t* find(ActorKey key) const {
    for (const auto& e : m_entries)
      if (e.key == key) return &e.actor;
    return nullptr;
  }
  void set(ActorKey key, std::size_t actor, std::size_t sentence) {
    for (auto& e : m_entries)
      if (e.key == key) {
        e.actor = actor;
        e.sentence = sentence;
        return;
      }
    m_entries.push_back({key, actor, sentence});
  }
  // Forgets what was done more than `sentences` before sentence `s`.
  void expire(std::size_t s, std::size_t sentences) {
    std::erase_if(m_entries, [&](const Entry& e) { return s > e.sentence + sentences; });
  }

 private:
  struct Entry {
    ActorKey key;
    std::size_t actor;
    std::size_t sentence;
  };
  std::vector<Entry> m_entries;
};

// The story's parties, by how often each is named in the whole document: "Pakistan denied any
// role", in a story about India and Pakistan, answers India. A reader takes the side a reaction
// answers from the story when the sentence names no one; so does a news annotator.
class StoryParties {
 public:
  // (The tally is made the first time a reaction needs it: most documents never ask.)
  StoryParties(const DocumentActors& actors, const std::vector<ActorKey>& keys) : m_actors(actors), m_keys(keys) {}

  // The actors of the two parties named most often other than `own`, both named at least twice
  // and more often than the next ("talks mediated by Qatar": between whom the story is about).
  [[nodiscard]] std::pair<std::size_t, std::size_t> two_sides(ActorKey own) const {
    if (!m_tallied) tally();
    const Party* top[3] = {nullptr, nullptr, nullptr};
    std::size_t n = 0;
    for (const auto& p : m_parties) {
      if (p.key == own) continue;
      top[n++] = &p;
      if (n == 3) break;
    }
    if (n < 2 || top[1]->mentions < 2 || (n == 3 && top[2]->mentions >= top[1]->mentions)) return {kNone, kNone};
    return {top[0]->actor, top[1]->actor};
  }

  // The actor of the party named most often other than `own`, when it leads the others clearly
  // (named at least twice, and more often than the next); kNone otherwise.
  [[nodiscard]] std::size_t counterpart(ActorKey own) const {
    if (!m_tallied) tally();
    const Party* first = nullptr;
    const Party* second = nullptr;
    for (const auto& p : m_parties) {
      if (p.key == own) continue;
      if (!first) first = &p;
      else if (!second) second = &p;
      else break;
    }
    if (!first || first->mentions < 2 || (second && second->mentions >= first->mentions)) return kNone;
    return first->actor;
  }

 private:
  struct Party {
    ActorKey key;
    std::size_t actor;     // the party's most named actor
    std::size_t mentions;  // how often the party is named
  };

  void tally() const {
    m_tallied = true;
    std::vector<std::size_t> named(m_actors.actors.size(), 0);
    for (const auto& m : m_actors.mentions)
      if (m.actor < named.size()) ++named[m.actor];
    for (std::size_t a = 0; a < named.size(); ++a) {
      if (m_keys[a].empty() || named[a] == 0) continue;
      auto it = std::find_if(m_parties.begin(), m_parties.end(), [&](const Party& p) { return p.key == m_keys[a]; });
      if (it == m_parties.end()) {
        m_parties.push_back({m_keys[a], a, 0});
        it = std::prev(m_parties.end());
      } else if (named[a] > named[it->actor]) {
        it->actor = a;  // the party's most named actor stands for it
      }
      it->mentions += named[a];
    }
    std::stable_sort(m_parties.begin(), m_parties.end(), [](const Party& a, const Party& b) { return a.mentions > b.mentions; });
  }

  const DocumentActors& m_actors;
  const std::vector<ActorKey>& m_keys;
  mutable bool m_tallied = false;
  mutable std::vector<Party> m_parties;  // most named first
};

// Words that say the verb after "to" is only intended: "plans to visit", "agreed to provide".
// The intent (03x) or threat (13x) a future or planned event stands for.
std::string intent_code(const std::string& code) {
  const std::string root = code.substr(0, 2);
  if (root == "04") return "036";
  if (root == "05") return code.rfind("057", 0) == 0 ? "037" : "032";
  if (root == "06") return code.rfind("062", 0) == 0 ? "0312" : code.rfind("061", 0) == 0 ? "0311" : "031";
  if (root == "07") {
    if (code.rfind("071", 0) == 0) return "0331";
    if (code.rfind("072", 0) == 0) return "0332";
    if (code.rfind("073", 0) == 0) return "0333";
    if (code.rfind("074", 0) == 0) return "0334";
    return "033";
  }
  if (root == "08") {
    if (code.rfind("081", 0) == 0) return "0351";
    if (code.rfind("084", 0) == 0) return "0354";
    if (code.rfind("085", 0) == 0) return "0355";
    if (code.rfind("086", 0) == 0) return "0356";
    if (code.rfind("087", 0) == 0) return "0357";
    return "035";
  }
  if (root == "14") return "133";
  if (root == "16") {
    if (code.rfind("161", 0) == 0) return "1313";
    if (code.rfind("162", 0) == 0) return "1311";
    if (code.rfind("166", 0) == 0) return "1312";
    return "131";
  }
  if (root == "17") return "137";
  if (root == "15" || root == "18" || root == "19" || root == "20") return "138";
  return code;  // statements, appeals, demands, rejections and threats keep their code
}

enum class Boundary { start, hard, opener, relative, speech, subordinate, coordination, unknown };

// A few mention indices: the actors of a subject, an object or a list. Inline room for the usual
// one to four, so the clause rules' answers cost no allocation; more go to the heap. The clause
// rules return these by value and assign them often: a move copies the six inline slots whole,
// a few stores, where boost's small_vector moved them one by one in a call (~50 instructions).
class Mentions {
 public:
  using value_type = std::size_t;
  using iterator = std::size_t*;
  using const_iterator = const std::size_t*;

  Mentions() = default;
  Mentions(std::initializer_list<std::size_t> list) {
    for (const auto m : list) push_back(m);
  }
  Mentions(const Mentions& other) { append(other.begin(), other.end()); }
  [[gnu::always_inline]] Mentions(Mentions&& other) noexcept { take(other); }
  Mentions& operator=(const Mentions& other) {
    if (this != &other) {
      m_size = 0;
      append(other.begin(), other.end());
    }
    return *this;
  }
  [[gnu::always_inline]] Mentions& operator=(Mentions&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~Mentions() { release(); }

  [[nodiscard]] bool empty() const { return m_size == 0; }
  [[nodiscard]] std::size_t size() const { return m_size; }
  std::size_t* begin() { return m_data; }
  std::size_t* end() { return m_data + m_size; }
  const std::size_t* begin() const { return m_data; }
  const std::size_t* end() const { return m_data + m_size; }
  std::size_t& operator[](std::size_t i) { return m_data[i]; }
  std::size_t operator[](std::size_t i) const { return m_data[i]; }
  std::size_t front() const { return m_data[0]; }
  std::size_t back() const { return m_data[m_size - 1]; }
  void push_back(std::size_t m) {
    if (m_size == m_capacity) grow();
    m_data[m_size++] = m;
  }
  void clear() { m_size = 0; }
  void resize(std::size_t n) {
    while (m_size < n) push_back(0);
    m_size = n;
  }
  std::size_t* erase(std::size_t* first, std::size_t* last) {
    std::copy(last, end(), first);
    m_size -= static_cast<std::size_t>(last - first);
    return first;
  }

 private:
  static constexpr std::size_t kInline = 6;
  void append(const std::size_t* first, const std::size_t* last) {
    for (; first != last; ++first) push_back(*first);
  }
  void grow() {
    const std::size_t capacity = 2 * m_capacity;
    auto* bigger = new std::size_t[capacity];
    std::copy(m_data, m_data + m_size, bigger);
    release();
    m_data = bigger;
    m_capacity = capacity;
  }
  [[gnu::always_inline]] void release() {
    if (m_data != m_inline) delete[] m_data;
    m_data = m_inline;
    m_capacity = kInline;
  }
  // (called with this one released: its data in its own inline room)
  [[gnu::always_inline]] void take(Mentions& other) {
    if (other.m_data == other.m_inline) {
      std::copy(other.m_inline, other.m_inline + kInline, m_inline);
    } else {
      m_data = other.m_data;
      m_capacity = other.m_capacity;
      other.m_data = other.m_inline;
      other.m_capacity = kInline;
    }
    m_size = other.m_size;
    other.m_size = 0;
  }
  std::size_t m_inline[kInline] = {};  // (all set, so that a move may copy them whole)
  std::size_t* m_data = m_inline;
  std::size_t m_size = 0;
  std::size_t m_capacity = kInline;
};

struct Segment {
  std::size_t start = 0;
  Boundary kind = Boundary::start;
};

struct Modality {
  bool negated = false;
  bool intent = false;
  bool decision = false;  // the intent is a decision announced: "would", "will", "decided to"
  bool conditional = false;
  bool embedded = false;  // the content of an appeal, demand or refusal: coded by that verb
  bool speculative = false;  // "could", "might": a possibility, not a report
};

struct Candidate {
  std::size_t source = 0;  // actor indices
  std::size_t target = 0;
  std::string code;
  double confidence = 0.0;
  // where the event is told, for its date: the verb's token, its clause [clause_start,
  // clause_end), and the end of the sentence's opening phrase (kNone without one)
  std::size_t verb = 0;
  std::size_t clause_start = 0;
  std::size_t clause_end = 0;
  std::size_t opener_end = static_cast<std::size_t>(-1);
};

// The per-token vectors of SentenceCoder, kept across a document's sentences so that each
// sentence reuses their room instead of allocating its own.
// A match with the keys select() ranks it by.
struct RankedMatch {
  lexicon::PatternMatch match;
  bool slot = false;
  std::uint32_t length = 0;
  std::size_t words = 0;
  std::size_t order = 0;  // its place in the matcher's output
};

// The mentions that start at each token of a sentence, in mention order: starts[i] is a span
// (empty, front(), a range). One array for all of them rather than a vector a token, so that
// indexing a sentence is a clear and a fill, with no per-token vector to clear or grow: add()
// each mention in mention order, then finish(). (The recogniser gives a sentence's mentions by
// first token, so they come in token order and each token's are together; when they do not,
// finish() puts them in that order first, keeping mention order among a token's.)
class MentionStarts {
 public:
  std::span<const std::size_t> operator[](std::size_t i) const {
    return {m_items.data() + m_ranges[i].begin, m_ranges[i].count};
  }
  // Room for a sentence of n tokens, none with a mention yet (starts[n] is empty too).
  void reset(std::size_t n) {
    m_ranges.assign(n + 1, Range{});
    m_added.clear();
    m_in_order = true;
  }
  void add(std::size_t token, std::size_t mention) {
    if (!m_added.empty() && token < m_added.back().first) m_in_order = false;
    m_added.emplace_back(token, mention);
  }
  void finish() {
    if (!m_in_order)
      std::stable_sort(m_added.begin(), m_added.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    m_items.resize(m_added.size());
    for (std::uint32_t k = 0; k < m_added.size(); ++k) {
      Range& range = m_ranges[m_added[k].first];
      if (range.count == 0) range.begin = k;
      ++range.count;
      m_items[k] = m_added[k].second;
    }
  }

 private:
  struct Range {
    std::uint32_t begin = 0;  // token i's mentions: m_items[begin .. begin + count)
    std::uint32_t count = 0;
  };
  std::vector<Range> m_ranges;
  std::vector<std::size_t> m_items;
  std::vector<std::pair<std::size_t, std::size_t>> m_added;  // (first token, mention), as added
  bool m_in_order = true;
};

// (Flags a token are bytes, not std::vector<bool>: filled and read with plain stores and loads.)
struct SentenceBuffers {
  std::vector<std::size_t> cover;
  MentionStarts starts;
  std::vector<std::uint8_t> consumed;
  lexicon::EventMatcher::Scratch scratch;
  std::vector<std::uint8_t> matcher_heads;
  std::vector<std::uint64_t> word_classes;
  std::vector<Segment> segments;
  std::vector<lexicon::PatternMatch> matches, kept;
  std::vector<RankedMatch> ranked;
  std::vector<bool> relative;  // the sentence's tokens inside relative clauses (for dates)
  // Where each sentence's mentions are in the document's list (sorted by sentence): sentence
  // s's are [sentence_mentions[s], sentence_mentions[s + 1]). Made once a document, by code().
  std::vector<std::size_t> sentence_mentions;
};

class SentenceCoder {
 public:
  SentenceCoder(const Document& doc, const DocumentActors& actors, const std::vector<ActorKey>& keys,
                SentenceBuffers& buffers, const detail::CoderWords& words, std::size_t sentence,
                const lexicon::EventMatcher& matcher,
                std::vector<std::string>* trace,
                const std::vector<std::size_t>& last_hostile, const ActedOn* last_acted_on,
                const std::vector<std::size_t>& last_aided, const StoryParties& story)
      : m_trace(trace), m_words(words), m_actors(actors), m_keys(keys), m_sentence(doc.sentences[sentence]), m_index(sentence),
        m_matcher(matcher), m_tokens(m_sentence.tokens),
        m_cover(buffers.cover), m_starts(buffers.starts), m_consumed(buffers.consumed), m_scratch(buffers.scratch),
        m_matcher_heads(buffers.matcher_heads), m_class(buffers.word_classes), m_segments(buffers.segments), m_buffers(buffers), m_last_hostile(last_hostile), m_last_acted_on(last_acted_on), m_last_aided(last_aided), m_story(story) {}

  // The recipients of aid the sentence named (actor indices), once run() is done.
  std::vector<std::size_t> take_aided() { return std::move(m_aided); }

  void run(std::vector<Candidate>& out) {
    if (m_tokens.empty()) return;
    if (std::string_view(m_tokens.back().text) == "?") return;  // questions are not reports of events
    classify_words();  // the matcher's ids and the coder's word classes, one look-up a token
    auto& matches = m_buffers.matches;
    m_matcher.match_prepared(m_tokens, m_scratch, matches);
    if (matches.empty()) return;  // most sentences: nothing more to do
    index_mentions();
    find_opener();
    m_matcher_heads.assign(m_tokens.size(), false);
    for (const auto& m : matches) m_matcher_heads[m.first] = true;
    m_segments.assign(m_tokens.size(), Segment{0, Boundary::unknown});
    select(matches);
    m_consumed.assign(m_tokens.size(), false);
    for (const auto& m : matches) code_match(m, out);
  }

 private:
  void index_mentions() {
    const std::size_t n = m_tokens.size();
    const std::size_t sentence = m_index;
    const auto& actors = m_actors;
    m_cover.assign(n, kNone);
    m_starts.reset(n);
    const auto [first, last] = mentions_of(sentence);
    auto valid = [&](const Mention& it) {
      return it.first_token < n && it.last_token < n && it.last_token >= it.first_token;
    };
    for (std::size_t index = first; index < last; ++index) {
      const Mention& it = actors.mentions[index];
      if (!valid(it)) continue;
      m_starts.add(it.first_token, index);
      for (std::size_t t = it.first_token; t <= it.last_token; ++t)
        if (m_cover[t] == kNone) m_cover[t] = index;
    }
    m_starts.finish();
  }

  LowWord low(std::size_t i) const {
    return i < m_tokens.size() ? std::string_view(m_tokens[i].lower) : std::string_view();
  }
  // Whether token i's text is `w` (inline, where std::string's == is a call).
  bool text_is(std::size_t i, std::string_view w) const { return LowWord(m_tokens[i].text) == w; }
  const Mention& mention(std::size_t index) const { return m_actors.mentions[index]; }
  const Actor& actor_of(std::size_t mention_index) const { return m_actors.actors[mention(mention_index).actor]; }
  ActorKey key_of(std::size_t mention_index) const { return m_keys[mention(mention_index).actor]; }

  bool mention_ends_at(std::size_t i) const {
    return i < m_tokens.size() && m_cover[i] != kNone && mention(m_cover[i]).last_token == i;
  }

  // A sentence that opens with a prepositional, adverbial or participle phrase up to a comma
  // ("In a tweet, ...", "Describing Taiwan as a partner, Kishida ...").
  void find_opener() {
    if (m_tokens.size() < 4) return;
    const LowWord first = low(0);
    // (a word in capitals is a dateline's city, "BEIJING (AP) - ...", not "Describing ...")
    const std::string_view text0 = m_tokens[0].text;
    const bool capitals = std::none_of(text0.begin(), text0.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    const bool participle = first.size() > 4 && first.ends_with("ing") && m_cover[0] == kNone && !capitals;
    if (!participle && !is(0, kOpener)) return;
    m_opener_participle = participle;
    // "After it invaded Ukraine, ...": a subordinate clause has a subject of its own; a phrase
    // ("Earlier this month, ...") has none, so "Earlier this month it imposed duties on brandy,
    // a move aimed at France" has no opener: its clause began with "it"
    static constexpr std::string_view kSubordinate[] = {"after", "before", "since", "as", "while", "when", "although",
                                                        "though", "once", "if", "unless", "because", "without"};
    const bool subordinate = std::find(std::begin(kSubordinate), std::end(kSubordinate), first) != std::end(kSubordinate);
    for (std::size_t i = 1; i + 1 < m_tokens.size() && i < 40; ++i) {
      const std::string_view t = m_tokens[i].text;
      if (t == ",") {
        m_opener_comma = i;
        return;
      }
      if (t == ";" || t == ":") return;
      if (!participle && !subordinate && is(i, kPronoun) && m_cover[i] == kNone) return;
    }
  }

  // (punctuation is its own lower case, so the bit answers for the token's text)
  bool is_hard(std::size_t i) const { return (m_class_bits[i] & kHard) != 0; }

  // "and"/"or" joins clauses unless it joins two actors ("Japan and the United States").
  bool joins_actors(std::size_t i) const {
    if (!mention_ends_at(i - 1) && !(i >= 2 && is(i - 1, kComma) && mention_ends_at(i - 2))) return false;
    std::size_t j = i + 1;
    if (j < m_tokens.size() && m_starts[j].empty() && is(j, kThe)) ++j;
    return j < m_tokens.size() && !m_starts[j].empty();
  }

  // Whether "and" joins two verb phrases ("condemned A and expelled B") rather than two nouns
  // ("artillery, mortar, and rocket fire"): a verb form or auxiliary follows it.
  bool starts_verb_phrase(std::size_t i) const {
    while (i < m_tokens.size() && (low(i).ends_with("ly") || is(i, kVerbPrefix))) ++i;
    if (i >= m_tokens.size() || m_cover[i] != kNone) return false;
    const LowWord w = low(i);
    if (w.size() > 4 && w.ends_with("ed")) return true;
    return is(i, kVerbLike) || m_matcher_heads[i];
  }

  // Whether an actor and then a verb start at `i` ("and the two sides agreed ..."): a clause of
  // its own, with its own subject.
  bool starts_clause(std::size_t i, std::size_t pos) const {
    if (i < m_tokens.size() && m_starts[i].empty() && is(i, kThe)) ++i;
    // "..., and it summoned": an unresolved "it" and a verb start a clause too
    if (i < pos && m_cover[i] == kNone && low(i) == "it") return starts_verb_phrase(i + 1);
    if (i >= pos || m_starts[i].empty()) return false;
    std::size_t after = mention(m_starts[i].front()).last_token + 1;
    // "and Bolivia's President Evo Morales, along with Cuba, expressed ...": past a possessor's
    // noun and a short aside between commas
    while (after + 1 < pos && is(after, kPossessiveS | kApostrophe) && !m_starts[after + 1].empty())
      after = mention(m_starts[after + 1].front()).last_token + 1;
    if (after < pos && is(after, kComma))
      for (std::size_t k = after + 1; k < pos && k <= after + 6; ++k)
        if (is(k, kComma)) {
          after = k + 1;
          break;
        }
    return after <= pos && starts_verb_phrase(after);
  }

  // Every token looked up once in m_words: its id for the matcher and its word-list bits.
  [[gnu::noinline]] void classify_words() {  // (kept apart, so GCC inlines the look-ups into it)
    const std::size_t n = m_tokens.size();
    m_class.resize(n);
    m_scratch.ids.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t id = m_words.find(m_tokens[i].lower);
      m_scratch.ids[i] = id < m_words.vocabulary ? id : lexicon::WordTable::npos;
      m_class[i] = id == lexicon::WordTable::npos ? 0 : m_words.bits[id];
    }
    // "tariffs on C$16.6 billion ($12.8 billion) of U.S. products": parentheses around a sum
    // alone are an aside inside the clause, not a break in it
    for (std::size_t i = 0; i + 2 < n; ++i) {
      if (!(m_class[i] & kHard) || m_tokens[i].text != "(") continue;
      std::size_t close = i + 1;
      while (close < n && close <= i + 6 &&
             (m_tokens[close].kind == TokenKind::number || (m_class[close] & kMoney) != 0))
        ++close;
      if (close > i + 1 && close < n && m_tokens[close].text == ")") {
        m_class[i] &= ~kHard;
        m_class[close] &= ~kHard;
      }
    }
    m_class_bits = m_class.data();
    m_class_count = n;
  }
  // Whether token `i` is in one of the word classes `c` (false past the end).
  // (read through m_class_bits, a copy of m_class's pointer and size kept in the coder itself:
  // the clause rules ask this some million times, and each read through the reference to the
  // vector cost two loads more)
  bool is(std::size_t i, std::uint64_t c) const { return i < m_class_count && (m_class_bits[i] & c) != 0; }

  // The clause that ends at `pos`, worked out once per position of a sentence: what it depends on
  // (the mentions, the opener, the matches' heads) is fixed before the first match is coded.
  Segment segment_before(std::size_t pos) const {
    if (pos >= m_segments.size()) return find_segment_before(pos);
    Segment& known = m_segments[pos];
    if (known.kind == Boundary::unknown) known = find_segment_before(pos);
    return known;
  }

  Segment find_segment_before(std::size_t pos) const {
    // Every test below needs the opener's comma or one of these word classes: most tokens are
    // passed over with one test. (A new test on another word must add its class here.)
    constexpr std::uint64_t kBoundaryWords = kHard | kRelative | kSpeech | kSubordinator | kAnd | kOr | kBut;
    for (std::size_t j = pos; j-- > 0;) {
      if (j != m_opener_comma && !is(j, kBoundaryWords)) continue;
      if (j == m_opener_comma) return {j + 1, Boundary::opener};
      if (is_hard(j)) return {j + 1, Boundary::hard};
      if (is(j, kRelative)) return {j + 1, Boundary::relative};
      if (is(j, kSpeech) && !told_to(j, pos)) return {j + 1, Boundary::speech};
      if (is(j, kSubordinator)) return {j + 1, Boundary::subordinate};
      if (is(j, kAnd | kOr) && j > 0 && !joins_actors(j) && starts_verb_phrase(j + 1))
        return {j + 1, Boundary::coordination};
      if (is(j, kAnd | kBut) && j > 0 && j + 1 < pos && !joins_actors(j) && starts_clause(j + 1, pos))
        return {j + 1, Boundary::subordinate};
      // "discussed security with the United States, and the U.S. Southern Command announced":
      // after an object of a preposition, ", and" with an actor and a verb is a new clause
      if (is(j, kAnd) && j >= 2 && is(j - 1, kComma) && mention_ends_at(j - 2) && j + 1 < pos &&
          starts_clause(j + 1, pos)) {
        std::size_t f = mention(m_cover[j - 2]).first_token;
        if (f > 0 && is(f - 1, kThe)) --f;
        // (back over a list: "dialogue between Venezuela and the United States, and Bolivia ...")
        while (f >= 2 && is(f - 1, kAnd | kComma) && mention_ends_at(f - 2)) {
          f = mention(m_cover[f - 2]).first_token;
          if (f > 0 && is(f - 1, kThe)) --f;
        }
        if (f > 0 && is(f - 1, kPreposition)) return {j + 1, Boundary::subordinate};
      }
    }
    return {0, Boundary::start};
  }

  // "Britain told its airlines to avoid Belarusian airspace and suspended ...": "tell" with an
  // object and "to" is an order within the clause, not reported speech after it
  bool told_to(std::size_t j, std::size_t pos) const {
    const std::string_view w = low(j);
    if (w != "told" && w != "tell" && w != "tells" && w != "telling") return false;
    for (std::size_t k = j + 1; k < pos && k <= j + 5; ++k) {
      if (is(k, kTo)) return true;
      if (low(k) == "that" || is(k, kComma | kHard | kStop)) return false;
    }
    return false;
  }

  bool stops_target(std::size_t i) const {
    if (is(i, kHard | kStop)) return true;
    if (is(i, kAnd | kOr) && starts_verb_phrase(i + 1)) return true;
    return is(i, kRelative | kSpeech | kSubordinator);
  }

  // The actors of a list starting at token `first` ("Iran and Turkey", "Congo, Ghana and Togo").
  // The last token of the words of a name after `end` that the recogniser did not take in
  // ("Sheikh Tamim" + "bin Hamad al-Thani"), when a comma follows them; else `end`.
  std::size_t name_tail(std::size_t end) const {
    std::size_t k = end + 1;
    while (k < m_tokens.size() && k <= end + 6 && m_cover[k] == kNone && m_tokens[k].kind == TokenKind::word &&
           (starts_capital(k) || m_tokens[k].text.size() <= 3 || m_tokens[k].text.find('-') != std::string::npos) &&
           !is(k, kAnd | kOr | kPreposition | kThe))
      ++k;
    return k > end + 1 && k < m_tokens.size() && is(k, kComma) ? k - 1 : end;
  }

  // Whether a comma stands among the `n` tokens from `from` (the end of an aside).
  bool comma_within(std::size_t from, std::size_t n) const {
    for (std::size_t k = from; k < m_tokens.size() && k < from + n; ++k) {
      if (is(k, kComma)) return true;
      if (is(k, kStop | kHard)) return false;
    }
    return false;
  }

  bool starts_capital(std::size_t i) const {
    return i < m_tokens.size() && !m_tokens[i].text.empty() && std::isupper(static_cast<unsigned char>(m_tokens[i].text[0]));
  }

  // Whether token `i` is a possessive pronoun, an actor of its own (the recogniser's "his" for
  // the person named before), right before another actor's name: "his Tajik counterpart".
  bool owns_next(std::size_t i) const {
    if (i + 1 >= m_tokens.size() || m_starts[i].empty() || m_starts[i + 1].empty()) return false;
    const LowWord w = low(i);
    return (w == "his" || w == "her" || w == "its" || w == "their") && mention(m_starts[i].front()).last_token == i;
  }

  void add_coordinated(std::size_t mention_index, Mentions& out, bool object = false) const {
    const std::size_t first = mention(mention_index).first_token;
    for (const auto m : m_starts[first]) out.push_back(m);  // group mentions share tokens
    // "between X and Y" always takes both, whatever follows, and no more: "calling for dialogue
    // between the two sides, and Bolivia's president expressed ..." (a group names both at once)
    bool between = false;
    if (first > 0 && (low(first - 1) == "between" || (first > 1 && is(first - 1, kThe) && low(first - 2) == "between"))) {
      if (m_starts[first].size() >= 2) return;
      object = false;
      between = true;
    }
    std::size_t end = mention(mention_index).last_token;
    // A list joined by commas only is an apposition or the next clause ("..., South Korea's
    // ministry said"): its items count once an "and"/"or" closes the list.
    std::size_t confirmed = out.size();
    while (true) {
      end = name_tail(end);
      std::size_t j = end + 1;
      // "an Israeli peace movement and the PLO": a nationality word's own noun comes first
      if (mention(mention_index).first_token == end && m_tokens[end].text.size() > 3 &&
          std::isupper(static_cast<unsigned char>(m_tokens[end].text[0]))) {
        for (int k = 0; k < 2 && j < m_tokens.size() && m_tokens[j].kind == TokenKind::word &&
                        std::islower(static_cast<unsigned char>(m_tokens[j].text[0])) &&
                        !is(j, kListStop);
             ++k)
          ++j;
        if (low(j) != "and" && low(j) != "or" && low(j) != ",") j = end + 1;
      }
      // "the emir of Qatar": an "of" naming the item's own country belongs to the item
      if (low(j) == "of" && j + 1 < m_tokens.size() && !m_starts[j + 1].empty() &&
          key_of(m_starts[j + 1].front()) == key_of(out.empty() ? mention_index : out.back())) {
        end = mention(m_starts[j + 1].front()).last_token;
        j = end + 1;
      }
      bool joined = false;
      bool conjunction = false;
      while (j < m_tokens.size() && (is(j, kComma) || is(j, kAnd) || is(j, kOr) || low(j) == "&" ||
                                     low(j) == "as" || low(j) == "well")) {
        joined = true;
        if (low(j) != ",") conjunction = true;
        ++j;
      }
      if (!joined) break;
      // "the emir of Qatar, Sheikh Tamim bin Hamad al-Thani, as well as Oman": a name the
      // recogniser does not know, set off by commas, is the item's apposition
      if (!conjunction && j < m_tokens.size() && m_starts[j].empty() && starts_capital(j)) {
        if (const std::size_t tail = name_tail(j - 1); tail != j - 1) {
          end = tail;
          continue;
        }
      }
      // "spoke with Dar and with Jaishankar": the preposition repeated after the conjunction
      if (conjunction && j < m_tokens.size() && first > 0 && m_starts[j].empty() && low(j) == low(first - 1) &&
          is(j, kPreposition))
        ++j;
      if (j < m_tokens.size() && m_starts[j].empty() && is(j, kThe)) ++j;
      if (j >= m_tokens.size() || m_starts[j].empty()) {
        // "The United States, China and several Gulf states": a list closed by a group the
        // recogniser has no actor for still lists the ones before
        if (conjunction)
          for (std::size_t k = j; k < m_tokens.size() && k < j + 4 && m_cover[k] == kNone; ++k)
            if (is(k, kGroupOfStates)) {
              confirmed = out.size();
              break;
            }
        break;
      }
      // "..., and the United States condemned ...": the next clause's subject, not a list item
      if (object && starts_verb_phrase(mention(m_starts[j].front()).last_token + 1)) break;
      // "Japarov and his Tajik counterpart, Emomali Rahmon": the possessive names the first
      // item again; the item is the noun it owns
      if (owns_next(j)) ++j;
      for (const auto m : m_starts[j]) out.push_back(m);
      if (conjunction) confirmed = out.size();
      if (between && conjunction) break;
      end = mention(m_starts[j].front()).last_token;
    }
    if (out.size() - confirmed >= 2) confirmed = out.size();  // "Iran, Libya, Sudan, ..."
    out.resize(confirmed);
  }

  // The actor right before a noun: "Japan's support", "Japanese investment".
  Mentions possessor(std::size_t pos) const {
    if (pos == 0) return {};
    std::size_t j = pos - 1;
    while (j > 0 && (is(j, kPossessiveS) || is(j, kApostrophe) || low(j).ends_with("ly") ||
                     is(j, kNounModifier)))
      --j;
    if (mention_ends_at(j)) return nearest_before(j + 1, 1);
    return {};
  }

  // Whether the pattern's target slot is a verb's direct object ("thank +"), which a
  // preposition ends ("came back to Japan" is not "back Japan").
  bool direct_object(const PatternMatch& m) const {
    const auto& elements = m_matcher.elements(m.pattern);
    for (std::size_t i = 1; i < elements.size(); ++i) {
      if (elements[i].kind != lexicon::EventPatternSet::Element::Kind::target) continue;
      const auto& before = elements[i - 1];
      if (before.kind != lexicon::EventPatternSet::Element::Kind::word) return false;
      for (const auto id : before.ids)  // the matcher's ids are m_words' ids for its vocabulary
        if (m_words.bits[id] & kPreposition) return false;
      return true;
    }
    return false;
  }

  // The first actor at or after `pos`, passing over at most `window` other tokens.
  // `addressee`: the slot is the one spoken to ("urged +"); an infinitive after a noun that is
  // no actor ends it ("urged allies to send arms to Ukraine" is not addressed to Ukraine).
  Mentions actors_from(std::size_t pos, std::size_t window, std::size_t limit,
                                       bool direct = false, bool addressee = false) const {
    Mentions out;
    std::size_t skipped = 0;
    for (std::size_t i = pos; i < std::min(limit, m_tokens.size()); ++i) {
      if (!m_starts[i].empty()) {
        // "to their Indian counterparts": the possessive names the subject again; the target
        // is the noun it owns
        if (owns_next(i)) ++i;
        add_coordinated(m_starts[i].front(), out, true);
        return out;
      }
      if (stops_target(i)) break;
      if (addressee && skipped > 0 && is(i, kTo) && i + 1 < m_tokens.size() && m_starts[i + 1].empty() &&
          m_tokens[i + 1].kind == TokenKind::word &&
          std::islower(static_cast<unsigned char>(m_tokens[i + 1].text[0])) &&
          !is(i + 1, kDeterminer))
        break;
      if (direct && low(i) != "of" && low(i) != "by" && is(i, kPreposition)) break;
      if (m_transparent[i]) continue;
      // "tariffs on up to C$16.6 billion ($12.8 billion) of U.S. products": a sum, and an aside
      // in parentheses, are passed over as one word
      if (low(i) == "(" || low(i) == ")") continue;  // (only a sum's parentheses are in a clause)
      if (m_tokens[i].kind == TokenKind::number || is(i, kMoney)) continue;
      if (++skipped > window) break;
    }
    return out;
  }

  // The leftmost actor in [a, b) (and those coordinated with it). Empty when the clause's
  // subject is a pronoun the recogniser left unresolved ("it would prohibit ...").
  Mentions leftmost(std::size_t a, std::size_t b) const {
    Mentions out;
    for (std::size_t i = a; i < b && i < m_tokens.size(); ++i) {
      if (m_starts[i].empty()) {
        if (m_cover[i] == kNone && is(i, kPronoun)) return out;
        continue;
      }
      if (mention(m_starts[i].front()).last_token >= b) continue;
      std::size_t head = m_starts[i].front();
      // "NATO-member Norway": the last of adjacent actors heads the noun phrase
      while (true) {
        const std::size_t next = mention(head).last_token + 1;
        if (next >= b || m_starts[next].empty() || mention(m_starts[next].front()).last_token >= b) break;
        head = m_starts[next].front();
      }
      add_coordinated(head, out);
      out.erase(std::remove_if(out.begin(), out.end(), [&](std::size_t m) { return mention(m).last_token >= b; }), out.end());
      if (!out.empty()) return out;
    }
    return out;
  }

  // The nearest actor ending before `b`, within `window` tokens: the antecedent of "who".
  Mentions nearest_before(std::size_t b, std::size_t window) const {
    Mentions out;
    for (std::size_t j = b; j-- > 0 && b - j <= window;) {
      if (m_cover[j] != kNone) {
        const std::size_t first = mention(m_cover[j]).first_token;
        for (const auto m : m_starts[first]) out.push_back(m);
        return out;
      }
    }
    return out;
  }

  // The actor that a trailing attribution names: "..., the minister said", "..., said Lee".
  // Whether the verb at `pos` is the speaker's own: inside a quotation, or with "we" or "I"
  // before it ("We will respond, the minister said"). Otherwise a speaker after the clause
  // reports someone else's act ("Governments pledged $9 billion, Pakistani officials said").
  bool speaks_for_itself(std::size_t pos) const {
    std::size_t marks = 0;
    bool first_person = false;
    for (std::size_t i = 0; i < pos && i < m_tokens.size(); ++i) {
      if (text_is(i, "\"")) ++marks;
      const LowWord w = low(i);
      if (w == "we" || w == "i") first_person = true;
    }
    return marks % 2 == 1 || first_person;
  }

  Mentions speaker_after(std::size_t from) const {
    for (std::size_t k = from; k < m_tokens.size(); ++k) {
      if (!is(k, kSpeech) || low(k) == "according") continue;
      if (k >= 1 && mention_ends_at(k - 1)) return nearest_before(k, 1);
      if (k + 1 < m_tokens.size() && !m_starts[k + 1].empty()) {
        Mentions out;
        for (const auto mi : m_starts[k + 1]) out.push_back(mi);
        return out;
      }
      return {};
    }
    return {};
  }

  // Whether [a, b) holds a word other than adverbs and auxiliaries.
  bool words_between(std::size_t a, std::size_t b) const {
    for (std::size_t i = a; i < b && i < m_tokens.size(); ++i) {
      const LowWord w = low(i);
      if (m_tokens[i].kind != TokenKind::word || w.ends_with("ly") || is(i, kBe | kModal) ||
          is(i, kAuxiliary))
        continue;
      return true;
    }
    return false;
  }

  // The subject of the verb at `pos`; `inherited` says it came from a governing clause.
  // The author of the document named right before the participle at `pos` ("a U.S. Treasury
  // statement urging", "a letter from Kyiv asking"): an actor among the few words before the
  // noun, or after "by"/"from"/"of" right after it. Empty when `pos` is no such participle.
  Mentions document_author(std::size_t pos) const {
    if (pos < 2 || pos >= m_tokens.size() || !is(pos - 1, kDocument) || m_cover[pos - 1] != kNone) return {};
    const LowWord verb = low(pos);
    if (verb.size() < 5 || !verb.ends_with("ing")) return {};
    Mentions out;
    for (std::size_t j = pos - 1; j-- > 0 && j + 4 >= pos;) {
      if (m_cover[j] != kNone) {
        const std::size_t first = mention(m_cover[j]).first_token;
        for (const auto m : m_starts[first]) out.push_back(m);
        return out;
      }
      if (m_tokens[j].kind != TokenKind::word || is(j, kPreposition | kVerbLike | kBe)) break;
    }
    return out;
  }

  // The token after the last quotation closed by punctuation in [a, b) ('...," she said'), or
  // kNone: a mark closes when an odd number of marks come before it in the sentence.
  std::size_t after_quotation(std::size_t a, std::size_t b) const {
    std::size_t marks = 0, after = kNone;
    for (std::size_t i = 0; i < b && i < m_tokens.size(); ++i) {
      if (!text_is(i, "\"")) continue;
      if (marks % 2 == 1 && i >= a && i > 0 && is(i - 1, kComma | kStop)) after = i + 1;
      ++marks;
    }
    return after;
  }

  // "a move the Guyanese foreign ministry condemned", "an offer that U.S. officials criticised",
  // "the killing, which they condemned": in a relative clause on a noun naming an act, an actor
  // right before the verb is the verb's subject, whatever the sentence's subject is.
  Mentions object_relative_subject(std::size_t pos) const {
    if (pos < 3 || !mention_ends_at(pos - 1)) return {};
    const std::size_t subject_mention = m_cover[pos - 1];
    std::size_t j = mention(subject_mention).first_token;
    if (j > 0 && is(j - 1, kThe)) --j;
    if (j < 2) return {};
    std::size_t k = j - 1;
    if (low(k) == "that" || low(k) == "which") {
      --k;
      if (is(k, kComma) && k > 0) --k;
    }
    if (!is(k, kPriorAct | kHostileAct) || m_cover[k] != kNone) return {};
    return {subject_mention};
  }

  Mentions subject(std::size_t pos, bool& inherited) const {
    inherited = false;
    // "a U.S. Treasury statement urging it not to ...", "a resolution by the EU calling on":
    // a participle right after a document's noun is the document's, and so its author's
    if (const Mentions author = document_author(pos); !author.empty()) return author;
    if (const Mentions relative = object_relative_subject(pos); !relative.empty()) return relative;
    if (m_opener_comma != kNone && pos < m_opener_comma) {
      // "After Russia invaded Ukraine, Finland ...": a subordinate opener has its own subject.
      if (!m_opener_participle) {
        const Segment own = segment_before(pos);
        auto found = leftmost(std::max<std::size_t>(own.start, 1), pos);
        if (!found.empty()) return found;
      }
      // A verb inside an opener: "Describing Taiwan as a partner, Kishida ..." has Kishida's act.
      inherited = true;
      const Segment main = segment_before(std::min(m_tokens.size(), m_opener_comma + 10));
      return leftmost(m_opener_comma + 1, std::max(main.start, m_opener_comma + 1) == m_opener_comma + 1
                                              ? std::min(m_tokens.size(), m_opener_comma + 10)
                                              : main.start);
    }
    std::size_t end = pos;
    bool second_verb = false;  // looking for the subject of "... and called on ..."
    for (int hops = 0; hops < 5; ++hops) {
      const Segment seg = segment_before(end);
      // "The Philippines, which is locked in disputes with China, expressed solidarity with
      // Vietnam": a verb right after the comma that closes a relative clause is the main
      // clause's; its subject is the clause's antecedent, not an actor inside the clause.
      if (seg.kind == Boundary::relative && seg.start >= 3 && is(seg.start - 2, kComma) && closes_clause_before(end)) {
        // the antecedent with those coordinated with it ("Mali and Burkina Faso, which ...")
        const std::size_t comma = seg.start - 2;
        auto antecedent = leftmost(segment_before(comma).start, comma);
        if (antecedent.empty() || mention(antecedent.back()).last_token + 1 != comma) antecedent = nearest_before(comma, 3);
        if (!antecedent.empty()) return antecedent;
      }
      // "accused Belgrade of backing the group that attacked police ..., and called on the EU":
      // a relative or subordinate clause inside the first verb's object has not its subject.
      // A series of verbs inside that clause ("after Chinese officers boarded a boat, beat its
      // crew and seized their catch") shares the clause's subject.
      // So does one that opens with its own subject ("a week after U.S. Secretary Mike Pompeo
      // held talks with X and signed an agreement").
      const bool own_subject = seg.kind == Boundary::subordinate && seg.start < m_tokens.size() &&
                               !m_starts[seg.start].empty();
      const bool embedded = second_verb && (seg.kind == Boundary::relative || seg.kind == Boundary::subordinate) &&
                            !verb_series(seg.start, end) && !own_subject;
      if (!embedded) {
        // '"We will not ...," President Tsai said': the speaker follows the quotation, and
        // the actors quoted are not the subject; elsewhere ("Tsai, who called it "a farce",
        // said") the clause's first actor still is
        Mentions found;
        if (const std::size_t after = is(end, kSpeech) ? after_quotation(seg.start, end) : kNone; after != kNone)
          found = leftmost(after, end);
        if (found.empty()) found = leftmost(seg.start, end);
        // (after "said", "it" is the speaker: the hop below finds it)
        if (found.empty() && seg.kind != Boundary::speech && seg.kind != Boundary::relative)
          found = it_antecedent(seg.start, end);
        // "a day after the Central American nation broke off ties with Taiwan": a state named
        // by a description as the clause's subject
        for (std::size_t t = seg.start; found.empty() && t < end && t < seg.start + 2; ++t)
          if (const std::size_t described = described_state(t, {}); described != kNone) found.push_back(described);
        // "the spokeswoman told a briefing that Hanoi was concerned, and that it had asked Beijing
        // to ...": an unresolved "it" opening reported speech is not the person speaking but the
        // nearest actor before it that is not a person
        // ("..., and that it had asked": a "that" after "and" opens reported speech, not a
        // relative clause)
        const bool reported = seg.kind == Boundary::speech ||
                              (seg.kind == Boundary::subordinate && seg.start > 0 && low(seg.start - 1) == "that") ||
                              (seg.kind == Boundary::relative && seg.start > 1 && low(seg.start - 1) == "that" &&
                               is(seg.start - 2, kAnd));
        if (found.empty() && reported && seg.start > 0) {
          std::size_t t = seg.start;
          while (t < end && t < seg.start + 2 && (low(t) == "that" || is(t, kAnd))) ++t;
          if (t < end && is(t, kIt) && m_cover[t] == kNone)
            for (std::size_t j = seg.start; j-- > 0;)
              if (m_cover[j] != kNone && actor_of(m_cover[j]).kind != ActorKind::person && !key_of(m_cover[j]).empty())
                return {m_cover[j]};
        }
        // "Lai thanked Kishida ... and said he hoped ...": "he" or "she" right after a verb
        // of saying is its speaker, when the speaker is a person (the recogniser's nearest
        // fitting person can be the one spoken about).
        if (seg.kind == Boundary::speech && seg.start > 0 && found.size() == 1 && speaker_pronoun(found.front())) {
          bool speaker_inherited = false;
          auto speaker = subject(seg.start - 1, speaker_inherited);
          if (!speaker.empty() && std::all_of(speaker.begin(), speaker.end(), [&](std::size_t mi) {
                return actor_of(mi).kind == ActorKind::person;
              }))
            return speaker;
        }
        if (!found.empty()) return found;
      }
      if (seg.kind == Boundary::coordination) second_verb = true;
      inherited = true;
      if (embedded) {
        if (seg.start == 0) return {};
        end = seg.start - 1;
        continue;
      }
      if (seg.kind == Boundary::relative && seg.start >= 1) {
        auto found = nearest_before(seg.start - 1, 3);
        if (!found.empty()) return found;
      }
      if (seg.start == 0) return {};
      // "... when former dictator Idi Amin expelled them": a subordinate clause with words of
      // its own before the verb has its own (unrecognised) subject; "before flying to" has none.
      if (seg.kind == Boundary::subordinate && words_between(seg.start, end)) return {};
      end = seg.start - 1;
      if (seg.kind == Boundary::opener) return {};
    }
    return {};
  }

  // "the South American country", "the Gulf kingdom", "the impoverished island nation": a state
  // named by a description at `pos` is the last state named before it, in this sentence or the
  // three before, that is not the source's own. Returns that mention, or kNone. "the country"
  // alone, with no word describing it, is left alone (it is as often the speaker's own).
  std::size_t described_state(std::size_t pos, const Mentions& sources) const {
    if (pos >= m_tokens.size() || !is(pos, kThe)) return kNone;
    auto is_head = [&](std::size_t i) {
      const LowWord w = low(i);
      return w == "country" || w == "nation" || w == "kingdom" || w == "state" || w == "island" || w == "republic" ||
             w == "emirate";
    };
    std::size_t i = pos + 1;
    for (int k = 0; k < 3 && i < m_tokens.size() && m_cover[i] == kNone && m_tokens[i].kind == TokenKind::word &&
                    !is_head(i) && !is(i, kPreposition);
         ++k)
      ++i;
    if (i >= m_tokens.size() || !is_head(i) || is(i + 1, kPossessiveS)) return kNone;
    // "the kingdom", "the emirate" alone say enough: a state of that kind (regions.tsv lists them)
    // ("the island" alone is as often the place as the state)
    if (i == pos + 1 && low(i) != "kingdom" && low(i) != "emirate") return kNone;
    // "the Central American nation", "the island nation": of the states named before, only
    // those of the region the description names (its words, one or two at a time)
    const std::vector<std::string>* region = nullptr;
    for (std::size_t w = pos + 1; w < i && !region; ++w) {
      if (w + 1 < i) region = lexicon::Regions::builtin().states(std::string(low(w)) + " " + std::string(low(w + 1)));
      if (!region) region = lexicon::Regions::builtin().states(low(w));
    }
    if (!region && (low(i) == "island" || low(i) == "kingdom" || low(i) == "emirate"))
      region = lexicon::Regions::builtin().states(low(i));
    auto in_region = [&](const Actor& a) {
      return !region || std::binary_search(region->begin(), region->end(), a.country);
    };
    const auto& mentions = m_actors.mentions;
    auto it = std::lower_bound(mentions.begin(), mentions.end(), std::make_pair(m_index, pos),
                               [](const Mention& a, const std::pair<std::size_t, std::size_t>& b) {
                                 return std::tie(a.sentence, a.first_token) < std::tie(b.first, b.second);
                               });
    while (it != mentions.begin()) {
      --it;
      if (it->sentence + 3 < m_index) break;
      const auto index = static_cast<std::size_t>(it - mentions.begin());
      // (a state, or its government: "his Solomon Islands counterpart")
      const Actor& named = m_actors.actors[it->actor];
      if ((named.kind != ActorKind::state && named.kind != ActorKind::government) || !in_region(named)) continue;
      const bool own = std::any_of(sources.begin(), sources.end(), [&](std::size_t src) { return key_of(src) == key_of(index); });
      if (!own) return index;
    }
    return kNone;
  }

  // "Poland said two helicopters had crossed into its airspace, and it summoned Belarus's
  // diplomat": a clause in [a, b) whose subject is an unresolved "it" has the sentence's first
  // actor that is not a person; a sentence that opens with "it" ("Earlier this month it
  // imposed duties"), the previous sentence's. Empty when [a, b) has no such "it".
  Mentions it_antecedent(std::size_t a, std::size_t b) const {
    std::size_t it = a;
    // past an opening phrase with no actor ("Earlier this month it ...")
    while (it < b && it < m_tokens.size() && m_cover[it] == kNone && low(it) != "it" && it < a + 4) ++it;
    if (it >= b || it >= m_tokens.size() || low(it) != "it" || m_cover[it] != kNone) return {};
    // "In 2015 it recalled ..., and it withdrew": an earlier "it" left unresolved is the same
    // one; what is named between the two is not its antecedent
    for (std::size_t k = 0; k < it; ++k)
      if (m_cover[k] == kNone && low(k) == "it") {
        it = k;
        break;
      }
    const auto& mentions = m_actors.mentions;
    const auto [first, last] = mentions_of(m_index);
    for (std::size_t i = first; i < last && mentions[i].first_token < it; ++i)
      if (m_actors.actors[mentions[i].actor].kind != ActorKind::person &&
          (m_opener_comma == kNone || mentions[i].first_token > m_opener_comma))
        return {i};
    if (m_index == 0) return {};
    const auto [previous, previous_end] = mentions_of(m_index - 1);
    for (std::size_t i = previous; i < previous_end; ++i)
      if (m_actors.actors[mentions[i].actor].kind != ActorKind::person) return {i};
    return {};
  }

  // The positions in the document's mention list of sentence `s`'s mentions: [first, last).
  // (read off SentenceBuffers::sentence_mentions, made once a document)
  std::pair<std::size_t, std::size_t> mentions_of(std::size_t s) const {
    return {m_buffers.sentence_mentions[s], m_buffers.sentence_mentions[s + 1]};
  }

  // Whether an actor is named in [a, b).
  bool names_actor(std::size_t a, std::size_t b) const {
    for (std::size_t i = a; i < b && i < m_tokens.size(); ++i)
      if (m_cover[i] != kNone) return true;
    return false;
  }

  // Whether [a, b) holds ", VERB": the middle of a series of verbs.
  bool verb_series(std::size_t a, std::size_t b) const {
    for (std::size_t i = a; i + 1 < b && i + 1 < m_tokens.size(); ++i)
      if (is(i, kComma) && starts_verb_phrase(i + 1)) return true;
    return false;
  }

  // Whether a comma comes right before the verb at `pos` (adverbs and auxiliaries aside):
  // ", expressed", ", has threatened".
  bool closes_clause_before(std::size_t pos) const {
    auto auxiliary = [&](std::size_t i) {
      return is(i, kBe | kModal | kAuxiliary | kBeAlso) || low(i) == "later" || low(i) == "already";
    };
    std::size_t j = pos;
    while (j > 0 && ((low(j - 1).size() > 3 && low(j - 1).ends_with("ly")) || auxiliary(j - 1))) --j;
    return j > 0 && is(j - 1, kComma);
  }

  Modality modality(std::size_t pos, const Segment& seg) const {
    Modality mod;
    if (seg.kind == Boundary::subordinate && seg.start > 0) {
      const LowWord w = low(seg.start - 1);
      if (w == "if" || w == "unless" || w == "whether") mod.conditional = true;
    }
    for (std::size_t j = seg.start; j < pos; ++j)
      if (is(j, kConditional)) mod.conditional = true;
    const std::size_t lo = pos > 6 ? pos - 6 : 0;
    for (std::size_t j = pos; j-- > std::max(lo, seg.start);) {
      const LowWord w = low(j);
      if (is(j, kNegation)) mod.negated = true;
      if (w == "could" || w == "might") mod.speculative = true;  // "analysts said China could attack"
      else if (is(j, kModal | kHope)) {
        mod.intent = true;
        if (w == "will" || w == "would" || w == "'ll" || w == "shall") mod.decision = true;
      }
      if (w == "to" && j + 3 >= pos) {
        std::size_t g = j;
        while (g > 0 && (low(g - 1).ends_with("ly") || is(g - 1, kBeAlso)))
          --g;
        if (g == 0) break;
        std::size_t gov = g - 1;
        if (m_cover[gov] != kNone) {  // "urged Iraq to ...": the verb before the object
          gov = mention(m_cover[gov]).first_token;
          if (gov == 0) break;
          --gov;
          if (is(gov, kThe) && gov > 0) --gov;
          if (is(gov, kAppealGovernor)) mod.embedded = true;
          break;
        }
        // "agreed in principle on Saturday to provide": the governor may stand a few words back
        for (std::size_t k = 0; k < 6 && gov + 1 > seg.start; ++k, --gov) {
          const LowWord gw = low(gov);
          if (is(gov, kRefusalGovernor | kAppealGovernor)) {
            // "ordered his trade minister to raise tariffs": telling one's own people to act
            // is acting; the act after "to" is the subject's own
            const LowWord own = low(gov + 1);
            const bool own_side = is(gov, kAppealGovernor) && (own == "his" || own == "her" || own == "its" ||
                                                               own == "their" || own == "our");
            if (!own_side) mod.embedded = true;
            break;
          }
          if (is(gov, kIntentGovernor)) {
            mod.intent = true;
            if (gw == "decided" || gw == "decides" || gw == "decide" || gw == "decision") mod.decision = true;
            break;
          }
          if (m_cover[gov] != kNone || gw == "," || gw == "to" || gov == 0) break;
        }
        break;
      }
      if (m_cover[j] != kNone || is(j, kComma)) break;  // left the verb group
    }
    return mod;
  }

  bool passive(const PatternMatch& m, const EventPattern& p) const {
    if (p.noun || m.first == 0) return false;
    const LowWord head = low(m.first);
    if (head.ends_with("ing") || head.ends_with("s")) return false;
    if (p.literal_head) return false;  // "is opposed to": an adjective, not a passive
    if (is(m.first, kPreposition)) return false;  // "was in contact with": no participle
    // a reduced relative: "Palestinians killed by Israeli troops", "Japan, backed by the US, ..."
    if (low(m.first + 1) == "by" && m_cover[m.first] == kNone &&
        (head.ends_with("ed") || head.ends_with("en") || head.ends_with("wn") || head.ends_with("ld") ||
         head.ends_with("t")))
      return true;
    std::size_t j = m.first;
    for (int k = 0; k < 3 && j > 0; ++k) {
      const LowWord w = low(j - 1);
      if (is(j - 1, kBe)) return true;
      if (!(w.ends_with("ly") || is(j - 1, kPassiveAdverb)))
        return false;
      --j;
    }
    return false;
  }

  std::size_t clause_end(std::size_t from) const {
    for (std::size_t i = from; i < m_tokens.size(); ++i) {
      if (!is(i, kHard | kComma)) continue;  // (both tests below need one of these)
      if (is_hard(i)) return i;
      if (is(i, kComma) && i + 1 < m_tokens.size() && (is(i + 1, kClauseJoin)))
        return i;
    }
    return m_tokens.size();
  }

  // Longer matches win; a match inside another is dropped.
  // Whether a match's target slot (if it has one) is filled by an actor, within the few words
  // actors_from() would pass over.
  bool slot_has_actor(const PatternMatch& m) const {
    if (m.target_slot < 0) return true;
    // so does the direct object or a possessor inside the phrase, as code_match() takes them
    // ("killed 46 Afghan civilians in an attack on")
    for (std::size_t i = m.first + 1; i <= m.last && i < m_tokens.size(); ++i)
      if (!m_starts[i].empty()) {
        const std::size_t after = mention(m_starts[i].front()).last_token + 1;
        if ((i <= m.first + 3 && !is(i - 1, kPreposition)) || is(after, kPossessiveS) || is(after, kApostrophe)) return true;
      }
    const auto slot = static_cast<std::size_t>(m.target_slot);
    for (std::size_t i = slot; i < m_tokens.size() && i < slot + 6; ++i) {
      if (!m_starts[i].empty()) return true;
      if (stops_target(i)) return false;
    }
    return false;
  }

  void select(std::vector<PatternMatch>& matches) const {
    if (matches.size() < 2) return;  // (a single match is kept as it is, whatever its rank)
    // Longer first; among equally long ones, the pattern with more words is the more specific
    // ("sign * trade agreement with" over "sign * agreement with"). A match whose target slot
    // holds no actor yields to one whose slot does: "eased oil sanctions on Venezuela after the
    // government agreed to ..." is "ease * sanctions on +", not the longer "ease * sanctions *
    // to +". The keys are worked out once per match, then sorted.
    // A verb that governs its clause ("denied supplying drones to Russia", "refused to meet")
    // keeps what starts inside its phrase as its content, however long that match is.
    auto& governing = m_buffers.kept;  // (free until the ranking below fills it)
    governing.clear();
    for (const auto& m : matches)
      if (m_matcher.pattern(m.pattern).governs) governing.push_back(m);
    if (!governing.empty())
      std::erase_if(matches, [&](const PatternMatch& m) {
        return !m_matcher.pattern(m.pattern).governs &&
               std::any_of(governing.begin(), governing.end(),
                           [&](const PatternMatch& g) { return g.first < m.first && m.first <= g.last; });
      });
    // (the matcher's order breaks ties, as a stable sort would keep it)
    auto& ranked = m_buffers.ranked;
    ranked.clear();
    for (const auto& m : matches)
      ranked.push_back(RankedMatch{m, slot_has_actor(m), m.last - m.first, m_words.pattern_words[m.pattern], ranked.size()});
    std::sort(ranked.begin(), ranked.end(), [](const RankedMatch& a, const RankedMatch& b) {
      if (a.slot != b.slot) return a.slot;
      if (a.length != b.length) return a.length > b.length;
      if (a.words != b.words) return a.words > b.words;
      return a.order < b.order;
    });
    auto& kept = m_buffers.kept;
    kept.clear();
    for (const auto& r : ranked) {
      const auto& m = r.match;
      const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const PatternMatch& k) {
        return !(m.last < k.first || m.first > k.last);
      });
      if (!overlaps) kept.push_back(m);
    }
    std::sort(kept.begin(), kept.end(), [](const PatternMatch& a, const PatternMatch& b) {
      return std::tie(a.first, a.last, a.pattern) < std::tie(b.first, b.last, b.pattern);
    });
    matches.swap(kept);
  }

  void code_match(const PatternMatch& m, std::vector<Candidate>& out) {
    if (m_consumed[m.first]) return note(m, "inside an earlier event's phrase");
    const EventPattern& p = m_matcher.pattern(m.pattern);
    const Segment seg = segment_before(m.first);
    const Modality mod = modality(m.first, seg);
    const std::size_t end = clause_end(m.last + 1);
    m_where = Where{m.first, seg.start, end};
    // "Zelenskiy, asked about the Moscow meeting, said ...": a participle set off after a name is
    // what was done to that person, not the person's act; nor is what follows it the content of
    // a demand or appeal ("said Kyiv had invited China" is coded)
    if (!p.noun && m.first >= 2 && is(m.first - 1, kComma) && mention_ends_at(m.first - 2) &&
        low(m.first).ends_with("ed") && low(m.first + 1) != "by" && comma_within(m.last + 1, 8))
      return note(m, "a participle after a name, not its verb");
    if (p.governs) {
      // The rest of the clause is this event's content ("refused to meet X and talk with Y"),
      // unless the verb took a plain object and "and" starts a second predicate of the same
      // subject ("rejected the allegations and accused Trudeau of ..."): that is coded too.
      std::size_t stop = end;
      bool complement = is(m.last, kTo) || is(m.last, kThat);
      for (std::size_t i = m.last + 1; i < end && !complement; ++i) {
        if (is(i, kTo) || is(i, kThat)) complement = true;
        else if ((is(i, kAnd) || is(i, kOr)) && starts_verb_phrase(i + 1)) stop = i;
        if (stop != end) break;
      }
      for (std::size_t i = m.first; i < stop; ++i) m_consumed[i] = true;
    }
    // "agreed to hold talks": an agreement to do what a pattern of its own codes is that act's
    // intent, coded there; "agree to" alone stands only for acts no pattern knows
    if (!p.governs && m.target_slot < 0 && is(m.last, kTo) && m.last + 1 < m_tokens.size() && m_matcher_heads[m.last + 1])
      return note(m, "the act agreed to is coded by its own pattern");
    if (mod.negated) return note(m, "negated");
    if (mod.speculative) return note(m, "a possibility (could, might)");
    // "his idea of buying Greenland", "the possibility of imposing sanctions": a gerund after a
    // noun of what is only thought of is not done
    if (!p.noun && m.first >= 2 && low(m.first).ends_with("ing") && low(m.first - 1) == "of" &&
        is(m.first - 2, kHypothetical))
      return note(m, "only thought of (the idea of ...)");
    if (mod.embedded) return note(m, "content of an appeal, demand or refusal");
    if (mod.conditional && !has_prefix(p.code, "13")) return note(m, "conditional");
    if (!p.noun && m.first > 0 &&
        is(m.first - 1, kNounDeterminer))
      return note(m, "a noun here, not the verb");
    // "the Rapid Support Forces": a capitalised word inside a sentence is part of a name
    if (!p.noun && m.first > 0 && m_cover[m.first] == kNone && !m_tokens[m.first].text.empty() &&
        std::isupper(static_cast<unsigned char>(m_tokens[m.first].text[0])) &&
        m_tokens[m.first - 1].kind == TokenKind::word && !is(m.first - 1, kOpenPunct))
      return note(m, "a capitalised name, not the verb");

    // "Two-way trade between Canada and Saudi Arabia is worth $4 billion a year", "Trade
    // between China and the United States fell 10%": trade named as the subject of a figure is
    // a statistic, not an act ("a joint headquarters with Japan is seen as ..." names no figure;
    // "Saudi Arabia's investment in Egypt rose to $20 billion" is money that moved, an act)
    if (p.noun && has_prefix(p.code, "06") && has_prefix(low(m.first), "trad")) {
      std::size_t j = m.last + 1;
      while (j < end && (m_cover[j] != kNone || is(j, kAnd | kThe))) ++j;
      bool figure = false;
      for (std::size_t k = j + 1; j < end && is(j, kMeasureVerb) && k < end && k <= j + 5 && !figure; ++k)
        figure = m_tokens[k].kind == TokenKind::number || is(k, kMoney);
      if (figure) return note(m, "a figure of trade or investment, not an act");
    }

    double confidence = 0.9;
    std::string passive_code;  // a more specific code the passive's subject gives, if any
    Mentions sources, targets;
    bool inherited = false;
    const std::size_t window = p.governs ? 12 : 5;
    if (passive(m, p)) {
      std::size_t by = kNone;
      // "was accused by the United States of ...": the agent may stand inside the phrase
      for (std::size_t i = m.first + 1; i < end && i < m.last + 10; ++i)
        if (low(i) == "by" && (i > m.last || m_cover[i + 1 < m_tokens.size() ? i + 1 : i] != kNone ||
                               is(i + 1, kThe))) {
          by = i;
          break;
        }
      if (by == kNone) return note(m, "passive without an agent");
      sources = actors_from(by + 1, 8, end);
      // "the issue of Japanese citizens abducted by North Korean agents": a reduced relative's
      // target is the noun it follows, not the clause's subject
      if (m.first > 0 && by == m.first + 1 && mention_ends_at(m.first - 1))
        targets = nearest_before(m.first, 1);
      else
        targets = subject(m.first, inherited);
      confidence -= 0.1;
      passive_code = object_pattern_code(m, seg.start);
    } else {
      if (m.source_slot >= 0) sources = actors_from(static_cast<std::size_t>(m.source_slot), 3, end);
      if (m.source_slot >= 0 && m.target_slot < 0) {
        // "support from <": the supported one is the possessor or the subject
        if (!sources.empty()) {
          targets = possessor(m.first);
          if (targets.empty()) targets = subject(m.first, inherited);
        }
      } else {
      // "the invasion of Ukraine by Russia", "the attack on its embassy by Israel": an act named
      // by a noun has the agent after "by" in its phrase as its source, before any possessor or
      // the clause's subject
      if (sources.empty() && p.noun && m.source_slot < 0)
        for (std::size_t i = m.last + 1; i < end && i <= m.last + 6 && sources.empty(); ++i) {
          if (is(i, kComma) || is(i, kVerbLike)) break;
          if (low(i) == "by" && i + 1 < end && !m_starts[i + 1].empty()) sources = actors_from(i + 1, 3, end);
        }
      if (sources.empty() && p.noun) sources = possessor(m.first);
      // "retaliation for an air attack on its consulate": a violent act named by a noun is
      // the clause subject's only when a verb of doing governs it ("carried out an attack")
      const bool violent_noun = p.noun && p.code >= "18" && p.code < "21";
      // ("fighting between X and Y" names both sides: see p.pair below)
      if (sources.empty() && violent_noun && !p.pair && !done_by_subject(m.first))
        return note(m, "a violent noun with no agent");
      if (sources.empty()) sources = subject(m.first, inherited);
      if (sources.empty() && !p.noun && speaks_for_itself(m.first)) {
        // '"We condemn Russia's actions," the minister said.': the speaker after the quote
        sources = speaker_after(m.last + 1);
        if (!sources.empty()) inherited = true;
      }
      if (m.target_slot >= 0) {
        targets = actors_from(static_cast<std::size_t>(m.target_slot), window, end,
                              !p.governs && direct_object(m), p.governs && direct_object(m));
        // "rejected Iraqi President Saddam Hussein's proposal for ...", "killed 4 Iraqis in an
        // attack on a village": the possessor or the direct object inside the phrase
        for (std::size_t i = m.first + 1; i <= m.last && targets.empty(); ++i)
          if (!m_starts[i].empty()) {
            const std::size_t after = mention(m_starts[i].front()).last_token + 1;
            const bool object = i <= m.first + 3 && !is(i - 1, kPreposition);
            if (object || is(after, kPossessiveS) || is(after, kApostrophe)) add_coordinated(m_starts[i].front(), targets);
          }
        // "boarded a Vietnamese boat, beat its crew and seized their catch": "its" or "their"
        // as the object of a verb that follows another of the same subject in the sentence is
        // the earlier verb's target
        if (targets.empty() && !sources.empty() && !p.noun && (low(m.target_slot) == "its" || low(m.target_slot) == "their"))
          for (auto c = out.rbegin(); c != out.rend() && targets.empty(); ++c) {
            const bool same_source =
                std::any_of(sources.begin(), sources.end(), [&](std::size_t src) { return mention(src).actor == c->source; });
            if (!same_source) continue;
            const auto [first, last] = mentions_of(m_index);
            for (std::size_t i = first; i < last && targets.empty(); ++i)
              if (m_actors.mentions[i].actor == c->target) targets.push_back(i);
          }
        // "a statement urging it not to fill the dam": an unresolved "it" as the object is the
        // nearest actor before the verb that is not a person and not the source's side
        // (only an "it" asked or told to act is an actor for sure: "calling it an escalation",
        // "the United States backed it" mean the act or the resolution)
        const bool agent_it = is(m.target_slot + 1, kTo | kNegation) || has_prefix(p.code, "02") || has_prefix(p.code, "10");
        if (targets.empty() && !sources.empty() && is(m.target_slot, kIt) && m_cover[m.target_slot] == kNone && agent_it &&
            !is(m.target_slot + 1, kDeterminer | kNounModifier) && low(m.target_slot + 1) != "as") {
          for (std::size_t j = m.first; j-- > 0 && targets.empty();)
            if (m_cover[j] != kNone && actor_of(m_cover[j]).kind != ActorKind::person &&
                std::none_of(sources.begin(), sources.end(), [&](std::size_t src) { return key_of(src) == key_of(m_cover[j]); }))
              targets.push_back(m_cover[j]);
        }
        // "sanctions against the South American country": a state named by a description
        if (targets.empty() && !sources.empty()) {
          const std::size_t described = described_state(static_cast<std::size_t>(m.target_slot), sources);
          if (described != kNone) targets.push_back(described);
        }
      } else {
        // An actor inside the phrase ("expelled 23 Russian diplomats"), else the first after it.
        for (std::size_t i = m.first + 1; i <= m.last && targets.empty(); ++i)
          if (!m_starts[i].empty()) add_coordinated(m_starts[i].front(), targets);
        // after the phrase only for what governs its clause ("threatened to cut off power to
        // Armenia"); "signed a defence pact allowing their forces ..." has no object after it
        if (targets.empty() && (p.governs || p.noun)) targets = actors_from(m.last + 1, window, end, !p.noun && !p.governs);
      }
      }
    }
    if (inherited) confidence -= 0.15;
    if (p.noun) confidence -= 0.1;

    std::string code = passive_code.empty() ? p.code : passive_code;
    // "withdrawing from the Economic Community of West African States": leaving an organisation
    // reduces relations with it; 087 is for forces pulling back from a place
    if (has_prefix(code, "087") && !targets.empty() &&
        std::all_of(targets.begin(), targets.end(), [&](std::size_t t) { return actor_of(t).kind == ActorKind::igo; }))
      code = "160";
    if (mod.intent) {
      // "India said it would suspend the treaty", "decided to expel the envoys": a cut in
      // relations announced as decided is the act itself, dated when announced (PLOVER's gold
      // codes it so); "plans to", "hopes to" and force ("would attack": a threat) stay intents.
      // So is a sum of aid announced ("the European Union said it would provide 500 million
      // euros": the project corpora's annotators read it as given, as they read a sum pledged);
      // aid announced with no sum ("will send aid") stays an intent.
      const bool sum_announced = mod.decision && has_prefix(code, "07") && names_sum(m.first, end);
      if (!(mod.decision && has_prefix(code, "16")) && !sum_announced) code = intent_code(code);
      confidence -= 0.05;
    }

    // Mark what this event used, so a noun inside its object is not coded again.
    std::size_t used_end = m.last;
    for (const auto t : targets) used_end = std::max(used_end, mention(t).last_token);
    // "... to Lebanon's President to help him": an infinitive after the event is its purpose.
    std::size_t after = used_end + 1;
    while (after < m_tokens.size() && m_transparent[after]) ++after;
    if (is(after, kTo) && !targets.empty()) used_end = std::max(used_end, clause_end(after));
    // "apologized to Brazil for one of its gunboats intercepting a ship", "sanctioned US firms
    // over arms sales to Taiwan": a gerund or an event noun after "for"/"over"/"of" is the
    // reason or the charge, told as this event's content, not an event of its own.
    // So is the cause named after "because of", "due to" or "amid" ("closed its borders with
    // Iran because of fighting between Azerbaijanis and Armenians").
    std::size_t reason = kNone;
    if (low(after) == "for" || low(after) == "over" || low(after) == "of" || low(after) == "amid" ||
        low(after) == "amidst")
      reason = after + 1;
    else if ((low(after) == "because" && low(after + 1) == "of") || (low(after) == "due" && is(after + 1, kTo)))
      reason = after + 2;
    if (reason != kNone && !targets.empty())
      if (const std::size_t g = reason_gerund(reason); g != kNone) used_end = std::max(used_end, g);
    for (std::size_t i = m.first; i <= used_end && i < m_consumed.size(); ++i) m_consumed[i] = true;

    if (p.pair) {
      if (m_trace) note(m, "code " + code + " among " + names(targets) + " / " + names(sources));
      if (targets.size() >= 2) {
        for (const auto a : targets)
          for (const auto b : targets) add(out, a, b, code, confidence);
        return;
      }
      // one party named: the subject arranges the meeting with it ("host a meeting between ...")
      for (const auto s : sources)
        for (const auto t : targets) add(out, s, t, code, confidence);
      return;
    }
    // "India and Pakistan accused each other of ...": a reciprocal object is the subjects' pair.
    if (targets.empty() && sources.size() >= 2 && m.target_slot >= 0) {
      const auto slot = static_cast<std::size_t>(m.target_slot);
      if ((low(slot) == "each" && low(slot + 1) == "other") || (low(slot) == "one" && low(slot + 1) == "another")) {
        if (m_trace) note(m, "code " + code + " among " + names(sources) + " (each other)");
        for (const auto a : sources)
          for (const auto b : sources) add(out, a, b, code, confidence);
        return;
      }
    }
    if (m_trace) note(m, "code " + code + ", source " + names(sources) + ", target " + names(targets));
    // "Japan and Australia agreed to boost cooperation", "France and Germany met": a mutual
    // act with no object is among its coordinated subjects.
    const int root = root_number(code);
    // (of diplomatic cooperation only an agreement is mutual: "Iran and Saudi Arabia signed a
    // deal"; praise, support or a welcome is one side's: "the UAE and Oman welcomed the announcement")
    const bool cooperative = root == 3 || root == 4 || root == 6 || has_prefix(code, "057") || LowWord(code) == "050";
    // (subjects of one side, "Pompeo and Esper held talks", are not a pair)
    const bool two_sides = std::any_of(sources.begin(), sources.end(), [&](std::size_t a) {
      return !key_of(a).empty() && std::any_of(sources.begin(), sources.end(), [&](std::size_t b) {
        return !key_of(b).empty() && key_of(a) != key_of(b);
      });
    });
    // ("The two leaders met him": an object the recogniser left unresolved is still an object)
    const bool pronoun_object = m.target_slot >= 0 && is(m.target_slot, kObjectPronoun);
    if (targets.empty() && two_sides && (p.symmetric || p.pair || cooperative) && !direct_object(m) && !pronoun_object) {
      for (const auto a : sources)
        for (const auto b : sources) add(out, a, b, code, confidence - 0.1);
      return;
    }
    // "Technical teams from both sides have held several rounds of talks": a mutual act whose
    // subject says "both sides" (or "the two sides") the recogniser could not pair is between
    // the story's two main parties
    if (targets.empty() && sources.empty() && (p.symmetric || p.pair || cooperative) && names_both_sides(seg.start, m.first)) {
      const auto [a, b] = m_story.two_sides(ActorKey{});
      if (a != kNone) {
        if (m_trace) note(m, "code " + code + ", between the story's two main parties (both sides)");
        add_actors(out, a, b, code, confidence - 0.25);
        add_actors(out, b, a, code, confidence - 0.25);
        return;
      }
    }
    // "held talks with their Indian counterparts and signed an agreement": a mutual act with
    // no one named, in a verb phrase joined to an earlier one of the same subject, is with the
    // earlier one's partner
    if (targets.empty() && !sources.empty() && p.symmetric && seg.kind == Boundary::coordination) {
      Mentions partners;
      for (const auto& c : out)
        if (c.verb < m.first && mention(sources.front()).actor == c.source && m_keys[c.target] != key_of(sources.front()) &&
            std::find(partners.begin(), partners.end(), c.target) == partners.end())
          partners.push_back(c.target);
      if (!partners.empty()) {
        if (m_trace) note(m, "code " + code + ", target the partner of the verb before");
        for (const auto src : sources)
          for (const auto t : partners) {
            add_actors(out, mention(src).actor, t, code, confidence - 0.15);
            add_actors(out, t, mention(src).actor, code, confidence - 0.15);
          }
        return;
      }
    }
    // "Lai's office condemned the drills", "Washington condemned the treatment of the Vietnamese
    // crew", "the Houthis vowed that the strikes would not go unpunished": a demand, disapproval,
    // rejection or threat about a hostile act named by a noun is aimed at the act's actor, not
    // at its victim: the agent after "by" in the clause, else the actor of the hostile act told
    // last. A target before the act ("condemned Israel's strikes") is kept.
    const bool reaction = root >= 10 && root <= 13;  // demand, disapprove, reject, threaten
    std::size_t act = reaction && !sources.empty() ? hostile_act_at(m.last + 1, end) : kNone;
    // ... or inside a phrase with a gap ("vowed that the strikes would not go unpunished")
    for (std::size_t i = m.first + 1; act == kNone && reaction && !sources.empty() && i <= m.last; ++i)
      if (m_cover[i] == kNone && is(i, kHostileAct) && is(i - 1, kHostileLead)) act = i;
    const bool victim_only = act != kNone && std::all_of(targets.begin(), targets.end(), [&](std::size_t t) {
                               return mention(t).first_token > act;
                             });
    if (victim_only) {
      Mentions agents;
      for (std::size_t i = act + 1; i + 1 < end && agents.empty(); ++i)
        if (low(i) == "by" && !m_starts[i + 1].empty()) add_coordinated(m_starts[i + 1].front(), agents);
      if (!agents.empty()) {
        if (m_trace) note(m, "code " + code + ", target the act's agent after \"by\"");
        for (const auto src : sources)
          for (const auto agent : agents) add(out, src, agent, code, confidence - 0.1);
        return;
      }
      // the hostile act told earlier in this sentence ("struck targets across Yemen, and the
      // Houthis vowed that the strikes would not go unpunished"): all who did it
      Mentions doers;
      for (const auto& c : out)
        if (root_number(c.code) >= 13 && root_number(c.code) <= 20 &&
            m_keys[c.source] != m_keys[c.target] && std::find(doers.begin(), doers.end(), c.source) == doers.end() &&
            std::none_of(sources.begin(), sources.end(), [&](std::size_t src) { return key_of(src) == m_keys[c.source]; }))
          doers.push_back(c.source);
      if (!doers.empty()) {
        if (m_trace) note(m, "code " + code + ", target the actors of the hostile act told before in the sentence");
        for (const auto src : sources)
          for (const auto doer : doers) add_actors(out, mention(src).actor, doer, code, confidence - 0.15);
        return;
      }
      const bool own = std::any_of(sources.begin(), sources.end(), [&](std::size_t src) {
        return std::any_of(m_last_hostile.begin(), m_last_hostile.end(), [&](std::size_t h) { return key_of(src) == m_keys[h]; });
      });
      if (!m_last_hostile.empty() && !own) {
        if (m_trace) note(m, "code " + code + ", target " + m_actors.actors[m_last_hostile.front()].name + " (the act's actor)");
        for (const auto src : sources)
          for (const auto h : m_last_hostile) add_actors(out, mention(src).actor, h, code, confidence - 0.2);
        return;
      }
    }
    // "Islamabad rejected the measures", "Vucic denied the accusation": a rejection or
    // criticism of an act named by a noun answers whoever last acted on the speaker.
    // "The junta welcomed the announcement": a welcome of an act named by a noun, with no one
    // named after it, answers whoever last acted on the speaker too.
    const bool welcome = has_prefix(code, "05") && !names_actor(m.last + 1, end);
    if (targets.empty() && !sources.empty() && m_last_acted_on &&
        (has_prefix(code, "11") || has_prefix(code, "12") || welcome) &&
        names_prior_act(m.first + 1, std::min<std::size_t>(end, m.last + 4))) {
      const ActorKey own = key_of(sources.front());
      if (const std::size_t* actor = m_last_acted_on->find(own); actor && m_keys[*actor] != own) {
        if (m_trace) note(m, "code " + code + ", target " + m_actors.actors[*actor].name + " (who acted on the source)");
        for (const auto src : sources) add_actors(out, mention(src).actor, *actor, code, confidence - 0.2);
        return;
      }
    }
    // "ordering his trade minister to raise tariffs on imports from the United States": an
    // order to one's own side (or to no one named) is how the act after "to" was done, and
    // that act is coded in its own right
    // ("where they agreed to order their forces to pull back": with two subjects, each orders
    // its own forces, not the other's)
    if (p.governs && has_prefix(code, "10") && is(m.last, kTo) && !sources.empty() &&
        std::all_of(targets.begin(), targets.end(), [&](std::size_t t) {
          return std::any_of(sources.begin(), sources.end(), [&](std::size_t src) { return key_of(src) == key_of(t); });
        })) {
      for (std::size_t i = m.last + 1; i < m_consumed.size(); ++i) m_consumed[i] = false;
      for (const auto s : sources)
        for (const auto t : targets)
          if (key_of(s) == key_of(t)) add(out, s, t, code, confidence);
      return;
    }
    // "Saudi Arabia pledged $1 billion": a pledge or gift of aid naming no recipient goes to
    // the one the story's recent sentences told of receiving aid (a donors' conference)
    const bool aid = root == 7 || has_prefix(code, "033");
    // (a recipient is remembered even when no giver is named: "Donors pledged $9 billion to
    // help Pakistan")
    if (aid)
      for (const auto t : targets)
        if (std::find(m_aided.begin(), m_aided.end(), mention(t).actor) == m_aided.end()) m_aided.push_back(mention(t).actor);
    if (aid && targets.empty() && !sources.empty() && !m_last_aided.empty()) {
      if (m_trace) note(m, "code " + code + ", target " + m_actors.actors[m_last_aided.front()].name + " (the aid's recipient told before)");
      for (const auto src : sources)
        for (const auto r : m_last_aided)
          if (m_keys[r] != key_of(src)) add_actors(out, mention(src).actor, r, code, confidence - 0.2);
      m_aided = m_last_aided;  // a list of donors keeps its recipient from sentence to sentence
      return;
    }
    // "months of indirect talks mediated by Qatar": a mediation naming no sides is between the
    // story's two main parties
    if (targets.empty() && !sources.empty() && has_prefix(code, "045")) {
      const auto [a, b] = m_story.two_sides(key_of(sources.front()));
      if (a != kNone) {
        if (m_trace) note(m, "code " + code + ", between the story's two main parties");
        for (const auto src : sources) {
          add_actors(out, mention(src).actor, a, code, confidence - 0.25);
          add_actors(out, mention(src).actor, b, code, confidence - 0.25);
        }
        return;
      }
    }
    if (targets.empty() && !sources.empty() && story_reaction(code, m, end) &&
        std::all_of(sources.begin(), sources.end(), [&](std::size_t src) { return key_of(src) == key_of(sources.front()); })) {
      if (const std::size_t other = m_story.counterpart(key_of(sources.front())); other != kNone) {
        if (m_trace) note(m, "code " + code + ", target " + m_actors.actors[other].name + " (the story's other party)");
        for (const auto src : sources) add_actors(out, mention(src).actor, other, code, confidence - 0.25);
        return;
      }
    }
    if (sources.empty() || targets.empty()) return;
    // "cooperation between Taiwan and Japan" said by Taiwan: the partner is Japan.
    if (targets.size() > 1) {
      Mentions foreign;
      for (const auto t : targets) {
        const bool same = std::any_of(sources.begin(), sources.end(), [&](std::size_t s) {
          return key_of(s) == key_of(t);
        });
        if (!same) foreign.push_back(t);
      }
      if (!foreign.empty()) targets = std::move(foreign);
    }
    for (const auto s : sources)
      for (const auto t : targets) {
        add(out, s, t, code, confidence);
        if (p.symmetric) add(out, t, s, code, confidence);
      }
  }

  // Whether a mention is the pronoun "he" or "she" alone.
  bool speaker_pronoun(std::size_t mention_index) const {
    const Mention& m = mention(mention_index);
    return m.first_token == m.last_token && (low(m.first_token) == "he" || low(m.first_token) == "she");
  }

  // The "-ing" verb or event noun that a reason or charge starting at `from` turns on ("for one
  // of its gunboats intercepting", "of violating", "over arms sales"), within a short noun
  // phrase; kNone if there is none.
  std::size_t reason_gerund(std::size_t from) const {
    for (std::size_t i = from; i < m_tokens.size() && i < from + 7; ++i) {
      const LowWord w = low(i);
      if (m_tokens[i].kind == TokenKind::punct && w != "'s" && w != "-") return kNone;
      if (is(i, kRelative | kSubordinator | kSpeech | kModal | kBe)) return kNone;
      if (m_cover[i] == kNone && m_tokens[i].kind == TokenKind::word &&
          ((w.size() > 4 && w.ends_with("ing")) || m_matcher_heads[i]))
        return i;
    }
    return kNone;
  }

  // "Russian diplomats were expelled by Norway": the subject of a passive is the verb's object,
  // so a pattern with the same verb that names that object ("expel * diplomats", 161) says
  // more than the bare verb's ("expel +", 174). Looks for such a pattern, without a slot, whose
  // other words all occur in the clause before the verb, [from, m.first); the one with the
  // most words wins. Empty if there is none.
  std::string object_pattern_code(const PatternMatch& m, std::size_t from) const {
    const auto& ids = m_scratch.ids;
    const std::uint32_t head = ids[m.first];
    if (head == lexicon::WordTable::npos) return {};
    auto present = [&](const lexicon::EventPatternSet::Element& e) {
      for (std::size_t i = from; i < m.first; ++i)
        if (ids[i] != lexicon::WordTable::npos && std::binary_search(e.ids.begin(), e.ids.end(), ids[i])) return true;
      return false;
    };
    std::string best;
    std::size_t best_words = 0;
    using Kind = lexicon::EventPatternSet::Element::Kind;
    for (std::size_t p = 0; p < m_matcher.size(); ++p) {
      const auto& elements = m_matcher.elements(p);
      const auto& info = m_matcher.pattern(p);
      if (info.has_target_slot || info.has_source_slot || info.noun || elements.size() < 2) continue;
      if (!std::binary_search(elements.front().ids.begin(), elements.front().ids.end(), head)) continue;
      std::size_t words = 0;
      bool all = true;
      for (std::size_t k = 1; k < elements.size() && all; ++k) {
        if (elements[k].kind != Kind::word) continue;
        if (elements[k].optional) continue;
        all = present(elements[k]);
        ++words;
      }
      if (all && words > best_words) {
        best_words = words;
        best = info.code;
      }
    }
    return best;
  }

  // Whether a verb of doing stands just before the noun at `pos` ("carried out an attack on",
  // "launched strikes on", "stepped up raids"), making the clause subject its agent.
  bool done_by_subject(std::size_t pos) const {
    for (std::size_t j = pos, k = 0; j-- > 0 && k < 5; ++k) {
      const LowWord w = low(j);
      if (m_cover[j] != kNone || w == "," || w == "." || is(j, kPreposition)) return false;
      if (is(j, kDoVerb))
        return true;
    }
    return false;
  }

  // Whether an event that names no one it is aimed at answers the story's other party: a
  // disapproval, rejection or threat ("Pakistan denied any role", "Beijing reacted furiously to
  // the arrest", "warned of grave consequences"); a welcome or praise only of an act named by a
  // noun ("the junta welcomed the announcement"), as praise with no object is often of one's own.
  // (Limiting the first three to objects that name an act too was tried: it lost more events
  // than false alarms on the project corpora.)
  bool story_reaction(const std::string& code, const lexicon::PatternMatch& m, std::size_t end) const {
    const int root = root_number(code);
    if (root >= 11 && root <= 13) return true;
    return root == 5 && (names_prior_act(m.first + 1, std::min<std::size_t>(end, m.last + 4)) ||
                         hostile_act_at(m.last + 1, end) != kNone);
  }

  // Whether [from, to) says "both sides" or "the two sides" where the recogniser found no one.
  bool names_both_sides(std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i + 1 < to && i + 1 < m_tokens.size(); ++i)
      if (m_cover[i] == kNone && m_cover[i + 1] == kNone && low(i + 1) == "sides" &&
          (low(i) == "both" || (low(i) == "two" && i > 0 && is(i - 1, kThe))))
        return true;
    return false;
  }

  // Whether [from, to) names a sum of money ("500 million euros", "$ 2 billion").
  bool names_sum(std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i < to && i < m_tokens.size(); ++i)
      if (is(i, kMoney)) return true;
    return false;
  }

  // Whether [from, to) names an earlier act or claim ("the measures", "the accusation").
  bool names_prior_act(std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i < to && i < m_tokens.size(); ++i) {
      if (m_cover[i] != kNone) return false;
      if (is(i, kPriorAct))
        return true;
    }
    return false;
  }

  // The hostile act named by a noun as the object at `from` ("the drills", "the attack", "that
  // the recent \"unlawful\" arrests"): the noun's token, or kNone. Up to six words before it
  // that can open or describe such a noun phrase.
  std::size_t hostile_act_at(std::size_t from, std::size_t end) const {
    std::size_t i = from;
    for (int k = 0; k < 6 && i < end && m_cover[i] == kNone && (is(i, kHostileLead) || low(i) == "\"" || is(i, kAnd));
         ++k)
      ++i;
    if (i >= end || m_cover[i] != kNone || !is(i, kHostileAct)) return kNone;
    return i;
  }

  void add(std::vector<Candidate>& out, std::size_t source_mention, std::size_t target_mention,
           const std::string& code, double confidence) const {
    add_actors(out, mention(source_mention).actor, mention(target_mention).actor, code, confidence);
  }

  void add_actors(std::vector<Candidate>& out, std::size_t s, std::size_t t, const std::string& code,
                  double confidence) const {
    if (s == t) return;
    // a person whose country is unknown: no event rather than a guessed one
    if (m_actors.actors[s].code.empty() || m_actors.actors[t].code.empty()) return;
    // (made in place: a temporary Candidate would copy the code twice)
    out.emplace_back(s, t, code, std::clamp(confidence, 0.05, 1.0), m_where.verb, m_where.clause_start,
                     m_where.clause_end, m_opener_comma);
  }

  void note(const PatternMatch& m, std::string_view what) const {
    if (!m_trace) return;
    std::string words;
    for (std::size_t i = m.first; i <= m.last && i < m_tokens.size(); ++i) {
      if (!words.empty()) words += ' ';
      words += m_tokens[i].text;
    }
    const auto& p = m_matcher.pattern(m.pattern);
    m_trace->push_back("sentence " + std::to_string(m_index) + ": " + p.code + " \"" + p.text + "\" (" + p.file +
                       ":" + std::to_string(p.line) + ") on \"" + words + "\": " + std::string(what));
  }
  std::string names(const Mentions& mentions) const {
    std::string out;
    for (const auto mi : mentions) {
      if (!out.empty()) out += ", ";
      out += actor_of(mi).name + " [" + actor_of(mi).code + "]";
    }
    return out.empty() ? "none" : out;
  }

  std::vector<std::string>* m_trace;
  const detail::CoderWords& m_words;
  const DocumentActors& m_actors;
  const std::vector<ActorKey>& m_keys;  // actor_key() of each actor
  const Sentence& m_sentence;
  std::size_t m_index;
  const lexicon::EventMatcher& m_matcher;
  std::span<const Token> m_tokens;
  // per-token state, in buffers the document's sentences share (see SentenceBuffers)
  std::vector<std::size_t>& m_cover;
  MentionStarts& m_starts;
  std::vector<std::uint8_t>& m_consumed;
  lexicon::EventMatcher::Scratch& m_scratch;
  // the matcher's transparent time words, read as m_transparent[i]
  struct Transparent {
    const lexicon::EventMatcher::Scratch& scratch;
    bool operator[](std::size_t i) const { return scratch.transparent(i); }
  };
  const Transparent m_transparent{m_scratch};
  std::vector<std::uint8_t>& m_matcher_heads;  // tokens where some pattern starts
  std::vector<std::uint64_t>& m_class;  // the list bits of each token
  const std::uint64_t* m_class_bits = nullptr;  // m_class.data() and m_class.size(), once classified
  std::size_t m_class_count = 0;
  std::vector<Segment>& m_segments;  // segment_before's answers by position (kind unknown: not yet asked)
  SentenceBuffers& m_buffers;  // the matches and select()'s working lists
  std::size_t m_opener_comma = kNone;
  struct Where {
    std::size_t verb = 0, clause_start = 0, clause_end = 0;
  };
  Where m_where;  // the clause of the match being coded
  bool m_opener_participle = false;
  const std::vector<std::size_t>& m_last_hostile;  // actors of the last hostile act (13-20) of the story
  // for each key, the actor of the last act done to it in the story's recent sentences
  const ActedOn* m_last_acted_on = nullptr;
  const std::vector<std::size_t>& m_last_aided;  // who received the aid told last (actor indices)
  const StoryParties& m_story;  // the story's parties, for reactions that name no one
  std::vector<std::size_t> m_aided;  // the recipients of aid this sentence names (actor indices)
};

}  // namespace

namespace {

// Tokens inside a relative clause: from "who", "which", "whom" or "whose" to the next comma,
// semicolon or the sentence's end. A date there belongs to the clause's own act.
// (`classes` are the sentence's word bits, as the coder looked them up)
void relative_clauses(std::span<const Token> tokens, std::span<const std::uint64_t> classes, std::vector<bool>& out) {
  out.assign(tokens.size(), false);
  bool inside = false;
  for (std::size_t i = 0; i < tokens.size() && i < classes.size(); ++i) {
    if (classes[i] & kWhPronoun) inside = true;
    else if (classes[i] & kClausePunct) inside = false;
    out[i] = inside;
  }
}

// "withdraw its troops by March 15", "until Friday": a deadline or a span's end is not when the
// event was reported to happen ("by Wednesday, the authorities had agreed" is: "by" is dropped
// only before a calendar date). Removes them from a sentence's date expressions.
void drop_deadlines(std::span<const Token> tokens, std::vector<DateMention>& dates) {
  std::erase_if(dates, [&](const DateMention& d) {
    if (d.token == 0) return false;
    const std::string_view before = tokens[d.token - 1].lower;
    const bool calendar = tokens[d.token].kind == TokenKind::number ||
                          (d.token + 1 < tokens.size() && tokens[d.token + 1].kind == TokenKind::number);
    return before == "until" || before == "till" || (before == "by" && calendar);
  });
}

// An event's date: the date expression of its own clause after the verb ("thanked Taiwan on
// Friday"), else one before the verb in the clause ("Japan on Friday thanked"), else the
// sentence's opening phrase ("On Friday, ..."), else any outside a relative clause (", the
// ministry said on Friday"); the document's date when none is left. "Japan, which recalled its
// envoy in 2022, thanked Taiwan on Friday" is dated Friday, not 2022. `dates` are the
// sentence's, deadlines dropped.
std::optional<Date> event_date(const Candidate& c, const std::vector<DateMention>& dates,
                               const std::vector<bool>& relative, std::optional<Date> document_date) {
  if (!document_date || dates.empty()) return document_date;
  for (const auto& d : dates)
    if (d.token > c.verb && d.token < c.clause_end) return d.date;
  for (auto it = dates.rbegin(); it != dates.rend(); ++it)
    if (it->token >= c.clause_start && it->token < c.verb && !relative[it->token]) return it->date;
  if (c.opener_end != kNone)
    for (const auto& d : dates)
      if (d.token < c.opener_end) return d.date;
  for (const auto& d : dates)
    if (!relative[d.token]) return d.date;
  return document_date;
}

}  // namespace

EventCoder::EventCoder() : EventCoder(lexicon::EventMatcher::builtin(), lexicon::CameoCodebook::builtin()) {}

EventCoder::EventCoder(std::shared_ptr<const lexicon::EventMatcher> matcher, const lexicon::CameoCodebook& codebook)
    : m_matcher(std::move(matcher)), m_codebook(&codebook),
      m_words(std::make_shared<const detail::CoderWords>(*m_matcher)) {}

// How many sentences the recipient of the aid told last stays the one a gift naming no one goes
// to: a donors' story usually has one recipient throughout (3, 6, 10 and 30 were tried on the
// project corpora: each longer memory only gained events)
constexpr std::size_t kAidMemory = 30;
std::vector<Event> EventCoder::code(const Document& document, const DocumentActors& actors,
                                    std::vector<std::string>* trace) const {
  std::vector<Event> events;
  // The events are made at the end, once their number is known (see Pending below).
  // the actors of the last hostile act, for "condemned the attack" ("the United States and
  // Britain struck ...": both), and those of the first sentence's, the story's lead
  std::vector<std::size_t> last_hostile;
  std::size_t last_hostile_sentence = 0;
  std::vector<std::size_t> lead_hostile;
  ActedOn last_acted_on;  // key -> actor who last acted on it, and when
  std::vector<std::size_t> last_aided;  // the recipients of the aid told last, and where
  std::size_t last_aided_sentence = 0;
  // The per-token vectors are kept per thread from document to document, as the text stage and
  // the recogniser keep theirs: a document then allocates nearly nothing for them. Every sentence
  // resizes and refills what it reads, so nothing of one document reaches the next.
  thread_local SentenceBuffers buffers;
  std::vector<ActorKey> keys;  // the evaluation's key of each actor, made once
  keys.reserve(actors.actors.size());
  for (const auto& a : actors.actors) keys.push_back(actor_key(a));
  std::vector<Candidate> candidates;  // a sentence's, cleared for the next (its room kept)
  // The document's events as they are found, made into Events at the end: a vector of Events
  // grown as they came moved every event made before (eight strings and a vector each) each
  // time it grew. Kept per thread, as the buffers are.
  struct Pending {
    std::size_t source = 0;
    std::size_t target = 0;
    const lexicon::CameoCode* entry = nullptr;
    std::optional<Date> date;
    double confidence = 0.0;
    std::size_t sentence = 0;
  };
  thread_local std::vector<Pending> pending;
  pending.clear();
  const StoryParties story(actors, keys);
  {
    // each sentence's mentions: those of the sentences before it end where its begin
    auto& begin = buffers.sentence_mentions;
    begin.resize(document.sentences.size() + 1);
    std::size_t k = 0;
    for (std::size_t s = 0; s < begin.size(); ++s) {
      while (k < actors.mentions.size() && actors.mentions[k].sentence < s) ++k;
      begin[s] = k;
    }
  }
  for (std::size_t s = 0; s < document.sentences.size(); ++s) {
    candidates.clear();
    // (what "the attack" and "the measures" refer to is remembered for eight sentences: 2, 3, 5
    // and 8 were tried on the project corpora, and 8 gained on four of them, lost one event on one)
    if (!last_hostile.empty() && s > last_hostile_sentence + 8) last_hostile.clear();
    last_acted_on.expire(s, 8);
    if (!last_aided.empty() && s > last_aided_sentence + kAidMemory) last_aided.clear();
    // the story's lead act stays what "the attack" means further down when nothing nearer is
    SentenceCoder coder(document, actors, keys, buffers, *m_words, s, *m_matcher, trace,
                        !last_hostile.empty() ? last_hostile : lead_hostile, &last_acted_on, last_aided, story);
    coder.run(candidates);
    if (auto aided = coder.take_aided(); !aided.empty()) {  // the recipients meant from now on
      last_aided = std::move(aided);
      last_aided_sentence = s;
    }
    for (const auto& c : candidates) {
      const ActorKey target_key = keys[c.target];
      if (target_key == keys[c.source]) continue;
      last_acted_on.set(target_key, c.source, s);
    }
    const Candidate* hostile = nullptr;  // the sentence's first hostile act, and all who did it
    for (const auto& c : candidates) {
      const int root = root_number(c.code);
      if (root < 13 || root > 20 || keys[c.source] == keys[c.target]) continue;
      if (!hostile) {
        hostile = &c;
        last_hostile.clear();
        last_hostile_sentence = s;
      }
      if (c.verb == hostile->verb && c.code == hostile->code &&
          std::find(last_hostile.begin(), last_hostile.end(), c.source) == last_hostile.end())
        last_hostile.push_back(c.source);
    }
    if (hostile && s == 0 && lead_hostile.empty()) lead_hostile = last_hostile;
    if (candidates.empty()) continue;
    // by (source, target, code), the most confident first: a repeat is the one after its twin
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return std::tie(a.source, a.target, a.code, b.confidence) < std::tie(b.source, b.target, b.code, a.confidence);
    });
    const Sentence& sentence = document.sentences[s];
    // (the sentence's words were looked up by the coder: its marks tell the date words)
    auto dates = find_event_dates(sentence.tokens, document.date, buffers.word_classes, kDateWord);
    drop_deadlines(sentence.tokens, dates);
    auto& relative = buffers.relative;
    // (event_date() reads the relative clauses only when the sentence has a date expression)
    if (!dates.empty()) relative_clauses(sentence.tokens, buffers.word_classes, relative);
    const Candidate* previous = nullptr;
    for (const auto& c : candidates) {
      const bool repeat = previous && previous->source == c.source && previous->target == c.target && previous->code == c.code;
      previous = &c;
      if (repeat) continue;
      const lexicon::CameoCode* entry = m_codebook->find(c.code);
      for (std::size_t len = c.code.size(); !entry && len > 2; --len)
        entry = m_codebook->find(std::string_view(c.code).substr(0, len - 1));
      if (!entry) continue;
      pending.push_back(Pending{c.source, c.target, entry, event_date(c, dates, relative, document.date), c.confidence, s});
    }
  }
  events.reserve(pending.size());
  for (const Pending& c : pending) {
    const Sentence& sentence = document.sentences[c.sentence];
    const auto begin = std::min(sentence.span.start, document.text.size());
    const auto stop = std::min(sentence.span.end, document.text.size());
    const std::string_view evidence = std::string_view(document.text).substr(begin, stop > begin ? stop - begin : 0);
    const lexicon::CameoCode* entry = c.entry;
    const Actor& source = actors.actors[c.source];
    const Actor& target = actors.actors[c.target];
    Event& e = events.emplace_back();
    e.source.id = source.id;  // (copied field by field: no temporary ActorRef to move)
    e.source.name = source.name;
    e.source.code = source.code;
    e.target.id = target.id;
    e.target.name = target.name;
    e.target.code = target.code;
    e.cameo = entry->code;
    e.root = entry->root;
    e.quad = entry->quad;
    e.goldstein = entry->goldstein;
    e.date = c.date;
    e.confidence = std::round(c.confidence * 100.0) / 100.0;  // two decimals: stable, readable output
    e.domestic = keys[c.source] == keys[c.target];
    e.provenance.push_back(Provenance{document.id, c.sentence, sentence.span, std::string(evidence)});
  }
  return events;
}

}  // namespace diplograph::extract
