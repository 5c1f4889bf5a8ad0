// Actor recognition: lexicon matches, then cues around them (titles, nationality modifiers,
// possessives, "of Taiwan", appositions, capitalised organisation names ending in a head word,
// acronyms defined in parentheses), then within-document coreference (surnames, pronouns,
// "the prime minister", "the two nations"). Rules and their order are in docs/FORMATS.md and
// the comments below; the validation table tests/data/extract/actor_validation.tsv exercises them.
#include "diplograph/extract/actor_recognizer.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>

#include "diplograph/lexicon/actor_lexicon.hpp"
#include "word_classes.hpp"

namespace diplograph::extract {

namespace {

using namespace std::string_view_literals;

using lexicon::ActorEntry;
using lexicon::ActorEntryType;
using lexicon::ActorLexicon;
using lexicon::LexiconMatch;
using lexicon::RoleUse;

bool is_word(const Token& t) { return t.kind == TokenKind::word; }
// s == w for a short literal w: a length test and, inlined with w's length known, a compare of
// a few bytes, where operator== calls std::string_view::compare.
[[gnu::always_inline]] inline bool same(std::string_view s, std::string_view w) {
  return s.size() == w.size() && __builtin_memcmp(s.data(), w.data(), w.size()) == 0;
}
// a == b for two short strings of any length (country codes, names, aliases): the length
// first, then the bytes eight (or four) at a time, the last block overlapping the one before,
// where operator== calls memcmp for every pair of the same length.
inline bool same_text(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8) {
    std::uint64_t x;
    std::uint64_t y;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&x, p + i, 8);
      std::memcpy(&y, q + i, 8);
      if (x != y) return false;
    }
    std::memcpy(&x, p + n - 8, 8);
    std::memcpy(&y, q + n - 8, 8);
    return x == y;
  }
  if (n >= 4) {
    std::uint32_t x1;
    std::uint32_t y1;
    std::uint32_t x2;
    std::uint32_t y2;
    std::memcpy(&x1, p, 4);
    std::memcpy(&y1, q, 4);
    std::memcpy(&x2, p + n - 4, 4);
    std::memcpy(&y2, q + n - 4, 4);
    return x1 == y1 && x2 == y2;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}
// Sets `to` to `from`, a string of up to 15 bytes (most actor ids, names, codes and countries:
// "state/JPN", "Japan", "JPN"), which fits in the string's own buffer: it is copied into it here,
// inline, eight (or four) bytes at a time, where assigning it would call the library (_M_assign,
// then memcpy), some fifty instructions for each field of each new actor.
[[gnu::always_inline]] inline void set_short_text(std::string& to, std::string_view from) {
  to.resize_and_overwrite(from.size(), [from](char* p, std::size_t size) {
    const char* q = from.data();
    if (size >= 8) {
      std::uint64_t x;
      std::uint64_t y;
      std::memcpy(&x, q, 8);
      std::memcpy(&y, q + size - 8, 8);
      std::memcpy(p, &x, 8);
      std::memcpy(p + size - 8, &y, 8);
    } else if (size >= 4) {
      std::uint32_t x;
      std::uint32_t y;
      std::memcpy(&x, q, 4);
      std::memcpy(&y, q + size - 4, 4);
      std::memcpy(p, &x, 4);
      std::memcpy(p + size - 4, &y, 4);
    } else if (size > 0) {
      p[0] = q[0];
      p[size / 2] = q[size / 2];
      p[size - 1] = q[size - 1];
    }
    return size;
  });
}
// An actor's field set from anything: a temporary string is moved; a short text is copied by
// set_short_text, a longer one by the library.
template <class S>
[[gnu::always_inline]] inline void set_field(std::string& to, S&& from) {
  if constexpr (std::is_same_v<S, std::string>) {
    to = std::move(from);
  } else {
    const std::string_view text(from);
    if (text.size() <= 15) set_short_text(to, text);
    else to = std::forward<S>(from);
  }
}

// ASCII capitals, as std::isupper in the "C" locale the library runs in.
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
// (an empty string's [0] is its terminating '\0', no capital: no test of the length is needed)
bool is_cap(const Token& t) { return is_word(t) && is_upper(t.text[0]); }
bool is_upper_acronym(std::string_view s) {
  std::size_t upper = 0;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isupper(u)) ++upper;
    else if (!std::isdigit(u) && c != '&' && c != '-') return false;
  }
  return upper >= 2;
}

// Capitalised words that begin sentences or name times, never a person or organisation.
constexpr std::string_view k_stop_capitals[] = {
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "to", "of", "and", "or", "but",
    "if", "when", "while", "after", "before", "since", "as", "with", "without", "during",
    "meanwhile", "despite", "overall", "noting", "however", "moreover", "also", "still", "yet",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "his", "her",
    "their", "our", "there", "here", "last", "next", "earlier", "later", "any", "some", "all",
    "both", "each", "many", "several", "such", "what", "who", "which", "where", "why", "how",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "ai", "covid", "covid-19", "internet", "according", "speaking",
    "asked", "under", "over", "about", "between", "among", "describing", "citing", "following",
    "including", "regarding", "amid", "against", "through", "within", "into", "said", "says",
    "new", "former"};

// Lower-case words that may stand between a nationality and its actor noun:
// "Taiwanese semiconductor companies", "Japan's new envoy".
constexpr std::string_view k_function_words[] = {
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could",
    "should", "may", "might", "can", "that", "which", "who", "as", "its", "his", "her", "their",
    "not", "no", "it", "this", "these", "those", "than", "but", "if", "into", "about", "over",
    "under", "said", "says", "also", "very", "more", "most", "such", "so", "do", "did", "does"};

// Words that may stand between a nationality and a title: "Japan's new envoy".
constexpr std::string_view k_pre_title_words[] = {
    "new", "former", "top", "senior", "chief", "deputy", "acting", "outgoing", "incoming",
    "then", "current", "ruling", "visiting", "special", "vice", "first", "main", "lead",
    "interim", "designated", "own", "veteran", "prominent", "ex", "state-owned", "elected",
    "appointed", "newly", "retired", "exiled", "jailed"};

constexpr std::string_view k_name_particles[] = {
    "bin", "bint", "al", "el", "de", "da", "van", "von", "der", "den", "ter", "du",
    "des", "di", "le", "la", "del", "dos", "ibn", "abu"};
// The longest particle: a longer word needs no look-up to be known as none.
constexpr std::size_t kParticleMax = 4;
static_assert(std::ranges::all_of(k_name_particles,
                                  [](std::string_view w) { return w.size() <= kParticleMax; }));

// Nouns after which a nationality adjective stands for its state: places, goods, acts
// ("shelled Iraqi towns", "German goods", "French mediation"). Other nouns leave a bare
// adjective out ("the Japanese economy").
constexpr std::string_view k_state_nouns[] = {
    "town", "towns", "city", "cities", "village", "villages", "territory", "territories",
    "soil", "airspace", "waters", "border", "borders", "enclave", "republic", "region",
    "province", "provinces", "camp", "camps", "base", "bases", "positions", "targets", "sites",
    "goods", "products", "exports", "imports", "interests", "assets", "embassy", "consulate",
    "mediation", "proposal", "initiative", "offer", "demands", "demand", "sanctions",
    "attack", "attacks", "offensive", "invasion", "occupation", "blockade", "aid",
    "ports", "port", "vessel", "vessels", "ship", "ships", "flag", "nationals", "side",
    "delegation", "leaders", "warning", "protest"};

enum class Gender : std::uint8_t { unknown, male, female };

constexpr std::string_view k_male_titles[] = {
    "mr", "mr.", "spokesman", "king", "emperor", "prince", "crown prince", "sultan", "emir",
    "congressman", "sir", "lord", "chairman"};
constexpr std::string_view k_female_titles[] = {
    "ms", "ms.", "mrs", "mrs.", "spokeswoman", "queen", "princess", "congresswoman", "madam",
    "dame", "lady", "chairwoman"};

// The CAMEO role a capitalised organisation name's head word gives ("Party" -> PTY): as its last
// word, and as its first word before "of" ("Ministry of ...").
constexpr std::pair<std::string_view, std::string_view> k_last_heads[] = {
    {"party", "PTY"},        {"co", "BUS"},           {"corp", "BUS"},
    {"inc", "BUS"},          {"ltd", "BUS"},          {"company", "BUS"},
    {"corporation", "BUS"},  {"group", "BUS"},        {"holdings", "BUS"},
    {"industries", "BUS"},   {"electronics", "BUS"},  {"motors", "BUS"},
    {"bank", "BUS"},         {"airlines", "BUS"},     {"ministry", "GOV"},
    {"office", "GOV"},       {"department", "GOV"},   {"administration", "GOV"},
    {"council", "GOV"},      {"commission", "GOV"},   {"agency", "GOV"},
    {"cabinet", "GOV"},      {"government", "GOV"},   {"embassy", "GOV"},
    {"forces", "MIL"},       {"force", "MIL"},        {"army", "MIL"},
    {"navy", "MIL"},         {"guard", "MIL"},        {"command", "MIL"},
    {"corps", "MIL"},        {"fleet", "MIL"},        {"parliament", "LEG"},
    {"assembly", "LEG"},     {"congress", "LEG"},     {"senate", "LEG"},
    {"court", "JUD"},        {"front", "REB"},        {"movement", "REB"},
    {"brigades", "REB"},     {"brigade", "REB"},      {"army's", "MIL"},
    {"news", "MED"},         {"times", "MED"},        {"post", "MED"},
    {"daily", "MED"},        {"television", "MED"},   {"police", "COP"}};
constexpr std::pair<std::string_view, std::string_view> k_first_heads[] = {
    {"ministry", "GOV"}, {"department", "GOV"}, {"office", "GOV"}, {"house", "LEG"},
    {"court", "JUD"},    {"bank", "BUS"},       {"council", "GOV"}, {"army", "MIL"},
    {"chamber", "LEG"}};

// The lists above as bits of one table (word_classes.hpp), and the local lists of the handlers.
enum : std::uint32_t {
  kStopCapital = 1u << 0,
  kFunction = 1u << 1,
  kPreTitle = 1u << 2,
  kParticle = 1u << 3,
  kStateNoun = 1u << 4,
  kMaleTitle = 1u << 5,
  kFemaleTitle = 1u << 6,
  kHe = 1u << 7,         // he, him, his, himself
  kShe = 1u << 8,        // she, her, hers, herself
  kThey = 1u << 9,       // they, them, their, themselves
  kGroupNoun = 1u << 10, // "the two nations", "both countries"
  kConnector = 1u << 11, // inside an organisation's name: "Ministry of Foreign Affairs"
  kLocative = 1u << 12,  // before a capital that is a place: "in Tokyo"
  kPlaceNoun = 1u << 13, // after a body that is a place: "the government building"
  kAgreementNoun = 1u << 14,  // after a capital that names an agreement or meeting: "the Paris accord"
  kLooked = 1u << 31,    // (per-token cache) looked up
};
// The per-token cache also keeps a word's head roles (WordInfo::last_head, first_head) in two
// 4-bit fields above the list bits.
constexpr unsigned kLastHeadShift = 16;
constexpr unsigned kFirstHeadShift = 20;
constexpr std::uint32_t kHeadMask = 0xF;
constexpr std::string_view k_he[] = {"he", "him", "his", "himself"};
constexpr std::string_view k_she[] = {"she", "her", "hers", "herself"};
constexpr std::string_view k_they[] = {"they", "them", "their", "themselves"};
constexpr std::string_view k_group_nouns[] = {
    "nations", "countries", "sides", "governments", "states", "neighbours", "neighbors",
    "allies", "capitals", "partners", "leaders", "presidents", "ministers", "rivals", "delegations"};
constexpr std::string_view k_connectors[] = {"of", "for", "and", "the", "on", "&"};
constexpr std::string_view k_locatives[] = {
    "in", "to", "at", "from", "into", "near", "outside", "via", "visit", "visited",
    "visiting", "toward", "towards", "across"};
constexpr std::string_view k_place_nouns[] = {
    "building", "buildings", "headquarters", "compound", "complex", "quarter", "district", "palace",
    "premises", "offices"};
constexpr std::string_view k_agreement_nouns[] = {
    "accord",      "accords",    "agreement", "agreements",   "deal",       "talks", "summit",
    "process",     "format",     "protocol",  "protocols",    "treaty",     "convention", "conventions",
    "declaration", "communique", "framework", "negotiations", "conference", "pact",  "consensus"};
constexpr std::string_view k_roles[] = {"PTY", "BUS", "GOV", "MIL", "LEG", "JUD", "REB", "MED", "COP"};
static_assert(std::size(k_roles) <= kHeadMask, "a head role's index must fit its 4-bit field");

const WordClasses& words() {
  static const WordClasses k = [] {
    WordClasses::Builder b;
    b.add(k_stop_capitals, kStopCapital);
    b.add(k_function_words, kFunction);
    b.add(k_pre_title_words, kPreTitle);
    b.add(k_name_particles, kParticle);
    b.add(k_state_nouns, kStateNoun);
    b.add(k_male_titles, kMaleTitle);
    b.add(k_female_titles, kFemaleTitle);
    b.add(k_he, kHe);
    b.add(k_she, kShe);
    b.add(k_they, kThey);
    b.add(k_group_nouns, kGroupNoun);
    b.add(k_connectors, kConnector);
    b.add(k_locatives, kLocative);
    b.add(k_place_nouns, kPlaceNoun);
    b.add(k_agreement_nouns, kAgreementNoun);
    auto role_index = [](std::string_view role) {
      return static_cast<std::uint8_t>(std::find(std::begin(k_roles), std::end(k_roles), role) -
                                       std::begin(k_roles) + 1);
    };
    for (const auto& [word, role] : k_last_heads) b.add_head(word, role_index(role), false);
    for (const auto& [word, role] : k_first_heads) b.add_head(word, role_index(role), true);
    return std::move(b).build();
  }();
  return k;
}

Gender gender_of_classes(std::uint32_t c) {
  if (c & kMaleTitle) return Gender::male;
  if (c & kFemaleTitle) return Gender::female;
  return Gender::unknown;
}

Gender gender_of_title(std::string_view lower) { return gender_of_classes(words().find(lower).classes); }



// One id for the ways a ministry is named: "foreign ministry", "Ministry of Foreign Affairs",
// "Foreign Ministry" -> "ministry-of-foreign-affairs"; "defence ministry" -> "ministry-of-defence".
std::string ministry_slug(std::string slug) {
  auto has = [&](std::string_view w) { return slug.find(w) != std::string::npos; };
  if (has("foreign") && (has("ministry") || has("affairs") || has("office")))
    return "ministry-of-foreign-affairs";
  if ((has("defence") || has("defense")) && (has("ministry") || has("department")))
    return "ministry-of-defence";
  if (slug.ends_with("-ministry")) {
    std::string what = slug.substr(0, slug.size() - 9);
    return "ministry-of-" + what;
  }
  if (slug.starts_with("ministry-of-the-")) return "ministry-of-" + slug.substr(16);
  return slug;
}

std::string title_from_slug(std::string_view slug) {
  std::string out;
  bool start = true;
  for (char c : slug) {
    if (c == '-') {
      out += ' ';
      start = true;
      continue;
    }
    out += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    start = false;
  }
  // Keep the small words small: "Ministry of Foreign Affairs".
  for (std::string_view w : {" Of ", " The ", " And ", " For "}) {
    std::size_t at;
    while ((at = out.find(w)) != std::string::npos)
      out[at + 1] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[at + 1])));
  }
  return out;
}

ActorKind kind_of_role(std::string_view role, bool ministry) {
  if (same(role, "GOV")) return ministry ? ActorKind::ministry : ActorKind::government;
  if (same(role, "MIL") || same(role, "SPY")) return ActorKind::military;
  if (same(role, "LEG")) return ActorKind::legislature;
  if (same(role, "JUD")) return ActorKind::judiciary;
  if (same(role, "PTY") || same(role, "OPP")) return ActorKind::party;
  if (same(role, "BUS")) return ActorKind::company;
  if (same(role, "MED")) return ActorKind::media;
  return ActorKind::group;
}

std::string_view role_word(std::string_view role) {
  static constexpr std::pair<std::string_view, std::string_view> k[] = {
    {"GOV", "government"}, {"MIL", "military"},   {"LEG", "legislature"},
    {"JUD", "judiciary"},  {"PTY", "party"},      {"BUS", "business"},
    {"MED", "media"},      {"OPP", "opposition"}, {"REB", "rebels"},
    {"CVL", "civilians"},  {"COP", "police"},     {"SPY", "intelligence"},
    {"LAB", "labour"},     {"SEP", "separatists"}, {"ELI", "elite"},
    {"NGO", "ngos"},       {"REL", "religious"}};
  for (const auto& [code, word] : k)
    if (code == role) return word;
  return "group";
}

// A map to actor indices for one document pass, by open addressing in one array. Its memory is
// kept per thread and cleared per document (only the slots used are reset), so that the few
// dozen inserts of a document allocate nothing, where std::unordered_map allocates (and the
// next document frees) a node per key. Keys are string views (of the slots' ids or of the
// document's tokens) or 64-bit (country, role) keys; nothing iterates over it, so its order
// cannot reach the output.
template <class Key>
class PassMap {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // (inlined: asked at most capitalised words, and most find an empty slot at once)
  [[nodiscard, gnu::always_inline]] std::size_t find(const Key& key) const noexcept {
    if (m_count == 0) return npos;
    // (most keys asked are not there, and the filter says so without the hash function's call)
    if (!((m_filter >> filter_bit(key)) & 1)) return npos;
    for (std::size_t i = hash(key) & m_mask;; i = (i + 1) & m_mask) {
      const Slot& s = m_slots[i];
      if (s.value == npos) return npos;
      if (s.key == key) return s.value;
    }
  }
  // Sets key -> value, replacing an old value.
  void set(const Key& key, std::size_t value) {
    if ((m_count + 1) * 2 > m_slots.size()) grow();
    std::size_t i = hash(key) & m_mask;
    for (;; i = (i + 1) & m_mask) {
      Slot& s = m_slots[i];
      if (s.value == npos) break;
      if (s.key == key) {
        s.value = value;
        return;
      }
    }
    m_slots[i] = {key, value};
    m_used.push_back(static_cast<std::uint32_t>(i));
    m_filter |= std::uint64_t{1} << filter_bit(key);
    ++m_count;
  }
  // Inserts key -> value unless the key is there already.
  void insert(const Key& key, std::size_t value) {
    if (find(key) == npos) set(key, value);
  }
  void clear() noexcept {
    for (const std::uint32_t i : m_used) m_slots[i].value = npos;
    m_used.clear();
    m_count = 0;
    m_filter = 0;
  }

 private:
  struct Slot {
    Key key{};
    std::size_t value = npos;
  };
  // One of 64 bits for a key, from a few of its bytes: m_filter has the bits of the keys in the
  // map, so a key whose bit is clear is not there.
  static unsigned filter_bit(std::string_view k) noexcept {
    if (k.empty()) return 0;
    return (static_cast<unsigned char>(k.front()) * 5u + static_cast<unsigned char>(k.back()) * 3u +
            static_cast<unsigned>(k.size())) & 63u;
  }
  static unsigned filter_bit(std::uint64_t k) noexcept { return static_cast<unsigned>((k ^ (k >> 24)) & 63u); }
  static std::size_t hash(std::string_view k) noexcept { return lexicon::WordTable::hash(k); }
  static std::size_t hash(std::uint64_t k) noexcept {
    k *= 0x9E3779B97F4A7C15ULL;
    return k ^ (k >> 29);
  }
  void grow() {
    std::vector<Slot> old(m_slots.size() < 32 ? 64 : m_slots.size() * 2);
    old.swap(m_slots);
    m_mask = m_slots.size() - 1;
    m_used.clear();
    m_count = 0;
    for (const Slot& s : old)
      if (s.value != npos) set(s.key, s.value);
  }

  std::vector<Slot> m_slots;
  std::vector<std::uint32_t> m_used;  // indices of the filled slots, for clear()
  std::size_t m_mask = 0;
  std::size_t m_count = 0;
  std::uint64_t m_filter = 0;  // filter_bit of every key in the map
};

// Actor ids -> indices into a pass's actor table. A slot keeps the id's hash and the actor's
// index, and a probe compares the id with the actor's own (through `id_of`), so the index holds
// no view into the actors, which move when their vector grows. Kept per thread like PassMap.
class ActorIndex {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  template <class IdOf>
  [[nodiscard]] std::size_t find(std::string_view id, IdOf&& id_of) const {
    return find(id, lexicon::WordTable::hash(id), std::forward<IdOf>(id_of));
  }
  // The same with the id's hash (WordTable::hash) made already.
  template <class IdOf>
  [[nodiscard]] std::size_t find(std::string_view id, std::uint64_t h, IdOf&& id_of) const {
    if (m_count == 0) return npos;
    for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
      const Slot& s = m_slots[i];
      if (s.index == npos) return npos;
      if (s.hash == h && id_of(s.index) == id) return s.index;
    }
  }
  // Adds an id that is not there yet.
  void insert(std::string_view id, std::size_t index) { place(lexicon::WordTable::hash(id), index); }
  void insert_hashed(std::uint64_t hash, std::size_t index) { place(hash, index); }
  void clear() noexcept {
    for (const std::uint32_t i : m_used) m_slots[i].index = npos;
    m_used.clear();
    m_count = 0;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t index = npos;
  };
  void place(std::uint64_t h, std::size_t index) {
    if ((m_count + 1) * 2 > m_slots.size()) grow();
    std::size_t i = h & m_mask;
    while (m_slots[i].index != npos) i = (i + 1) & m_mask;
    m_slots[i] = {h, index};
    m_used.push_back(static_cast<std::uint32_t>(i));
    ++m_count;
  }
  void grow() {
    std::vector<Slot> old(m_slots.size() < 32 ? 64 : m_slots.size() * 2);
    old.swap(m_slots);
    m_mask = m_slots.size() - 1;
    m_used.clear();
    m_count = 0;
    for (const Slot& s : old)
      if (s.index != npos) place(s.hash, s.index);
  }

  std::vector<Slot> m_slots;
  std::vector<std::uint32_t> m_used;
  std::size_t m_mask = 0;
  std::size_t m_count = 0;
};

// The fields of a state's or a (state, role) group's actor ("state/JPN", "org/JPN/government"),
// kept across documents so that each new document copies them instead of building them again.
struct ActorTemplate {
  std::string iso3;
  std::string role;  // empty for the state itself
  std::string id;
  std::string name;
  std::string code;
  ActorKind kind = ActorKind::other;
  std::uint64_t id_hash = 0;  // WordTable::hash(id), for the pass's index of ids
};

// One thread's templates, for one lexicon (they hold its state names). A recogniser on another
// lexicon starts the cache afresh; the weak pointer keeps the old lexicon's control block, so a
// new lexicon is never mistaken for the old one.
struct TemplateCache {
  std::weak_ptr<const ActorLexicon> owner;
  std::unordered_map<std::uint64_t, ActorTemplate> by_key;  // DocumentPass::role_key
  ActorTemplate scratch;  // for the rare key two (country, role) pairs share
};

TemplateCache& template_cache(const std::shared_ptr<const ActorLexicon>& lexicon) {
  thread_local TemplateCache cache;
  if (cache.owner.owner_before(lexicon) || lexicon.owner_before(cache.owner)) {
    cache.by_key.clear();
    cache.owner = lexicon;
  }
  return cache;
}

// One document's recognition: the actor table, the mentions, and the state coreference needs.
class DocumentPass {
 public:
  DocumentPass(const ActorLexicon& lexicon, TemplateCache& templates, const Document& document)
      : m_lex(lexicon), m_templates(templates), m_doc(document), m_buf(acquire(m_own)),
        m_slots(m_buf.slots), m_by_id(m_buf.by_id), m_mentions(m_buf.mentions),
        m_alias(m_buf.alias), m_persons(m_buf.persons), m_country_names(m_buf.country_names),
        m_countries(m_buf.countries),
        m_here(m_buf.here), m_match_at(m_buf.match_at),
        m_used(m_buf.used), m_cls(m_buf.cls),
        m_role_cache(m_buf.role_cache), m_ministry_cache(m_buf.ministry_cache) {
    m_last_of_kind.fill(kNone);
  }
  ~DocumentPass() { m_buf.busy = false; }
  DocumentPass(const DocumentPass&) = delete;
  DocumentPass& operator=(const DocumentPass&) = delete;

  DocumentActors run(DocumentMatches* matches) {
    // Every sentence's matches go straight into one buffer: the caller's, or this pass's own.
    m_doc_matches = matches ? matches : &m_buf.doc_matches;
    m_doc_matches->matches.clear();
    m_doc_matches->begin.assign(1, 0);
    for (std::size_t s = 0; s < m_doc.sentences.size(); ++s) {
      sentence(s);
      m_doc_matches->begin.push_back(m_doc_matches->matches.size());
    }
    return finish();
  }

 private:
  struct Slot {
    Actor actor;
    Gender gender = Gender::unknown;
    // actor.country's index in m_country_names, found at the actor's first mention (kUnseen
    // before; kNoCountry for an empty country)
    std::uint32_t country = kUnseen;
  };
  static constexpr std::uint32_t kUnseen = 0xFFFFFFFFu;
  static constexpr std::uint32_t kNoCountry = 0xFFFFFFFEu;
  struct PersonSeen {
    std::size_t actor;
    std::size_t sentence;
    std::size_t token;
  };

  // The containers of a pass, kept per thread and emptied for each document, so that a document
  // reuses the memory of the one before instead of allocating (and freeing) its own.
  struct Buffers {
    std::vector<Slot> slots;
    ActorIndex by_id;
    std::vector<Mention> mentions;
    PassMap<std::string_view> alias;
    std::vector<PersonSeen> persons;
    std::vector<std::string> country_names;
    std::vector<std::uint32_t> countries;
    std::vector<std::uint32_t> here;
    DocumentMatches doc_matches;  // when the caller keeps none
    std::vector<int> match_at;
    std::vector<char> used;
    std::vector<std::uint32_t> cls;
    PassMap<std::uint64_t> role_cache;
    std::vector<std::tuple<std::uint64_t, std::string, std::size_t>> ministry_cache;
    bool busy = false;  // a pass on this thread holds them
  };
  // This thread's buffers, emptied; or, if a pass already holds them, buffers of this pass's own.
  static Buffers& acquire(std::unique_ptr<Buffers>& own) {
    thread_local Buffers buffers;
    Buffers* b = &buffers;
    if (b->busy) {
      own = std::make_unique<Buffers>();
      b = own.get();
    }
    b->busy = true;
    b->slots.clear();
    b->by_id.clear();
    b->mentions.clear();
    b->alias.clear();
    b->persons.clear();
    b->country_names.clear();
    b->countries.clear();
    b->here.clear();
    b->role_cache.clear();
    b->ministry_cache.clear();
    return *b;
  }

  const ActorLexicon& m_lex;
  TemplateCache& m_templates;
  const Document& m_doc;
  std::unique_ptr<Buffers> m_own;
  Buffers& m_buf;
  // A vector kept across documents. Actors move when it grows: hold no reference to one across
  // a call that may add an actor, and never pass an actor's own strings to actor().
  std::vector<Slot>& m_slots;
  ActorIndex& m_by_id;
  std::vector<Mention>& m_mentions;
  // surname or acronym (a view of the document's Token::lower) -> actor
  PassMap<std::string_view>& m_alias;
  std::vector<PersonSeen>& m_persons;
  // The countries the document names, each once, so that the lists below hold indices into it
  // (a mention then compares and copies a number, not a string).
  std::vector<std::string>& m_country_names;
  std::vector<std::uint32_t>& m_countries;  // countries in mention order, for "the two nations"
  std::vector<std::uint32_t>& m_here;  // distinct countries named so far in the current sentence
  // The country of a wire dateline's capital ("KATHMANDU, June 13 -"): where the story was filed,
  // the likeliest country of an official the story names with a title and no country.
  std::string m_dateline_country;
  std::size_t m_sentence_countries = 0;  // m_countries' size when the current sentence began
  // The country where the story says power was seized ("the coup in Niger", "the army officers
  // who seized power in Niamey", "Myanmar's junta"): "the junta", "the generals" are its rulers,
  // whichever country was named last. Empty until such a country is named.
  std::string m_seized_country;
  // Sentences before this one have been searched for a seizure of power (see catch_up_seizure).
  std::size_t m_seizure_scanned = 0;
  // Every sentence's matches (those before the current one are filled; the current one's are
  // its last): the caller's buffer, or m_buf's.
  DocumentMatches* m_doc_matches = nullptr;
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::array<std::size_t, static_cast<std::size_t>(ActorKind::other) + 1> m_last_of_kind;  // by kind; kNone
  // The last plural antecedent for "they": a group of people or firms, or "the two nations".
  struct Plural {
    std::vector<std::size_t> actors;
    std::size_t sentence = 0;
  };
  std::optional<Plural> m_plural;

  // Per sentence.
  std::size_t m_s = 0;
  const std::vector<Token>* m_tok = nullptr;
  std::size_t m_n = 0;  // m_tok->size()
  // The data of the sentence's tokens and per-token vectors, kept when the sentence begins (the
  // vectors are not resized during a sentence), so that a test reads one pointer, not a
  // vector's through a reference.
  const Token* m_toks = nullptr;
  char* m_used_at = nullptr;
  const int* m_match_at_p = nullptr;
  std::uint32_t* m_cls_at = nullptr;
  const LexiconMatch* m_matches_at = nullptr;
  std::span<const LexiconMatch> m_matches;  // the sentence's, at the end of m_doc_matches
  std::vector<int>& m_match_at;
  std::vector<char>& m_used;
  std::vector<std::uint32_t>& m_cls;  // per token: kLooked | the word lists it is on
  // words(), reached once per pass: its first use builds it, and that call kept in
  // look_up_cls would make every look-up save registers
  const WordClasses* m_words = &words();

  // ---- the actor table ----------------------------------------------------------------------

  // The actor with this id, made from the other fields if new. The strings are copied (or moved,
  // when given as temporaries) only for a new actor: most calls find one already there.
  template <class Id, class Name, class Code, class Country, class Title = std::string_view>
  std::size_t actor(Id&& id, Name&& name, Code&& code, Country&& country, ActorKind kind,
                    Title&& title = {}) {
    return actor_hashed(lexicon::WordTable::hash(std::string_view(id)), std::forward<Id>(id),
                        std::forward<Name>(name), std::forward<Code>(code),
                        std::forward<Country>(country), kind, std::forward<Title>(title));
  }
  // The same with the id's hash (WordTable::hash) made already (a template keeps its id's).
  template <class Id, class Name, class Code, class Country, class Title = std::string_view>
  std::size_t actor_hashed(std::uint64_t hash, Id&& id, Name&& name, Code&& code, Country&& country,
                           ActorKind kind, Title&& title = {}) {
    if (const std::size_t found = find_actor(id, hash); found != kNone) {
      Actor& a = m_slots[found].actor;
      if (a.title.empty() && !std::string_view(title).empty()) a.title = std::forward<Title>(title);
      const std::string_view c(code);
      if (a.code.size() <= 3 && c.size() > a.code.size() && c.starts_with(a.code))
        a.code = std::forward<Code>(code);
      return found;
    }
    Slot& slot = m_slots.emplace_back();
    set_field(slot.actor.id, std::forward<Id>(id));
    set_field(slot.actor.name, std::forward<Name>(name));
    set_field(slot.actor.code, std::forward<Code>(code));
    set_field(slot.actor.country, std::forward<Country>(country));
    slot.actor.kind = kind;
    // (most actors have no title: the empty one is not assigned, which would call the library)
    if (!std::string_view(title).empty()) set_field(slot.actor.title, std::forward<Title>(title));
    m_by_id.insert_hashed(hash, m_slots.size() - 1);
    return m_slots.size() - 1;
  }

  std::size_t find_actor(std::string_view id) const {
    return m_by_id.find(id, [&](std::size_t a) -> std::string_view { return m_slots[a].actor.id; });
  }
  std::size_t find_actor(std::string_view id, std::uint64_t hash) const {
    return m_by_id.find(id, hash, [&](std::size_t a) -> std::string_view { return m_slots[a].actor.id; });
  }

  // (country, role) -> actor, so repeated mentions of a state or a role group build no strings.
  std::uint64_t role_key(std::string_view iso3, std::string_view role, bool ministry) const {
    std::uint64_t k = ministry ? 1 : 0;
    for (char c : iso3.substr(0, 3)) k = (k << 8) | static_cast<unsigned char>(c);
    for (char c : role.substr(0, 3)) k = (k << 8) | static_cast<unsigned char>(c);
    return k;
  }
  PassMap<std::uint64_t>& m_role_cache;
  std::vector<std::tuple<std::uint64_t, std::string, std::size_t>>& m_ministry_cache;

  std::size_t state_actor(const std::string& iso3) {
    const auto key = role_key(iso3, "", false);
    if (const std::size_t found = m_role_cache.find(key); found != kNone) return found;
    const ActorTemplate& t = actor_template(key, iso3, {}, [&] {
      const auto* info = m_lex.state(iso3);
      return ActorTemplate{iso3, {}, "state/" + iso3, info ? info->name : iso3, iso3, ActorKind::state};
    });
    const auto a = actor_hashed(t.id_hash, t.id, t.name, t.code, iso3, t.kind);
    m_role_cache.insert(key, a);
    return a;
  }

  // The template under `key` if it is the one of (iso3, role), else one made now by `make`.
  template <class Make>
  const ActorTemplate& actor_template(std::uint64_t key, std::string_view iso3, std::string_view role,
                                      Make make) {
    auto [it, inserted] = m_templates.by_key.try_emplace(key);
    if (inserted) {
      it->second = make();
      it->second.id_hash = lexicon::WordTable::hash(it->second.id);
    }
    if (same_text(it->second.iso3, iso3) && same_text(it->second.role, role)) return it->second;
    m_templates.scratch = make();
    m_templates.scratch.id_hash = lexicon::WordTable::hash(m_templates.scratch.id);
    return m_templates.scratch;
  }

  std::size_t role_actor(const std::string& iso3, std::string_view role, bool ministry = false,
                         std::string_view phrase = {}) {
    if (!ministry) {
      const auto key = role_key(iso3, role, false);
      if (const std::size_t found = m_role_cache.find(key); found != kNone) return found;
      const ActorTemplate& t = actor_template(key, iso3, role, [&] {
        const auto* info = m_lex.state(iso3);
        const std::string_view word = role_word(role);
        const std::string_view state_name = info ? std::string_view(info->name) : std::string_view(iso3);
        ActorTemplate made;
        made.iso3 = iso3;
        made.role = role;
        made.id.append("org/").append(iso3).append("/").append(word);
        made.name.append(state_name).append(" ").append(word);
        made.code.append(iso3).append(role);
        made.kind = kind_of_role(role, false);
        return made;
      });
      const auto a = actor_hashed(t.id_hash, t.id, t.name, t.code, iso3, t.kind);
      m_role_cache.insert(key, a);
      return a;
    }
    // A ministry's id comes from its phrase ("foreign ministry"): cached by phrase too.
    const auto key = role_key(iso3, role, true);
    for (const auto& [k, text, a] : m_ministry_cache)
      if (k == key && same_text(text, phrase)) return a;
    const auto a = role_actor_uncached(iso3, role, ministry, phrase);
    m_ministry_cache.emplace_back(key, std::string(phrase), a);
    return a;
  }

  // A ministry phrase's slug and title ("foreign ministry" -> "ministry-of-foreign-affairs",
  // "Ministry of Foreign Affairs"), which depend on the phrase alone: made once per thread and
  // kept across documents (a lexicon's role phrases are few).
  struct MinistryName {
    std::string slug;
    std::string title;
  };
  static const MinistryName& ministry_name(std::string_view phrase) {
    thread_local std::unordered_map<std::string, MinistryName> names;
    auto it = names.find(std::string(phrase));
    if (it == names.end()) {
      MinistryName made;
      made.slug = ministry_slug(lexicon::slug(phrase));
      made.title = title_from_slug(made.slug);
      it = names.emplace(std::string(phrase), std::move(made)).first;
    }
    return it->second;
  }

  std::size_t role_actor_uncached(const std::string& iso3, std::string_view role, bool ministry,
                                  std::string_view phrase) {
    if (ministry && !phrase.empty()) {
      const MinistryName& named = ministry_name(phrase);
      if (named.slug.starts_with("ministry-of-"))
        return actor("org/" + iso3 + "/" + named.slug, named.title, iso3 + std::string(role), iso3,
                     ActorKind::ministry);
    }
    const std::string_view word = role_word(role);
    const auto* info = m_lex.state(iso3);  // (looked up only here: a named ministry needs no state name)
    std::string id;
    id.reserve(5 + iso3.size() + word.size());
    id.append("org/").append(iso3).append("/").append(word);
    const std::string_view state_name = info ? std::string_view(info->name) : std::string_view(iso3);
    std::string name;
    name.reserve(state_name.size() + 1 + word.size());
    name.append(state_name).append(" ").append(word);
    std::string code;
    code.reserve(iso3.size() + role.size());
    code.append(iso3).append(role);
    return actor(std::move(id), std::move(name), std::move(code), iso3, kind_of_role(role, ministry));
  }

  std::size_t entry_actor(const ActorEntry& e) {
    switch (e.type) {
      case ActorEntryType::state:
      case ActorEntryType::adjective:
        return state_actor(e.country);
      case ActorEntryType::capital:
        return role_actor(e.country, "GOV");
      case ActorEntryType::leader: {
        if (const std::size_t found = find_actor(e.id); found != kNone) return found;
        // The title and code of the office held on the document's date (ActorLexicon::leader_code's
        // rule, with the terms looked up once).
        const auto terms = m_lex.terms(e);
        const lexicon::LeaderTerm* term =
            m_doc.date ? ActorLexicon::term_among(terms, *m_doc.date) : nullptr;
        std::string_view title = e.title;
        if (term) title = term->office;
        else if (m_doc.date && !terms.empty()) title = terms.back().office;
        std::string code;
        if (!terms.empty()) code.append(terms.back().country).append(!m_doc.date || term ? "GOV" : "ELI");
        return actor(e.id, e.name, std::move(code), e.country, ActorKind::person, title);
      }
      default:
        return actor(e.id, e.name, e.code, e.country, e.kind);
    }
  }

  // The index of a country in m_country_names, added if new.
  std::uint32_t country_index(std::string_view country) {
    for (std::size_t k = 0; k < m_country_names.size(); ++k)
      if (same_text(m_country_names[k], country)) return static_cast<std::uint32_t>(k);
    m_country_names.emplace_back(country);
    return static_cast<std::uint32_t>(m_country_names.size() - 1);
  }
  // The index of actor a's country (kNoCountry if it has none), looked up once per actor.
  std::uint32_t country_of(std::size_t a) {
    Slot& slot = m_slots[a];
    if (slot.country == kUnseen)
      slot.country = slot.actor.country.empty() ? kNoCountry : country_index(slot.actor.country);
    return slot.country;
  }

  void mention(std::size_t a, std::size_t first, std::size_t last, bool group = false) {
    const auto& toks = *m_tok;
    Mention m;
    m.actor = a;
    m.sentence = m_s;
    m.first_token = first;
    m.last_token = last;
    m.span = {toks[first].span.start, toks[last].span.end};
    m_mentions.push_back(m);
    for (std::size_t t = first; t <= last; ++t) m_used_at[t] = 1;
    const Actor& actor = m_slots[a].actor;
    if (actor.kind == ActorKind::person) m_persons.push_back({a, m_s, first});
    if (!group) m_last_of_kind[static_cast<std::size_t>(actor.kind)] = a;
    if (!group) {
      if (const std::uint32_t country = country_of(a); country != kNoCountry) {
        if (m_countries.empty() || m_countries.back() != country) m_countries.push_back(country);
        if (std::find(m_here.begin(), m_here.end(), country) == m_here.end()) m_here.push_back(country);
      }
    }
    if (actor.kind == ActorKind::person) return;
    const std::string_view surface =
        std::string_view(m_doc.text).substr(m.span.start, m.span.end - m.span.start);
    // (the aliases are compared with same_text(): a length test first, then the bytes)
    if (!same_text(surface, actor.name) && actor.aliases.size() < 16 &&
        !same(surface, "It") && !same(surface, "it") &&  // a pronoun is no name
        std::none_of(actor.aliases.begin(), actor.aliases.end(),
                     [&](const std::string& alias) { return same_text(alias, surface); })) {
      auto& aliases = m_slots[a].actor.aliases;
      // An actor named once in another way is often named in a third: room for a few at once.
      if (aliases.empty()) aliases.reserve(4);
      aliases.emplace_back(surface);
    }
  }

  // ---- token helpers --------------------------------------------------------------------------

  // The sentence's token count, kept when the sentence begins (size() divides by the size of a
  // Token, and n() is asked for at nearly every test).
  std::size_t n() const { return m_n; }
  // The word lists token i is on (word_classes.hpp), looked up once per sentence.
  // Inlined when the token was looked up already, as it mostly is.
  [[gnu::always_inline]] std::uint32_t cls(std::size_t i) const {
    const std::uint32_t c = m_cls_at[i];
    return (c & kLooked) ? c : look_up_cls(i);
  }
  // (most words are answered by the short index alone; the full table's look-up, which calls
  // the hash function, is a call of its own, so that this one needs no registers saved)
  [[gnu::noinline]] std::uint32_t look_up_cls(std::size_t i) const {
    WordInfo w;
    const std::uint32_t id = m_words->find_short(tok(i).lower, w);
    if (id == WordClasses::kAskTable) return look_up_cls_long(i);
    return m_cls_at[i] = cls_bits(w);
  }
  [[gnu::noinline]] std::uint32_t look_up_cls_long(std::size_t i) const {
    return m_cls_at[i] = cls_bits(m_words->find_long(tok(i).lower));
  }
  static std::uint32_t cls_bits(const WordInfo& w) {
    return kLooked | w.classes | (std::uint32_t{w.last_head} << kLastHeadShift) |
           (std::uint32_t{w.first_head} << kFirstHeadShift);
  }
  // The CAMEO role token i gives as the last (or first) word of an organisation's name, from the
  // same cached look-up as its word lists.
  std::optional<std::string_view> head_role_at(std::size_t i, bool first) const {
    const std::uint32_t r = (cls(i) >> (first ? kFirstHeadShift : kLastHeadShift)) & kHeadMask;
    if (r == 0) return std::nullopt;
    return k_roles[r - 1];
  }
  const Token& tok(std::size_t i) const { return m_toks[i]; }
  // Called several times per token with short literals: inlined, the comparison is a few instructions.
  [[gnu::always_inline]] bool lower_is(std::size_t i, std::string_view s) const {
    return i < n() && same(tok(i).lower, s);
  }
  const LexiconMatch* match(std::size_t i) const {
    if (i >= n() || m_match_at_p[i] < 0) return nullptr;
    return m_matches_at + m_match_at_p[i];
  }
  static constexpr unsigned bit(ActorEntryType type) { return 1u << static_cast<unsigned>(type); }
  // The entry types of a match of this sentence, as bits (1 << type).
  unsigned types_of(const LexiconMatch* m) const { return m->types; }
  // Most calls ask for a type the match does not have: that answer is inlined, the search is not.
  [[gnu::always_inline]] const ActorEntry* entry_of(const LexiconMatch* m, ActorEntryType type) const {
    if (!m || !(types_of(m) & (1u << static_cast<unsigned>(type)))) return nullptr;
    return find_entry(m, type);
  }
  [[gnu::noinline]] const ActorEntry* find_entry(const LexiconMatch* m, ActorEntryType type) const {
    if (type == ActorEntryType::leader && m_doc.date) {
      // "Bush" in 1991 and in 2003: of the leaders a name may be, the one in office on the
      // document's date; else the first, as without a date.
      const ActorEntry* first = nullptr;
      for (auto e : m->entries) {
        if (m_lex.entry_type(e) != type) continue;
        const ActorEntry& entry = m_lex.entry(e);
        if (!first) first = &entry;
        if (ActorLexicon::term_among(m_lex.terms(entry), *m_doc.date)) return &entry;
      }
      return first;
    }
    for (auto e : m->entries)
      if (m_lex.entry_type(e) == type) return &m_lex.entry(e);
    return nullptr;
  }
  [[gnu::always_inline]] const ActorEntry* role_of(const LexiconMatch* m,
                                                  std::optional<RoleUse> use = {}) const {
    if (!m || !(types_of(m) & (1u << static_cast<unsigned>(ActorEntryType::role)))) return nullptr;
    return find_role(m, use);
  }
  [[gnu::noinline]] const ActorEntry* find_role(const LexiconMatch* m, std::optional<RoleUse> use) const {
    for (auto e : m->entries) {
      const auto& entry = m_lex.entry(e);
      if (entry.type == ActorEntryType::role && (!use || entry.use == *use)) return &entry;
    }
    return nullptr;
  }
  // The text of tokens [first, last] as a name: their words, a space where the text had one.
  std::string name_text(std::size_t first, std::size_t last) const {
    std::string name;
    for (std::size_t t = first; t <= last; ++t) {
      if (!name.empty() && tok(t).space_before) name += ' ';
      name += tok(t).text;
    }
    return name;
  }
  std::string surface(std::size_t first, std::size_t last) const {
    return std::string(m_doc.text.substr(tok(first).span.start,
                                         tok(last).span.end - tok(first).span.start));
  }
  std::string_view alias_key(std::size_t i) const { return tok(i).lower; }

  // A nationality or state at i ("Japanese", "Japan", "US"), as a country code and end token.
  struct Modifier {
    const std::string& country;  // the lexicon entry's
    std::size_t last = 0;
    bool is_state = false;  // a state's name, not only an adjective
  };
  // (inlined: it is asked at most capitalised words and in the handlers' loops, and most have no
  // match, which the inlined test answers at once)
  [[gnu::always_inline]] std::optional<Modifier> modifier(std::size_t i) const {
    const auto* m = match(i);
    if (!m) return std::nullopt;
    constexpr unsigned kNot = (1u << static_cast<unsigned>(ActorEntryType::place)) |
                              (1u << static_cast<unsigned>(ActorEntryType::organisation)) |
                              (1u << static_cast<unsigned>(ActorEntryType::igo));
    if (types_of(m) & kNot) return std::nullopt;
    if (const auto* s = entry_of(m, ActorEntryType::state))
      return Modifier{s->country, m->last_token, true};
    if (const auto* a = entry_of(m, ActorEntryType::adjective))
      return Modifier{a->country, m->last_token, false};
    return std::nullopt;
  }

  // "Anwar Gargash" is not Anwar Ibrahim: a leader's one-word short name followed by another
  // capitalised word that is no known name or stop word is the first word of someone else's.
  bool longer_unknown_name(const LexiconMatch& m, std::size_t i) const {
    if (m.last_token != i || i + 1 >= n()) return false;
    const Token& next = tok(i + 1);
    return is_cap(next) && next.space_before && !match(i + 1) && !(cls(i + 1) & kStopCapital);
  }

  // A person's name at i: a known leader, a name seen before, or 1-4 capitalised words.
  struct Name {
    std::size_t last = 0;
    std::optional<std::size_t> known;      // an actor already in the table
    const ActorEntry* leader = nullptr;     // a leader from the lexicon
  };
  std::optional<Name> name_at(std::size_t i, bool allow_single = true) const {
    if (i >= n() || !is_cap(tok(i))) return std::nullopt;
    if (const auto* m = match(i)) {
      const auto* l = entry_of(m, ActorEntryType::leader);
      // "Yunus-Bek Yevkurov" is not Muhammad Yunus: a short name that is only part of a
      // hyphenated word belongs to an unknown name.
      if (l && l->alias && m->last_token == i && tok(i).text.find('-') != std::string::npos) l = nullptr;
      if (l && l->alias && longer_unknown_name(*m, i)) l = nullptr;
      if (l) {
        // "Kishida" after "Fumio Kishida" was seen: the alias map knows it too.
        return Name{m->last_token, std::nullopt, l};
      }
      // (a match has an entry of a type exactly when its types have the bit: one test for all)
      if (types_of(m) & (bit(ActorEntryType::state) | bit(ActorEntryType::adjective) |
                         bit(ActorEntryType::capital) | bit(ActorEntryType::igo) |
                         bit(ActorEntryType::organisation) | bit(ActorEntryType::place) |
                         bit(ActorEntryType::role)))
        return std::nullopt;
    }
    if (const std::size_t known = m_alias.find(alias_key(i));
        known != kNone && m_slots[known].actor.kind == ActorKind::person) {
      // A surname alone, or the surname with the given name again.
      std::size_t last = i;
      if (i + 1 < n() && is_cap(tok(i + 1)) && !match(i + 1) &&
          !(cls(i + 1) & kStopCapital))
        last = i + 1;
      return Name{last, known, nullptr};
    }
    if (cls(i) & kStopCapital) return std::nullopt;
    std::size_t last = i;
    std::size_t words = 1;
    std::size_t j = i + 1;
    while (j < n() && words < 4) {
      const Token& t = tok(j);
      // A leader's short name inside an unknown name ("Ramon Ortega") is part of it.
      const auto* m = match(j);
      const bool plain = !m || (m->entries.size() == 1 &&
                                m_lex.entry(m->entries[0]).type == ActorEntryType::leader &&
                                m_lex.entry(m->entries[0]).alias && m->last_token == j);
      if (is_cap(t) && !(cls(j) & kStopCapital) && plain) {
        last = j;
        ++words;
        ++j;
      } else if (t.lower.size() <= kParticleMax && (cls(j) & kParticle)) {
        // "bin", "al", "von der" inside a name, when a capitalised word follows them.
        std::size_t k = j;
        while (k < n() && (cls(k) & kParticle)) ++k;
        if (k >= n() || !is_cap(tok(k)) || k - j > 2) break;
        j = k;
      } else {
        break;
      }
    }
    if (!allow_single && words < 2 && tok(i).text.find('-') == std::string::npos)
      return std::nullopt;
    return Name{last, std::nullopt, nullptr};
  }

  // "of Taiwan" at i: the country.
  std::optional<std::string> of_country(std::size_t i) const {
    if (!lower_is(i, "of")) return std::nullopt;
    std::size_t j = i + 1;
    if (lower_is(j, "the")) ++j;
    if (auto mod = modifier(j); mod && mod->is_state) return mod->country;
    return std::nullopt;
  }

  // The nearest country named in this sentence (before i first, then after), else the last one
  // of the document.
  std::string context_country(std::size_t i) const {
    std::string best;
    std::size_t best_dist = static_cast<std::size_t>(-1);
    for (const auto& m : m_matches) {
      const ActorEntry* e = entry_of(&m, ActorEntryType::state);
      if (!e) e = entry_of(&m, ActorEntryType::adjective);
      if (!e) e = entry_of(&m, ActorEntryType::capital);
      if (!e || entry_of(&m, ActorEntryType::place)) continue;
      // Prefer what comes before (the subject) by counting a following mention as farther.
      const std::size_t d = m.first_token < i ? (i - m.first_token) : 2 * (m.first_token - i);
      if (d < best_dist) {
        best_dist = d;
        best = e->country;
      }
    }
    if (best.empty() && !m_countries.empty()) best = m_country_names[m_countries.back()];
    return best;
  }

  std::size_t person(const Name& name, std::size_t first, std::string_view country,
                     std::string_view role, std::string_view title, Gender gender) {
    std::size_t a;
    if (name.known) {
      a = *name.known;
    } else if (name.leader) {
      a = entry_actor(*name.leader);
    } else {
      const std::string full = name_text(first, name.last);
      std::string code;
      if (!country.empty()) code.append(country).append(role);
      a = actor("person/" + lexicon::slug(full), full, code, country, ActorKind::person, title);
    }
    if (gender != Gender::unknown) m_slots[a].gender = gender;
    // Surname and given name become aliases for the rest of the document.
    for (std::size_t t : {first, name.last}) {
      const Token& w = tok(t);
      if (is_cap(w) && !(cls(t) & (kStopCapital | kMaleTitle | kFemaleTitle)))
        m_alias.set(w.lower, a);
    }
    return a;
  }

  // An acronym defined right after a mention: "... Party (LDP)".
  std::size_t acronym_after(std::size_t a, std::size_t last) {
    if (last + 3 < n() + 0 && lower_is(last + 1, "(") && lower_is(last + 3, ")") &&
        is_upper_acronym(tok(last + 2).text)) {
      m_alias.set(tok(last + 2).lower, a);
      mention(a, last + 2, last + 2);
      return last + 4;
    }
    return last + 1;
  }

  // ---- the handlers: each returns the next token to look at, or nullopt ----------------------

  // "Taiwan-Japan relations": one token naming two states.
  bool compound_states(std::size_t i) {
    const Token& t = tok(i);
    if (t.text.find('-') == std::string::npos) return false;
    std::vector<Token> parts;
    std::size_t start = 0;
    while (start <= t.text.size()) {
      auto end = t.text.find('-', start);
      if (end == std::string::npos) end = t.text.size();
      Token p;
      p.text = t.text.substr(start, end - start);
      p.lower = t.lower.size() == t.text.size() ? t.lower.substr(start, end - start) : p.text;
      p.kind = TokenKind::word;
      parts.push_back(std::move(p));
      start = end + 1;
    }
    std::vector<std::string> countries;
    for (const auto& m : m_lex.match(parts)) {
      const ActorEntry* e = nullptr;
      for (auto x : m.entries) {
        const auto& en = m_lex.entry(x);
        if (en.type == ActorEntryType::state || en.type == ActorEntryType::adjective) e = &en;
      }
      if (e && std::find(countries.begin(), countries.end(), e->country) == countries.end())
        countries.push_back(e->country);
    }
    if (countries.size() < 2) return false;
    for (const auto& c : countries) {
      const auto a = state_actor(c);
      mention(a, i, i, true);
      m_countries.push_back(country_index(c));
    }
    return true;
  }

  // "The Indian army said its troops ...": "its"/"their" and a role of people or a body are
  // that role of the last actor of this sentence with a country that is not a person.
  std::optional<std::size_t> possessed_role(std::size_t i) {
    if (i + 1 >= n()) return std::nullopt;
    const auto* m = match(i + 1);
    const ActorEntry* role = role_of(m);
    if (!role || role->use == RoleUse::title) return std::nullopt;
    for (auto it = m_mentions.rbegin(); it != m_mentions.rend() && it->sentence == m_s; ++it) {
      if (it->last_token >= i) continue;
      const Actor& owner = m_slots[it->actor].actor;
      if (owner.kind == ActorKind::person || owner.country.empty()) continue;
      // (a copy: making the role's actor may grow the actor list that `owner` lives in)
      const std::string country = owner.country;
      const auto a = role_actor(country, role->code, role->kind == ActorKind::ministry, role->name);
      mention(a, i, m->last_token);
      return m->last_token + 1;
    }
    return std::nullopt;
  }

  // "the two nations", "both countries": the last two countries named.
  std::optional<std::size_t> group_reference(std::size_t i) {
    std::size_t noun;
    if (lower_is(i, "the") && lower_is(i + 1, "two")) noun = i + 2;
    else if (lower_is(i, "both")) noun = i + 1;
    else return std::nullopt;
    if (noun >= n() || !(cls(noun) & kGroupNoun)) return std::nullopt;
    // "the two leaders", "both presidents": the last two people of two countries named in this
    // sentence or the two before (Xi and Putin, not the last two countries the story named)
    if (const std::string_view w = tok(noun).lower; w == "leaders" || w == "presidents" || w == "ministers") {
      std::vector<std::size_t> people;
      for (auto p = m_persons.rbegin(); p != m_persons.rend() && people.size() < 2 && p->sentence + 2 >= m_s; ++p) {
        const Actor& a = m_slots[p->actor].actor;
        if (a.country.empty() || a.code.empty()) continue;
        if (std::none_of(people.begin(), people.end(), [&](std::size_t q) { return m_slots[q].actor.country == a.country; }))
          people.push_back(p->actor);
      }
      if (people.size() == 2) {
        std::sort(people.begin(), people.end());
        Plural plural{{}, m_s};
        for (const auto a : people) {
          mention(a, i, noun, true);
          plural.actors.push_back(a);
        }
        m_plural = std::move(plural);
        return noun + 1;
      }
    }
    // "The United States urged both countries": one country named earlier in this sentence is
    // the speaker, not one of the pair; the pair comes from what was said before.
    // ("Widodo said the two countries ..." keeps Widodo's: his country was one of the pair.)
    // (countries are indices into m_country_names: the same index is the same country)
    std::vector<std::uint32_t> before;
    for (std::size_t k = m_sentence_countries; k-- > 0 && before.size() < 2;)
      if (std::find(before.begin(), before.end(), m_countries[k]) == before.end()) before.push_back(m_countries[k]);
    // ("The United States, China and several Gulf states urged both sides": all the countries
    // of this sentence are speakers when none of them is one of the two named before)
    const bool newcomers = !m_here.empty() && before.size() == 2 &&
                           std::none_of(m_here.begin(), m_here.end(), [&](std::uint32_t c) {
                             return std::find(before.begin(), before.end(), c) != before.end();
                           });
    auto speaking = [&](std::uint32_t c) {
      return newcomers && std::find(m_here.begin(), m_here.end(), c) != m_here.end();
    };
    // The pair is the two most named of the last three countries named ("India and China ...
    // India ... China ... the United States ... The two countries fought a war in 1962": not the
    // United States, named once in passing). The last two alone, and the two most named of the
    // last four, were tried on the project corpora: the last three kept more pairs right.
    std::vector<std::uint32_t> two_index;
    for (std::size_t k = m_countries.size(); k-- > 0 && two_index.size() < 3;)
      if (std::find(two_index.begin(), two_index.end(), m_countries[k]) == two_index.end() &&
          !speaking(m_countries[k]))
        two_index.push_back(m_countries[k]);
    if (two_index.size() < 2) return std::nullopt;
    if (two_index.size() > 2) {
      // most named so far first; the more recent first among equals (a stable sort)
      auto named = [&](std::uint32_t c) { return std::count(m_countries.begin(), m_countries.end(), c); };
      std::stable_sort(two_index.begin(), two_index.end(), [&](std::uint32_t a, std::uint32_t b) { return named(a) > named(b); });
      two_index.resize(2);
    }
    std::vector<std::string> two;
    for (const auto c : two_index) two.push_back(m_country_names[c]);
    std::sort(two.begin(), two.end());
    Plural plural{{}, m_s};
    for (const auto& c : two) {
      const auto a = state_actor(c);
      mention(a, i, noun, true);
      plural.actors.push_back(a);
    }
    m_plural = std::move(plural);
    return noun + 1;
  }

  // he, she, his, her, him: the last fitting person (in this sentence before the pronoun; else
  // the first person, the subject, of the last sentence that named one).
  std::optional<std::size_t> pronoun(std::size_t i) {
    const std::string_view w = tok(i).lower;
    const std::uint32_t c = cls(i);
    // "It warned that ...": a state or organisation as the subject of a new sentence is the
    // subject of the sentence before, when that was one ("Pakistan's security committee said
    // ... It warned ...").
    if (same(w, "it") && i == 0 && m_s > 0) {
      for (const auto& m : m_mentions) {
        if (m.sentence + 1 != m_s) continue;
        const Actor& a = m_slots[m.actor].actor;
        if (a.kind == ActorKind::person) return std::nullopt;  // a person leads that sentence
        if (a.code.empty()) return std::nullopt;
        mention(m.actor, i, i, true);
        return i + 1;
      }
      return std::nullopt;
    }
    if (c & kThey) {
      // Only a plural named in this sentence or the one before: "Japanese officials ... they".
      if (!m_plural || m_plural->sentence + 1 < m_s) return std::nullopt;
      const auto actors = m_plural->actors;
      for (std::size_t a : actors) mention(a, i, i, true);
      return i + 1;
    }
    if (!(c & (kHe | kShe))) return std::nullopt;
    const Gender g = (c & kHe) ? Gender::male : Gender::female;
    auto fits = [&](std::size_t a) {
      const Gender known = m_slots[a].gender;
      return known == Gender::unknown || known == g;
    };
    // "Lee said he would ...": the speaker is a name the recogniser did not know; "he" is that
    // speaker, not someone named earlier, so it stays unresolved.
    if (i >= 2 && one_of_speech(tok(i - 1).lower)) {
      const std::size_t k = i - 2;
      if (!m_used_at[k] && is_cap(tok(k)) && !(cls(k) & kStopCapital) && !match(k))
        return std::nullopt;
    }
    std::optional<std::size_t> found;
    // "Trump called Frederiksen's dismissal of his idea nasty, a day after he ...": a person
    // named as a possessor is passed over for an earlier one of the sentence, if there is one
    auto possessor = [&](const PersonSeen& p) {
      std::size_t k = p.token;
      while (k < i && is_cap(tok(k))) ++k;
      return k < i && (lower_is(k, "'s") || lower_is(k, "'"));
    };
    std::optional<std::size_t> possessed;
    for (auto p = m_persons.rbegin(); p != m_persons.rend(); ++p) {
      if (p->sentence == m_s && p->token < i && fits(p->actor)) {
        if (possessor(*p)) {
          if (!possessed) possessed = p->actor;
          continue;
        }
        found = p->actor;
        break;
      }
      if (p->sentence < m_s && possessed) break;
      if (p->sentence < m_s) {
        // The subject of that sentence: its first fitting person; else an earlier sentence's.
        // Walk back over that sentence's persons; the last one kept is its first (the subject).
        const std::size_t s = p->sentence;
        auto q = p;
        for (; q != m_persons.rend() && q->sentence == s; ++q)
          if (fits(q->actor)) found = q->actor;
        if (found) break;
        p = q - 1;
      }
    }
    if (!found) found = possessed;
    if (!found) return std::nullopt;
    if (m_slots[*found].gender == Gender::unknown) m_slots[*found].gender = g;
    mention(*found, i, i);
    return i + 1;
  }

  // At "the": whether a role word follows, without which title_reference and body_reference
  // start nothing (tested inline: most "the" are followed by none). At "the" or "both",
  // group_reference likewise needs "the two" or "both".
  bool role_follows(std::size_t i) const {
    const LexiconMatch* m = match(i + 1);
    return m && (types_of(m) & (1u << static_cast<unsigned>(ActorEntryType::role))) != 0;
  }

  // A cheap test before pronoun() on lower-case words: he/him/his/himself, she/her/hers/herself,
  // they/them/their/themselves all begin "he", "hi", "she" or "the".
  static bool could_be_pronoun(std::string_view w) {
    if (w.size() < 2 || w.size() > 10) return false;
    if (w[0] == 'h') return w[1] == 'e' || w[1] == 'i';
    return w.size() >= 3 && (w[0] == 's' || w[0] == 't') && w[1] == 'h' && w[2] == 'e';
  }

  // Whether a lower-case word outside the dictionaries may start a handler: "the", "both", a
  // pronoun, "its" or "their" (the tests of sentence(), in its order).
  // `w` is a token's lower (a std::string's, so w.data()[0] is '\0' when it is empty).
  static bool may_start_lower(std::string_view w) {
    // Each of those words begins with 'h', 's', 't', 'b' or 'i': a table of first bytes turns
    // most other words away with one load, before the tests below.
    static constexpr auto kFirst = [] {
      std::array<bool, 256> t{};
      t['h'] = t['s'] = t['t'] = t['b'] = t['i'] = true;
      return t;
    }();
    if (!kFirst[static_cast<unsigned char>(w.data()[0])]) return false;
    // ("the" and "their" begin with "the" as they, them and themselves do: could_be_pronoun
    // passes them too)
    return could_be_pronoun(w) || same(w, "both") || same(w, "its");
  }

  // The first token from i on where a handler may start (n() if none): most tokens are used
  // already or lower-case words outside the dictionaries that start nothing, and are passed
  // here in a loop of their own, whose values stay in registers.
  std::size_t skip_plain(std::size_t i) const {
    const Token* toks = m_toks;
    const char* used = m_used_at;
    const int* match_at = m_match_at_p;
    const std::size_t count = m_n;
    for (; i < count; ++i) {
      if (used[i]) continue;
      const Token& t = toks[i];
      if (is_cap(t) || match_at[i] >= 0 || may_start_lower(t.lower)) return i;
    }
    return count;
  }

  static bool one_of_speech(std::string_view w) {
    return same(w, "said") || same(w, "says") || same(w, "told") || same(w, "added") || same(w, "stated") || same(w, "insisted");
  }

  // "the prime minister", "the foreign minister of Japan": the person last named with that
  // title, or the office holder on the document's date.
  std::optional<std::size_t> title_reference(std::size_t i) {
    if (!lower_is(i, "the")) return std::nullopt;
    const auto* m = match(i + 1);
    const ActorEntry* title = role_of(m, RoleUse::title);
    if (!title) return std::nullopt;
    const std::size_t last = m->last_token;
    if (last + 1 < n() && is_cap(tok(last + 1)) && !lower_is(last + 1, "of")) return std::nullopt;
    if (auto country = of_country(last + 1)) {
      if (m_doc.date)
        if (const auto* holder = m_lex.holder(*country, title->title, *m_doc.date)) {
          const auto a = actor(holder->person_id, holder->name,
                               m_lex.leader_code(holder->person_id, m_doc.date), holder->country,
                               ActorKind::person, holder->office);
          mention(a, i + 1, last);
          return last + 1;
        }
      mention(role_actor(*country, title->code), i + 1, last);
      return last + 1;
    }
    const std::string wanted = lexicon::slug(title->title);
    for (auto p = m_persons.rbegin(); p != m_persons.rend(); ++p) {
      const Actor& a = m_slots[p->actor].actor;
      if (lexicon::slug(a.title) == wanted) {
        mention(p->actor, i + 1, last);
        return last + 1;
      }
    }
    // Nobody named with that title yet: whoever held the office in the country last named.
    if (m_doc.date && !m_countries.empty())
      if (const auto* holder = m_lex.holder(m_country_names[m_countries.back()], title->title, *m_doc.date)) {
        const auto a = actor(holder->person_id, holder->name,
                             m_lex.leader_code(holder->person_id, m_doc.date), holder->country,
                             ActorKind::person, holder->office);
        mention(a, i + 1, last);
        return last + 1;
      }
    return std::nullopt;
  }

  // The latest-created organisation (IGO, company, group, media, court) whose name's last word is
  // `head` ("agency" -> International Atomic Energy Agency).
  // (Governments, ministries, forces and parties already resolve by kind and country.)
  static bool named_organisation_kind(ActorKind kind) {
    return kind == ActorKind::igo || kind == ActorKind::company || kind == ActorKind::group ||
           kind == ActorKind::media || kind == ActorKind::judiciary;
  }
  std::optional<std::size_t> organisation_ending_in(std::string_view head) const {
    for (std::size_t a = m_slots.size(); a-- > 0;) {
      const Actor& actor = m_slots[a].actor;
      if (!named_organisation_kind(actor.kind)) continue;
      const auto space = actor.name.find_last_of(' ');
      if (space == std::string::npos) continue;
      const std::string_view last_word = std::string_view(actor.name).substr(space + 1);
      if (last_word.size() == head.size() &&
          std::equal(last_word.begin(), last_word.end(), head.begin(), [](char x, char y) {
            return std::tolower(static_cast<unsigned char>(x)) == y;
          }))
        return a;
    }
    // "the Commission" after "the European Commission": the word that ended a name the
    // organisation was called by in this document, when that is not its actor's name
    for (std::size_t k = m_mentions.size(); k-- > 0;) {
      const Mention& m = m_mentions[k];
      if (!named_organisation_kind(m_slots[m.actor].actor.kind)) continue;
      if (m.last_token == m.first_token) continue;  // one word: an acronym or a short name
      const auto& tokens = m_doc.sentences[m.sentence].tokens;
      if (m.last_token < tokens.size() && tokens[m.last_token].lower == head) return m.actor;
    }
    return std::nullopt;
  }

  // "the Fund" after "the International Monetary Fund", "the League" after "the Arab League": a
  // capitalised word after "the", alone, that ends the name of an organisation named before.
  std::optional<std::size_t> named_by_last_word(std::size_t i) {
    if (!lower_is(i, "the") || i + 1 >= n() || !is_cap(tok(i + 1)) || tok(i + 1).kind != TokenKind::word) return std::nullopt;
    if (i + 2 < n() && (is_cap(tok(i + 2)) || lower_is(i + 2, "of") || lower_is(i + 2, "'s"))) return std::nullopt;
    if (match(i + 1)) return std::nullopt;  // a word the dictionaries know is theirs
    const auto named = organisation_ending_in(tok(i + 1).lower);
    if (!named) return std::nullopt;
    mention(*named, i + 1, i + 1);
    return i + 2;
  }

  // A role phrase for those who took power by force: "the junta", "the coup leaders", "the
  // generals". They rule where the coup happened, not where the story was filed.
  static bool seizure_role(const ActorEntry& role) {
    constexpr std::string_view k_phrases[] = {
        "junta",           "military junta",  "military rulers", "coup leaders", "putschists",
        "military government", "military regime", "generals"};
    return std::find(std::begin(k_phrases), std::end(k_phrases), role.name) != std::end(k_phrases);
  }

  // The country of a state or capital named at i ("Niger", "Niamey", "the Philippines").
  std::optional<std::string_view> place_country(std::size_t i) const {
    if (lower_is(i, "the")) ++i;
    const auto* m = match(i);
    if (const auto* e = entry_of(m, ActorEntryType::state)) return std::string_view(e->country);
    if (const auto* e = entry_of(m, ActorEntryType::capital)) return std::string_view(e->country);
    return std::nullopt;
  }

  // A country named inside the phrase that a body word at `last` heads: "the government in
  // Kabul", "the army officers who seized power in Niamey". The place must follow "in" right
  // after the body, or "in" inside a relative clause on it; the clause ends at punctuation or
  // "and", so a place the sentence names later is not taken for the body's. Armies serve
  // abroad ("the troops in Kabul" are often foreign): for them only a clause that says they hold
  // power there counts.
  std::optional<std::string_view> country_in_phrase(std::size_t last, bool military) const {
    std::size_t k = last + 1;
    auto relative = [&](std::size_t j) {
      return lower_is(j, "who") || lower_is(j, "which") || lower_is(j, "that");
    };
    // one lower-case noun of the same phrase before the clause: "the army officers who ..."
    if (k + 1 < n() && is_word(tok(k)) && !is_cap(tok(k)) && relative(k + 1)) ++k;
    if (lower_is(k, "in")) return military ? std::nullopt : place_country(k + 1);
    if (!relative(k)) return std::nullopt;
    bool rules = !military;
    for (std::size_t j = k + 1; j < n() && j <= k + 10; ++j) {
      const Token& t = tok(j);
      if (!is_word(t) || same(t.lower, "and") || relative(j)) return std::nullopt;
      if (same(t.lower, "power") || same(t.lower, "coup") || same(t.lower, "rule") ||
          same(t.lower, "rules") || same(t.lower, "ruled") || same(t.lower, "control"))
        rules = true;
      if (same(t.lower, "in")) return rules ? place_country(j + 1) : std::nullopt;
    }
    return std::nullopt;
  }

  // If a sentence tells of a seizure of power ("the coup", "ousted", "seized power"), the country
  // named nearest that word is where it happened ("sanctions on Niger after the coup", "the
  // ousted president, Mohamed Bazoum"); the nearest within a few words only. `matches` are the
  // sentence's lexicon matches.
  std::optional<std::string_view> seizure_in(const std::vector<Token>& toks,
                                             std::span<const LexiconMatch> matches) const {
    std::optional<std::string_view> found;
    // The cues are 4, 5, 6, 9 or 10 letters long: most words are out after one test.
    constexpr std::uint32_t kCueLengths = (1u << 4) | (1u << 5) | (1u << 6) | (1u << 9) | (1u << 10);
    auto word_is = [&](std::size_t i, std::string_view w) { return i < toks.size() && same(toks[i].lower, w); };
    for (std::size_t i = 0; i < toks.size(); ++i) {
      const std::string& w = toks[i].lower;
      if (w.size() > 10 || !((kCueLengths >> w.size()) & 1u)) continue;
      const bool cue = same(w, "coup") || same(w, "putsch") || same(w, "ousted") ||
                       same(w, "overthrew") || same(w, "overthrown") ||
                       (same(w, "power") && i > 0 &&
                        (word_is(i - 1, "seized") || word_is(i - 1, "seize") ||
                         word_is(i - 1, "seizing") || word_is(i - 1, "grabbed")));
      if (!cue) continue;
      constexpr std::size_t kReach = 6;
      std::string_view best;
      std::size_t best_dist = kReach + 1;
      for (const auto& m : matches) {
        const ActorEntry* e = nullptr;
        for (auto index : m.entries) {
          const auto type = m_lex.entry_type(index);
          if (type == ActorEntryType::state || type == ActorEntryType::adjective ||
              type == ActorEntryType::capital || type == ActorEntryType::leader) {
            e = &m_lex.entry(index);
            break;
          }
        }
        if (!e || e->country.empty()) continue;
        const std::size_t dist = m.first_token > i ? m.first_token - i : i - m.last_token;
        if (dist < best_dist) {
          best_dist = dist;
          best = e->country;
        }
      }
      if (!best.empty()) found = best;
    }
    return found;
  }

  // Brings m_seized_country up to the current sentence: searches the sentences not searched yet
  // (their matches are kept in m_doc_matches). Called only when a junta or the like is met, so a
  // story without one pays nothing.
  void catch_up_seizure() {
    if (m_seizure_scanned > m_s) return;
    for (std::size_t s = m_seizure_scanned; s < m_s; ++s)
      if (const auto c = seizure_in(m_doc.sentences[s].tokens, m_doc_matches->of(s))) m_seized_country = *c;
    if (const auto c = seizure_in(*m_tok, m_matches)) m_seized_country = *c;
    m_seizure_scanned = m_s + 1;
  }

  // "the party", "the ministry", "the government": the state named in the phrase itself ("the
  // government in Kabul"); for a junta and the like, the state where power was seized; else the
  // last actor of that kind; for the government, military or legislature, that of the country
  // last named.
  std::optional<std::size_t> body_reference(std::size_t i) {
    if (!lower_is(i, "the")) return std::nullopt;
    const auto* m = match(i + 1);
    const ActorEntry* body = role_of(m, RoleUse::body);
    if (!body || is_cap(tok(i + 1))) return std::nullopt;
    const std::size_t last = m->last_token;
    // "the ministry of Defence" names one; "the bloc of failing to ..." is the one named before
    const bool of_name = lower_is(last + 1, "of") && last + 2 < n() &&
                         (is_cap(tok(last + 2)) || lower_is(last + 2, "the") || lower_is(last + 2, "foreign") ||
                          lower_is(last + 2, "defence") || lower_is(last + 2, "defense"));
    if (of_name || (last + 1 < n() && is_cap(tok(last + 1)))) return std::nullopt;
    // "outside the government building": a place, not the institution acting
    if (last + 1 < n() && (cls(last + 1) & kPlaceNoun)) {
      for (std::size_t t = i; t <= last + 1; ++t) m_used_at[t] = 1;
      return last + 2;
    }
    // A state's body with its country in the phrase: that country's, whatever came before.
    const bool state_body = body->kind == ActorKind::government || body->kind == ActorKind::military ||
                            body->kind == ActorKind::legislature || body->kind == ActorKind::ministry;
    const bool seizure = seizure_role(*body);
    // An embassy, consulate, mission or delegation stands in another state's capital: "the
    // embassy in Niamey" is the sending state's, not Niger's.
    const std::string_view bname = body->name;
    const bool abroad = bname.find("embass") != std::string_view::npos ||
                        bname.find("consulate") != std::string_view::npos ||
                        bname.find("mission") != std::string_view::npos ||
                        bname.find("delegation") != std::string_view::npos;
    if (state_body && !abroad) {
      if (const auto here = country_in_phrase(last, body->kind == ActorKind::military && !seizure)) {
        const std::string country(*here);
        if (seizure) {
          catch_up_seizure();
          m_seized_country = country;
        }
        mention(role_actor(country, body->code, body->kind == ActorKind::ministry, body->name),
                i + 1, last);
        return last + 1;
      }
      // "the junta" alone: the rulers of the country where power was seized, if the story said.
      if (seizure) catch_up_seizure();
      if (seizure && !m_seized_country.empty()) {
        const std::string country = m_seized_country;
        mention(role_actor(country, body->code), i + 1, last);
        return last + 1;
      }
    }
    // "the agency" after "the International Atomic Energy Agency", "the council" after "the
    // Security Council": an organisation named earlier whose name ends in the same noun.
    if (const auto named = organisation_ending_in(tok(last).lower)) {
      mention(*named, i + 1, last);
      return last + 1;
    }
    if (const std::size_t a = m_last_of_kind[static_cast<std::size_t>(body->kind)]; a != kNone) {
      mention(a, i + 1, last);
      return last + 1;
    }
    const std::string_view role = body->code;
    if (!m_countries.empty() && body->kind != ActorKind::ministry &&
        (same(role, "GOV") || same(role, "MIL") || same(role, "LEG"))) {
      mention(role_actor(m_country_names[m_countries.back()], role), i + 1, last);
      return last + 1;
    }
    return std::nullopt;
  }

  // A person after a title: "President Lai Ching-te of Taiwan", "Prime Minister Kishida",
  // "Mr. Lee". `country` and `first` come from a modifier before the title, if any.
  // Most words are neither a title nor a short capitalised word such as "Mr": that test is
  // inlined at each call, and only the rest call titled_person_at.
  [[gnu::always_inline]] std::optional<std::size_t> titled_person(std::size_t i, std::string_view country,
                                                                 std::size_t first, bool need_capital,
                                                                 std::string_view igo_code = {}) {
    if (i >= n()) return std::nullopt;
    // (without a title, only a short capitalised word that gives a gender: "Mr", "Queen")
    if (!role_of(match(i), RoleUse::title) &&
        (!is_cap(tok(i)) || tok(i).lower.size() > 5 || !(cls(i) & (kMaleTitle | kFemaleTitle))))
      return std::nullopt;
    return titled_person_at(i, country, first, need_capital, igo_code);
  }
  [[gnu::noinline]] std::optional<std::size_t> titled_person_at(std::size_t i, std::string_view country,
                                                                std::size_t first, bool need_capital,
                                                                std::string_view igo_code) {
    const auto* m = match(i);
    const ActorEntry* title = role_of(m, RoleUse::title);
    Gender gender = Gender::unknown;
    std::size_t title_last;
    // Views of the lexicon's strings and of literals: nothing here is copied unless a person is made.
    std::string_view role = "GOV";
    std::string_view title_text;
    if (title) {
      if (need_capital && !is_cap(tok(i))) return std::nullopt;
      title_last = m->last_token;
      role = title->code;
      title_text = title->title;
      gender = gender_of_title(title->name);
    } else {
      if (!is_cap(tok(i)) || tok(i).lower.size() > 5) return std::nullopt;
      gender = gender_of_classes(cls(i));  // the token's own look-up, cached
      if (gender == Gender::unknown) return std::nullopt;
      title_last = i;
      if (lower_is(i + 1, ".")) title_last = i + 1;
      role = {};
    }
    auto name = name_at(title_last + 1);
    if (!name) return std::nullopt;
    // A representative named with a title is a legislator ("Representative Takako Suzuki").
    if (title && (same(title->name, "representative") || same(title->name, "rep"))) role = "LEG";
    std::string c(country);
    if (!igo_code.empty()) {
      const auto a = person(*name, title_last + 1, "", "", title_text, gender);
      if (m_slots[a].actor.code.empty()) m_slots[a].actor.code = igo_code;
      mention(a, first, name->last);
      return name->last + 1;
    }
    if (c.empty()) {
      if (auto of = of_country(name->last + 1)) c = *of;
      else if (name->known) c = m_slots[*name->known].actor.country;
      else if (name->leader) c = name->leader->country;
      // No cue and not in the leader table: no country rather than a guess from whatever state
      // the sentence names ("Secretary-General Antonio Guterres" is not Iran's). But an official
      // with a title in a story filed from a capital is most often that capital's ("KATHMANDU -
      // ... Foreign Minister Pradeep Gyawali summoned India's ambassador").
      if (c.empty() && title) c = m_dateline_country;
    }
    if (role.empty()) role = "GOV";
    const auto a = person(*name, title_last + 1, c, role, title_text, gender);
    mention(a, first, name->last);
    return name->last + 1;
  }

  // A capitalised organisation name with a head word: "Ministry of Foreign Affairs",
  // "Liberal Democratic Party", "Korea Electric Power Corp".
  // (its first test inline: most words it is asked about are not capitalised, and the call
  // itself saves and restores every register)
  [[gnu::always_inline]] std::optional<std::size_t> named_organisation(
      std::size_t i, const std::string& country_hint, std::size_t first,
      std::optional<std::size_t> name_first = {}) {
    if (i >= n() || !is_cap(tok(i))) return std::nullopt;
    return named_organisation_at(i, country_hint, first, name_first.value_or(i));
  }
  // (`name_first`: the name's first token, i unless the caller's words before it belong to it;
  // a plain index, where an optional passed through the call made GCC warn of a maybe
  // uninitialised value)
  [[gnu::noinline]] std::optional<std::size_t> named_organisation_at(
      std::size_t i, const std::string& country_hint, std::size_t first,
      std::size_t name_first) {
    std::size_t start = i;
    if (cls(start) & kStopCapital) return std::nullopt;
    std::size_t last = start;
    std::size_t j = start + 1;
    while (j < n() && j - start < 9) {
      if (is_cap(tok(j)) || (tok(j).kind == TokenKind::number && tok(j).text.size() <= 2)) {
        last = j++;
      } else if (j + 1 < n() && is_cap(tok(j + 1)) && (cls(j) & kConnector)) {
        // (the capital after it first: most words after a name are not looked up at all)
        // "Mnuchin and World Bank officials": "and" before a name the dictionaries know joins
        // two actors, not two words of one name ("Procter and Gamble")
        const LexiconMatch* after = match(j + 1);
        if (after && (same(tok(j).lower, "and") || same(tok(j).lower, "&")) &&
            (types_of(after) & (bit(ActorEntryType::state) | bit(ActorEntryType::igo) |
                                        bit(ActorEntryType::organisation) | bit(ActorEntryType::leader))))
          break;
        ++j;
      } else if (same(tok(j).lower, ".") && !tok(j).space_before && j == last + 1 &&
                 head_role_at(last, false)) {
        break;
      } else {
        break;
      }
    }
    // The head: the last word ("Party"), or the first when "of" follows ("Ministry of ...").
    std::optional<std::string_view> role;
    std::size_t end = last;
    // Shrink from the right until the last word is a head ("... Party Chairman" keeps Party).
    for (std::size_t k = last + 1; k-- > start;) {
      if (auto r = head_role_at(k, false); r && (k > start || lower_is(k + 1, "of"))) {
        role = r;
        end = k;
        break;
      }
    }
    if (auto r = head_role_at(start, true); r && lower_is(start + 1, "of")) {
      role = r;
      end = last;
    }
    if (!role) return std::nullopt;
    // Trailing state name inside the span is not part of a "Ministry of ..." name? It is:
    // "Ministry of Foreign Affairs of Japan" keeps it and gives the country.
    std::string country = country_hint;
    std::string name_country;
    for (std::size_t k = start; k <= end; ++k)
      if (auto mod = modifier(k)) {
        name_country = mod->country;
        break;
      }
    if (country.empty()) country = name_country;
    if (country.empty())
      if (auto of = of_country(end + 1)) country = *of;
    if (country.empty()) country = context_country(i);
    std::string name = name_text(name_first, end);
    const bool ministry = same(tok(start).lower, "ministry") || same(tok(end).lower, "ministry") ||
                          same(tok(end).lower, "department");
    // A ministry or department of defence is the military's.
    for (std::size_t t = start; t <= end; ++t)
      if (same(*role, "GOV") && (same(tok(t).lower, "defence") || same(tok(t).lower, "defense") ||
                             same(tok(t).lower, "war") || same(tok(t).lower, "military")))
        role = "MIL";
    std::string slug = lexicon::slug(name);
    if (ministry) {
      // "Japanese Foreign Ministry", "Ministry of Foreign Affairs of Japan": the state's ministry.
      std::string bare;
      for (std::size_t t = start; t <= end; ++t)
        if (!modifier(t) && !(lower_is(t, "of") && modifier(t + 1)) &&
            !(t > start && lower_is(t - 1, "of") && modifier(t))) {
          if (!bare.empty()) bare += ' ';
          bare += tok(t).text;
        }
      slug = ministry_slug(lexicon::slug(bare));
      name = title_from_slug(slug);
    }
    // Without any country in sight the organisation keeps its role alone ("PTY").
    const auto a = actor(country.empty() ? "org/" + slug : "org/" + country + "/" + slug,
                         name, country + std::string(*role), country, kind_of_role(*role, ministry));
    mention(a, first, end);
    return acronym_after(a, end);
  }

  // A nationality or state at i and what follows it: a titled person, a named organisation, a
  // role noun ("Japanese officials", "Taiwanese semiconductor companies"), or the state alone.
  // `mod` is modifier(i).
  std::optional<std::size_t> modified(std::size_t i, const std::optional<Modifier>& mod) {
    if (!mod) return std::nullopt;
    std::size_t k = mod->last + 1;
    if (lower_is(k, "'s")) ++k;
    // "Ukrainian and Russian delegations": two nationalities share one actor noun.
    if (!mod->is_state && lower_is(k, "and")) {
      if (auto second = modifier(k + 1); second && !second->is_state) {
        if (const auto* m = match(second->last + 1); m && role_of(m) && !role_of(m, RoleUse::title)) {
          const ActorEntry* role = role_of(m);
          const bool ministry = role->kind == ActorKind::ministry;
          mention(role_actor(mod->country, role->code, ministry, role->name), i, mod->last);
          mention(role_actor(second->country, role->code, ministry, role->name), k + 1,
                  m->last_token);
          return m->last_token + 1;
        }
      }
    }
    const bool possessive = k > mod->last + 1;
    // Up to two lower-case descriptive words ("new", "semiconductor") after an adjective or a
    // possessive; after a bare state name the next word is more likely a verb ("Austria met").
    if (possessive || !mod->is_state) {
      for (int skipped = 0; skipped < 2 && k < n(); ++skipped) {
        const Token& t = tok(k);
        // "Russian Deputy Defence Minister": a capitalised pre-title word stays in the title, and
        // so does a portfolio right before a title ("Chinese Commerce Minister", "Eritrea's
        // Information Minister")
        const bool portfolio = is_cap(t) && k + 1 < n() && role_of(match(k + 1), RoleUse::title);
        if (!is_word(t) || (is_cap(t) && !(cls(k) & kPreTitle) && !portfolio) || (cls(k) & kFunction) ||
            role_of(match(k)))
          break;
        if (t.lower.size() > 3 && t.lower.ends_with("ed") && !(cls(k) & kPreTitle))
          break;
        ++k;
      }
    }
    if (k < n()) {
      if (auto next = titled_person(k, mod->country, i, false)) return next;
      // "Chinese foreign ministry spokesperson Wang Wenbin": a body, then a title and a name.
      if (const auto* body = match(k); body && role_of(body, RoleUse::body))
        if (auto next = titled_person(body->last_token + 1, mod->country, i, false)) return next;
      // "Taiwan's Ministry of Foreign Affairs" is named without the possessive;
      // "Australian Defence Force" with its adjective.
      if (auto next = named_organisation(k, mod->country, i, possessive ? k : i)) return next;
      if (const auto* m = match(k)) {
        if (const ActorEntry* role = role_of(m)) {
          // "a Russian foreign ministry spokeswoman" without a name: the government.
          const bool ministry = role->kind == ActorKind::ministry;
          const auto a = role_actor(mod->country, role->code, ministry, role->name);
          // "Niger's military rulers": later "the junta" is Niger's too.
          if (seizure_role(*role)) {
            catch_up_seizure();
            m_seized_country = mod->country;
          }
          mention(a, i, m->last_token);
          if (role->use == RoleUse::members) m_plural = Plural{{a}, m_s};
          return m->last_token + 1;
        }
      }
    }
    if (mod->is_state) {
      const auto a = state_actor(mod->country);
      mention(a, i, mod->last);
      return mod->last + 1;
    }
    // A plural demonym is the country's people ("168 Liberians", "Palestinians"); an adjective
    // before a state noun or a place stands for the state ("Iraqi towns", "Syrian Golan Heights").
    const Token& adj = tok(mod->last);
    if (adj.lower.size() > 4 && adj.lower.back() == 's' && !same(adj.lower, "swiss") &&
        adj.lower.find('-') == std::string::npos) {
      const auto people = role_actor(mod->country, "CVL");
      mention(people, i, mod->last);
      m_plural = Plural{{people}, m_s};
      return mod->last + 1;
    }
    for (std::size_t j = mod->last + 1; j < n() && j <= k; ++j) {
      if ((cls(j) & kStateNoun) ||
          (j == mod->last + 1 && entry_of(match(j), ActorEntryType::place))) {
        mention(state_actor(mod->country), i, mod->last);
        return mod->last + 1;
      }
    }
    // A bare adjective ("the Japanese economy") is not an actor.
    for (std::size_t t = i; t <= mod->last; ++t) m_used_at[t] = 1;
    return mod->last + 1;
  }

  // "Maria Zakharova, a Russian foreign ministry spokeswoman"; "Wang Yi, China's foreign
  // minister"; "X, the foreign minister of Y"; "Lee Yi-yang as the new representative".
  std::optional<std::size_t> described_person(std::size_t i) {
    auto name = name_at(i, false);
    if (!name || name->known || name->leader) return std::nullopt;
    std::size_t k = name->last + 1;
    const bool apposition = lower_is(k, ",");
    const bool as = lower_is(k, "as");
    if (!apposition && !as) return std::nullopt;
    ++k;
    if (lower_is(k, "a") || lower_is(k, "an") || lower_is(k, "the")) ++k;
    std::string country;
    std::string role;
    std::string title;
    Gender gender = Gender::unknown;
    for (std::size_t j = k; j < n() && j < k + 7; ++j) {
      const Token& t = tok(j);
      if (t.kind == TokenKind::punct && !same(t.lower, "'s")) break;
      if (auto mod = modifier(j); mod && country.empty()) {
        country = mod->country;
        j = mod->last;
        continue;
      }
      if (const auto* m = match(j)) {
        if (const ActorEntry* r = role_of(m, RoleUse::title)) {
          role = r->code;
          title = r->title;
          gender = gender_of_title(r->name);
          j = m->last_token;
          if (auto of = of_country(j + 1); of && country.empty()) country = *of;
          break;
        }
        if (role_of(m)) {
          j = m->last_token;
          continue;
        }
      }
      if (is_word(t) && (cls(j) & kFunction) && !same(t.lower, "of")) break;
    }
    if (role.empty()) return std::nullopt;
    if (country.empty() && as) {
      // Appointed by the sentence's subject: "Taiwan's Ministry ... appointed X as envoy".
      for (auto m = m_mentions.rbegin(); m != m_mentions.rend() && m->sentence == m_s; ++m)
        if (m->first_token < i && !m_slots[m->actor].actor.country.empty())
          country = m_slots[m->actor].actor.country;  // the last kept is the sentence's first
    }
    if (country.empty()) return std::nullopt;
    const auto a = person(*name, i, country, role, title, gender);
    mention(a, i, name->last);
    return name->last + 1;
  }

  // "Belavia, the Belarusian state airline", "Nexta, a Polish-based channel": an unknown name set
  // off by an apposition that gives a nationality and a company or media word is that country's
  // company or media outlet.
  std::optional<std::size_t> described_organisation(std::size_t i) {
    if (!is_cap(tok(i)) || match(i) || (cls(i) & kStopCapital)) return std::nullopt;  // (is_cap: a word)
    std::size_t last = i;
    while (last + 1 < n() && last < i + 2 && is_cap(tok(last + 1)) && !match(last + 1) &&
           !(cls(last + 1) & kStopCapital))
      ++last;
    std::size_t k = last + 1;
    if (!lower_is(k, ",")) return std::nullopt;
    ++k;
    if (lower_is(k, "a") || lower_is(k, "an") || lower_is(k, "the")) ++k;
    std::string country;
    for (std::size_t j = k; j < n() && j < k + 6; ++j) {
      const Token& t = tok(j);
      if (!is_word(t)) return std::nullopt;
      if (auto mod = modifier(j); mod && country.empty()) {
        country = mod->country;
        j = mod->last;
        continue;
      }
      if (const auto* m = match(j)) {
        const ActorEntry* role = role_of(m);
        if (role && role->use != RoleUse::title && (role->kind == ActorKind::company || role->kind == ActorKind::media)) {
          if (country.empty()) return std::nullopt;
          const std::string name = name_text(i, last);
          const std::string code = country + role->code;
          const auto a = actor("org/" + country + "/" + lexicon::slug(name), name, code, country, role->kind);
          mention(a, i, last);
          for (std::size_t w = last + 1; w <= m->last_token; ++w) m_used_at[w] = 1;
          return m->last_token + 1;
        }
        if (role) return std::nullopt;
      }
      if (is_cap(t) || (cls(j) & kFunction)) return std::nullopt;
    }
    return std::nullopt;
  }

  // A lexicon match that is an actor by itself: an organisation, an IGO, a leader, a capital.
  std::optional<std::size_t> lexicon_actor(std::size_t i) {
    const auto* m = match(i);
    if (!m) return std::nullopt;
    if ((types_of(m) & (bit(ActorEntryType::place) | bit(ActorEntryType::capital) |
                        bit(ActorEntryType::state))) == bit(ActorEntryType::place)) {
      for (std::size_t t = i; t <= m->last_token; ++t) m_used_at[t] = 1;
      return m->last_token + 1;
    }
    if (const auto* e = entry_of(m, ActorEntryType::igo)) {
      // "NATO Secretary General Jens Stoltenberg", "the EU's foreign policy chief Josep
      // Borrell": an official of the organisation.
      std::size_t k = m->last_token + 1;
      if (lower_is(k, "'s")) ++k;
      for (int skipped = 0; skipped < 2 && k < n() && (cls(k) & kPreTitle) &&
                            !role_of(match(k), RoleUse::title);
           ++skipped)
        ++k;
      if (auto next = titled_person(k, {}, i, false, e->code)) return next;
    }
    // (both types tested at once first: most matches are neither)
    constexpr unsigned kNamed = (1u << static_cast<unsigned>(ActorEntryType::organisation)) |
                                (1u << static_cast<unsigned>(ActorEntryType::igo));
    if (types_of(m) & kNamed) {
      for (auto type : {ActorEntryType::organisation, ActorEntryType::igo}) {
        if (const auto* e = entry_of(m, type)) {
          const auto a = entry_actor(*e);
          mention(a, i, m->last_token);
          return acronym_after(a, m->last_token);
        }
      }
    }
    if (const auto* e = entry_of(m, ActorEntryType::leader)) {
      // A name the document already gave to someone else ("Lee" for Lee Yi-yang) wins.
      if (e->alias)
        if (m_alias.find(alias_key(i)) != kNone) return std::nullopt;
      if (e->alias && longer_unknown_name(*m, i)) return std::nullopt;
      Name name{m->last_token, std::nullopt, e};
      const auto a = person(name, i, e->country, "GOV", e->title, Gender::unknown);
      mention(a, i, m->last_token);
      return m->last_token + 1;
    }
    if (const auto* e = entry_of(m, ActorEntryType::capital)) {
      if (entry_of(m, ActorEntryType::state)) return std::nullopt;  // "Kuwait", "Singapore"
      // "the Paris climate accord", "the Minsk agreements", "the Doha talks": a capital naming
      // where an agreement or a meeting was made is no actor
      for (std::size_t k = m->last_token + 1; k < n() && k <= m->last_token + 2 && !is_cap(tok(k)); ++k)
        if (cls(k) & kAgreementNoun) {
          for (std::size_t t = i; t <= m->last_token; ++t) m_used_at[t] = 1;
          return m->last_token + 1;
        }
      const bool place = i > 0 && (cls(i - 1) & kLocative);
      const auto a = place ? state_actor(e->country) : role_actor(e->country, "GOV");
      mention(a, i, m->last_token);
      return m->last_token + 1;
    }
    return std::nullopt;
  }

  // A surname or acronym the document defined earlier.
  std::optional<std::size_t> document_alias(std::size_t i) {
    const Token& t = tok(i);
    if (!is_cap(t)) return std::nullopt;
    const std::size_t a_index = m_alias.find(alias_key(i));
    if (a_index == kNone) return std::nullopt;
    const Actor& a = m_slots[a_index].actor;
    if (a.kind != ActorKind::person && !is_upper_acronym(t.text)) return std::nullopt;
    mention(a_index, i, i);
    return i + 1;
  }

  // A wire dateline opening the document ("NEW DELHI, April 24 (Reuters) - India said ..."):
  // the city says where the story was filed, not who acted. Returns the first token after it.
  std::size_t dateline_end() const {
    if (n() < 4 || !is_upper_acronym(tok(0).text)) return 0;
    // the city in capitals, then a comma, "(Reuters)" or the dash ("UN chief ... -" is no dateline)
    std::size_t city = 1;
    while (city < n() && is_upper_acronym(tok(city).text)) ++city;
    if (city >= n() || !(same(tok(city).text, ",") || same(tok(city).text, "(") || same(tok(city).text, "-") ||
                         same(tok(city).text, "--") || same(tok(city).text, "\u2013") || same(tok(city).text, "\u2014")))
      return 0;
    for (std::size_t k = 1; k < n() && k < 14; ++k) {
      const std::string& w = tok(k).text;
      if (same(w, "-") || same(w, "--") || same(w, "\u2013") || same(w, "\u2014")) return k + 1;
      if (same(w, ".") || same(w, ";") || same(tok(k).lower, "said") || same(tok(k).lower, "says")) return 0;
    }
    return 0;
  }

  void sentence(std::size_t s) {
    m_s = s;
    m_tok = &m_doc.sentences[s].tokens;
    m_n = m_tok->size();
    std::vector<LexiconMatch>& all = m_doc_matches->matches;
    const std::size_t first_match = all.size();
    m_lex.append_matches(*m_tok, all);
    m_matches = std::span<const LexiconMatch>(all).subspan(first_match);
    m_match_at.assign(n(), -1);
    for (std::size_t k = 0; k < m_matches.size(); ++k)
      m_match_at[m_matches[k].first_token] = static_cast<int>(k);
    m_used.assign(n(), 0);
    m_cls.assign(n(), 0);
    m_toks = m_tok->data();
    m_used_at = m_used.data();
    m_match_at_p = m_match_at.data();
    m_cls_at = m_cls.data();
    m_matches_at = m_matches.data();
    m_here.clear();
    m_sentence_countries = m_countries.size();
    std::size_t i = s == 0 ? dateline_end() : 0;
    if (s == 0 && i > 0)
      for (const auto& m : m_matches)
        if (m.first_token < i && !entry_of(&m, ActorEntryType::place) && !entry_of(&m, ActorEntryType::igo))
          if (const ActorEntry* e = entry_of(&m, ActorEntryType::capital)) {
            m_dateline_country = e->country;
            break;
          }
    while (i < n()) {
      i = skip_plain(i);
      if (i >= n()) break;
      if (m_used_at[i]) {
        ++i;
        continue;
      }
      std::optional<std::size_t> next;
      const Token& t = tok(i);
      if (!is_cap(t) && !match(i)) {
        // The common case, a lower-case word outside the dictionaries: only "the two nations",
        // "both countries", pronouns and "the prime minister" start here.
        if (const bool the = same(t.lower, "the"); the || same(t.lower, "both")) {
          if (!the || lower_is(i + 1, "two")) next = group_reference(i);
          if (!next && the && role_follows(i)) {
            next = title_reference(i);
            if (!next) next = body_reference(i);
          }
          if (!next && the) next = named_by_last_word(i);
        } else if (could_be_pronoun(t.lower)) {
          next = pronoun(i);
        } else if (same(t.lower, "its") || same(t.lower, "their")) {
          next = possessed_role(i);
        }
        i = next ? std::max(*next, i + 1) : i + 1;
        continue;
      }
      // "the two nations", "the prime minister" and "the ministry" begin only at "the" (or
      // "both"): the test is made once here rather than at the top of each handler.
      const bool the = same(t.lower, "the");
      // (compound_states needs a '-': tested here, without the call, for the many words without)
      if (!next && t.text.find('-') != std::string::npos && compound_states(i)) next = i + 1;
      if (!next && (the || same(t.lower, "both")) && (!the || lower_is(i + 1, "two")))
        next = group_reference(i);
      if (!next && (could_be_pronoun(t.lower) || same(t.lower, "it"))) next = pronoun(i);
      if (!next && the && role_follows(i)) next = title_reference(i);
      if (!next && the && role_follows(i)) next = body_reference(i);
      if (!next && the) next = named_by_last_word(i);
      if (!next) {
        // Known organisations, IGOs, leaders and capitals, unless a titled person starts here.
        const auto* m = match(i);
        const bool title_here = role_of(m, RoleUse::title) != nullptr;
        if (!title_here) next = lexicon_actor(i);
      }
      if (!next) next = titled_person(i, {}, i, true);
      if (!next) {
        const auto mod = modifier(i);
        // (named_organisation's first tests, inline: most capitalised words are no name's start)
        if (is_cap(tok(i)) && !mod && !(cls(i) & kStopCapital)) next = named_organisation(i, {}, i);
        if (!next && mod) {
          // A state that begins an organisation's name ("Taiwan Semiconductor Manufacturing Co").
          if (mod->is_state && mod->last + 1 < n() && is_cap(tok(mod->last + 1)) &&
              !modifier(mod->last + 1))
            next = named_organisation(i, {}, i);
        }
        if (!next && mod) next = modified(i, mod);
      }
      if (!next) next = described_person(i);
      if (!next) next = described_organisation(i);
      if (!next) next = document_alias(i);
      i = next ? std::max(*next, i + 1) : i + 1;
    }
  }

  DocumentActors finish() {
    DocumentActors out;
    // (room for a few more: the extractor adds the states of bare nationality words in place)
    out.actors.reserve(m_slots.size() + 4);
    out.mentions.reserve(m_mentions.size());
    // Sorted by id. Each id's first eight bytes, as a big-endian number (zero after its end),
    // order two ids the way std::string's < does wherever they differ ("state/JP" < "state/US");
    // only ids that share them ("org/JPN/...") are compared in full.
    struct Key {
      std::uint64_t head;
      std::size_t slot;
    };
    std::vector<Key> order(m_slots.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::string& id = m_slots[k].actor.id;
      std::uint64_t head = 0;
      if (id.size() >= 8) {
        // (most ids: "state/JPN", "org/JPN/..."; one load, its bytes turned big-endian)
        std::memcpy(&head, id.data(), 8);
        head = std::byteswap(head);
      } else {
        for (std::size_t b = 0; b < 8; ++b)
          head = (head << 8) | (b < id.size() ? static_cast<unsigned char>(id[b]) : 0u);
      }
      order[k] = {head, k};
    }
    std::sort(order.begin(), order.end(), [&](const Key& a, const Key& b) {
      if (a.head != b.head) return a.head < b.head;
      return m_slots[a.slot].actor.id < m_slots[b.slot].actor.id;
    });
    std::vector<std::size_t> remap(m_slots.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
      remap[order[k].slot] = k;
      Actor& a = out.actors.emplace_back(std::move(m_slots[order[k].slot].actor));
      if (a.aliases.size() > 1) std::sort(a.aliases.begin(), a.aliases.end());
    }
    out.mentions.assign(m_mentions.begin(), m_mentions.end());
    for (Mention& m : out.mentions) m.actor = remap[m.actor];
    // Mentions are mostly made in order: sorted only when they are not. (Mentions equal under
    // this order are equal in every field, so sorting or not gives the same list.)
    auto before = [](const Mention& a, const Mention& b) {
      return std::tie(a.sentence, a.first_token, a.last_token, a.actor) <
             std::tie(b.sentence, b.first_token, b.last_token, b.actor);
    };
    if (!std::is_sorted(out.mentions.begin(), out.mentions.end(), before))
      std::sort(out.mentions.begin(), out.mentions.end(), before);
    return out;
  }
};

}  // namespace

ActorRecognizer::ActorRecognizer(std::shared_ptr<const lexicon::ActorLexicon> lexicon)
    : m_lexicon(std::move(lexicon)) {}

DocumentActors ActorRecognizer::recognize(const Document& document) const { return recognize(document, nullptr); }

DocumentActors ActorRecognizer::recognize(const Document& document, DocumentMatches* matches) const {
  DocumentPass pass(*m_lexicon, template_cache(m_lexicon), document);
  return pass.run(matches);
}

}  // namespace diplograph::extract
