// The compiled actor matcher: a trie over matcher words, each node a small hash of its children.
// Matching walks the trie from every start position and keeps the longest phrase whose case
// rules the tokens satisfy.
#include "diplograph/lexicon/actor_lexicon.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <mutex>

#include "actor_trie.hpp"

namespace diplograph::lexicon {

namespace {

bool is_cut(char c) { return c == '-' || c == '.' || c == '\''; }

// Whether a word holds '-', '.' or '\'', eight bytes at a time (a zero byte of x ^ c marks a c).
bool has_cut(std::string_view w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  auto any_cut = [&](std::uint64_t x) {
    std::uint64_t found = 0;
    for (const std::uint64_t c : {std::uint64_t{'-'}, std::uint64_t{'.'}, std::uint64_t{'\''}}) {
      const std::uint64_t y = x ^ (c * kOnes);
      found |= (y - kOnes) & ~y & kHigh;
    }
    return found != 0;
  };
  const char* p = w.data();
  const std::size_t n = w.size();
  std::uint64_t x;
  if (n < 4) {
    for (std::size_t i = 0; i < n; ++i)
      if (is_cut(p[i])) return true;
    return false;
  }
  if (n < 8) {
    std::uint32_t lo;
    std::uint32_t hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return any_cut(lo | (std::uint64_t{hi} << 32));
  }
  for (std::size_t i = 0; i + 8 <= n; i += 8) {
    std::memcpy(&x, p + i, 8);
    if (any_cut(x)) return true;
  }
  std::memcpy(&x, p + n - 8, 8);  // the tail, overlapping the last full block
  return any_cut(x);
}

// The same as a table, for the scan of every token.
constexpr auto kCut = [] {
  std::array<bool, 256> t{};
  t['-'] = t['.'] = t['\''] = true;
  return t;
}();

int office_rank(std::string_view office) {
  for (std::string_view top : {"President", "Prime Minister", "Chancellor", "King", "Queen",
                               "Supreme Leader", "Emir", "Premier", "Leader", "Taoiseach", "Pope"})
    if (office == top) return 0;
  if (office.find("Foreign") != std::string_view::npos || office == "Secretary of State" ||
      office == "External Affairs Minister")
    return 1;
  return 2;
}

}  // namespace

std::vector<std::string> phrase_words(std::string_view phrase) {
  // What ends a word: white space (std::isspace in the "C" locale), '-', '.', '\'' and the
  // punctuation below, which is a word of its own so that "Korea, Republic of" never matches
  // across a comma.
  auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  auto is_punct = [](char c) {
    return c == ',' || c == '(' || c == ')' || c == '"' || c == ';' || c == ':';
  };
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < phrase.size()) {
    const char c = phrase[i];
    if (is_space(c) || is_cut(c)) {
      ++i;
    } else if (is_punct(c)) {
      words.emplace_back(1, c);
      ++i;
    } else {
      std::size_t j = i + 1;
      while (j < phrase.size() && !is_space(phrase[j]) && !is_cut(phrase[j]) && !is_punct(phrase[j])) ++j;
      words.emplace_back(phrase.substr(i, j - i));
      i = j;
    }
  }
  return words;
}

std::string slug(std::string_view name) {
  std::string out;
  // (a slug is at most as long as the name: one allocation at most)
  out.reserve(name.size());
  bool dash = false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    // std::isalnum and std::tolower of the "C" locale the library runs in (nothing calls
    // setlocale), inline: ASCII letters and digits; only 'A'-'Z' change case. Bytes from 0x80
    // (UTF-8) are kept as they are.
    const unsigned v = u;
    const bool upper = v - 'A' < 26u;
    if (upper || v - 'a' < 26u || v - '0' < 10u || v >= 0x80) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(upper ? u + ('a' - 'A') : u);
    } else if (c != '\'') {
      dash = true;
    }
  }
  return out;
}

namespace {

// Whether a word may hold '-', '.' or '\'' (all below '0'), from the parts word_id read: for a
// word of up to 16 bytes the parts hold every byte, so one test of "a byte below 0x30" clears
// the letters and digits of most words; only the rest are scanned.
bool below_digits(std::uint64_t x) {
  constexpr std::uint64_t kLow = 0x3030303030303030ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  return ((x - kLow) & ~x & kHigh) != 0;
}
bool may_cut(const WordParts& parts, std::string_view w) {
  auto below = below_digits;
  bool some;
  if (parts.n > 16) some = true;
  else if (parts.n >= 8) some = below(parts.a) || below(parts.b);
  else if (parts.n >= 4) some = below(parts.a | (parts.b << 32));
  else some = below(parts.a | 0xFFFFFFFFFF000000ULL);  // three bytes; the rest set high
  return some && has_cut(w);
}
// The same for a word of 1 to 8 bytes, from its Trie::short_key_of (which holds all its bytes).
bool may_cut_short(std::uint64_t key, std::string_view w) {
  return below_digits(w.size() >= 4 ? key : key | 0xFFFFFFFFFF000000ULL) && has_cut(w);
}

}  // namespace

[[gnu::always_inline]] inline std::uint32_t ActorLexicon::long_word_id(const Trie& trie, std::string_view lower, bool& cut) {
  const WordParts parts = word_parts(lower);
  const std::uint32_t whole = trie.word_id(lower, parts);
  cut = whole == Trie::kNoWord && may_cut(parts, lower);
  return whole;
}

ActorLexicon::UnitCounts ActorLexicon::units_of(std::span<const Token> tokens,
                                                std::vector<Unit>& units,
                                                std::vector<std::uint32_t>* starts) const {
  const Trie& trie = *m_trie;
  const std::uint32_t* root = trie.root_children.data();
  // The units and starts are written through pointers into buffers that are large enough
  // already (a push_back per token tests the capacity each time, and resizing to the sentence
  // would fill the new room with zeros first). A token gives one unit, or one per part when it
  // is cut, which makes more room first; a token gives at most one start.
  if (units.size() < tokens.size()) units.resize(tokens.size());
  Unit* unit = units.data();
  // (a caller that wants no starts gets them in a buffer of its own: the loop then writes them
  // without testing for one per token)
  std::vector<std::uint32_t> unwanted;
  std::vector<std::uint32_t>& start_buffer = starts ? *starts : unwanted;
  if (start_buffer.size() < tokens.size()) start_buffer.resize(tokens.size());
  std::uint32_t* start = start_buffer.data();
  const Token* const token_data = tokens.data();
  const std::uint32_t token_count = static_cast<std::uint32_t>(tokens.size());
  for (std::uint32_t t = 0; t < token_count; ++t) {
    const std::string_view lower = token_data[t].lower;
    // Most tokens: one word, the whole token. A dictionary word holds no '-', '.' or '\''
    // (phrase_words cuts there), so a token found whole needs no scan for them.
    if (lower.empty()) continue;
    // Words of up to 8 bytes (most tokens) go straight to the trie's table of short words.
    std::uint32_t whole;
    bool cut;
    if (lower.size() <= 8) {
      const std::uint64_t key = Trie::short_key_of(lower);
      whole = trie.short_word_id(lower, key);
      if (whole == Trie::kNoWord && lower.size() == 1) {
        // One byte outside the dictionary, mostly punctuation: a '.' (or '-', '\'') alone gives
        // no unit at all (as cut_units would find), a ',' one unit of no word; neither needs
        // has_cut's scan.
        if (kCut[static_cast<unsigned char>(lower[0])]) continue;
        cut = false;
      } else {
        cut = whole == Trie::kNoWord && may_cut_short(key, lower);
      }
    } else {
      whole = long_word_id(trie, lower, cut);
    }
    if (!cut) {
      if (whole != Trie::kNoWord && root[whole] != 0)
        *start++ = static_cast<std::uint32_t>(unit - units.data());
      *unit++ = {t, whole, 0, static_cast<std::uint32_t>(lower.size())};
      continue;
    }
    // Room for this token's parts (fewer than its bytes) and one unit for each token after it.
    const std::size_t used = static_cast<std::size_t>(unit - units.data());
    if (const std::size_t need = used + lower.size() + (token_count - t); need > units.size()) {
      units.resize(need);
      unit = units.data() + used;
    }
    unit = cut_units(trie, lower, t, unit, units.data(), start);
  }
  UnitCounts counts;
  counts.units = static_cast<std::size_t>(unit - units.data());
  counts.starts = static_cast<std::size_t>(start - start_buffer.data());
  return counts;
}

[[gnu::noinline]] ActorLexicon::Unit* ActorLexicon::cut_units(const Trie& trie, std::string_view lower,
                                            std::uint32_t token, Unit* unit, const Unit* units,
                                            std::uint32_t*& start) {
  const std::uint32_t* root = trie.root_children.data();
  const Unit* const first_part = unit;
  // A token of only '-', '.' or '\'' gives no word: "U . S ." still reads "u s".
  std::size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && kCut[static_cast<unsigned char>(lower[i])]) ++i;
    std::size_t j = i;
    while (j < lower.size() && !kCut[static_cast<unsigned char>(lower[j])]) ++j;
    if (j > i) {
      const std::uint32_t word = trie.word_id(lower.substr(i, j - i));
      if (unit == first_part && word != Trie::kNoWord && root[word] != 0)
        *start++ = static_cast<std::uint32_t>(unit - units);
      *unit++ = {token, word, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)};
    }
    i = j;
  }
  return unit;
}

bool ActorLexicon::case_ok(const Phrase& phrase, std::span<const Token> tokens,
                           std::span<const Unit> units, std::size_t start) const {
  for (std::size_t k = 0; k < phrase.rules.size(); ++k) {
    if (phrase.rules[k] == CaseRule::any) continue;
    const Unit& u = units[start + k];
    const Token& token = tokens[u.token];
    // no reliable surface (the lower-case form is not as long as the text): accept
    if (token.lower.size() != token.text.size()) continue;
    const std::string_view text = std::string_view(token.text).substr(u.offset, u.length);
    switch (phrase.rules[k]) {
      case CaseRule::any:
        break;
      case CaseRule::capitalised:
        // ASCII capitals (std::isupper in the "C" locale), without a call per word
        if (text[0] < 'A' || text[0] > 'Z') return false;
        break;
      case CaseRule::exact:
        if (text != phrase.surface[k]) return false;
        break;
    }
  }
  return true;
}

// Inlined into match(): most calls find their match at once, and the call itself had been a
// tenth of their cost.
[[gnu::always_inline]] inline bool ActorLexicon::match_units(std::span<const Token> tokens, std::span<const Unit> units,
                               std::size_t start, std::uint32_t node, LexiconMatch& out,
                               std::size_t& last_unit) const {
  const Trie& trie = *m_trie;
  bool found = false;
  for (std::size_t k = start;;) {
    // Phrases ending here, longest first by construction of the loop; keep the last that fits.
    const std::uint32_t* p = trie.phrase_list.data() + trie.phrase_begin[node];
    const std::uint32_t* end = trie.phrase_list.data() + trie.phrase_begin[node + 1];
    for (; p != end; ++p) {
      if (const std::uint8_t cased = trie.phrase_cased[*p]; cased == 2) {
        // case_ok's test for one capitalised word, inline
        const Unit& u = units[start];
        const Token& token = tokens[u.token];
        if (token.lower.size() == token.text.size() &&
            (token.text[u.offset] < 'A' || token.text[u.offset] > 'Z'))
          continue;
      } else if (cased && !case_ok(m_phrases[*p], tokens, units, start)) {
        continue;
      }
      const Phrase& phrase = m_phrases[*p];
      out = LexiconMatch{units[start].token, units[k].token, phrase.entries, phrase.types};
      last_unit = k;
      found = true;
      break;
    }
    if (++k >= units.size()) break;
    const std::uint32_t word = units[k].word;
    if (word == Trie::kNoWord) break;
    node = trie.child(node, word);
    if (node == 0) break;
  }
  return found;
}

std::optional<LexiconMatch> ActorLexicon::match_at(std::span<const Token> tokens,
                                                   std::size_t start) const {
  std::vector<Unit> buffer;
  const std::size_t count = units_of(tokens, buffer).units;
  const std::span<const Unit> units(buffer.data(), count);
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (units[u].token < start) continue;
    if (units[u].token > start) break;
    // Only the first word of a token may start a match.
    if (u > 0 && units[u - 1].token == units[u].token) continue;
    if (units[u].word == Trie::kNoWord) return std::nullopt;
    const std::uint32_t node = m_trie->root_children[units[u].word];
    LexiconMatch m;
    std::size_t last_unit = 0;
    if (node == 0 || !match_units(tokens, units, u, node, m, last_unit)) return std::nullopt;
    return m;
  }
  return std::nullopt;
}

std::vector<LexiconMatch> ActorLexicon::match(std::span<const Token> tokens) const {
  std::vector<LexiconMatch> out;
  match(tokens, out);
  return out;
}

void ActorLexicon::match(std::span<const Token> tokens, std::vector<LexiconMatch>& out) const {
  out.clear();
  append_matches(tokens, out);
}

void ActorLexicon::append_matches(std::span<const Token> tokens, std::vector<LexiconMatch>& out) const {
  thread_local std::vector<Unit> unit_buffer;
  thread_local std::vector<std::uint32_t> start_buffer;
  // Only the first word of a token may start a match, and only a word that begins a phrase
  // ("," and "of" do not): units_of lists those, so the rest are never visited here.
  const UnitCounts counts = units_of(tokens, unit_buffer, &start_buffer);
  const std::span<const Unit> units(unit_buffer.data(), counts.units);
  const std::span<const std::uint32_t> starts(start_buffer.data(), counts.starts);
  const Trie& trie = *m_trie;
  const std::uint32_t* root = trie.root_children.data();
  std::size_t next = 0;  // the first unit after the last match
  for (const std::uint32_t u : starts) {
    if (u < next) continue;
    const std::uint32_t node = root[units[u].word];
    // A word that is no phrase by itself ("the", "prime") matches only if the next word
    // leads on from it: most do not, and are passed here without the call.
    const bool ends_here = trie.phrase_begin[node] != trie.phrase_begin[node + 1];
    const bool goes_on = !ends_here && u + 1 < units.size() && units[u + 1].word != Trie::kNoWord &&
                         trie.child(node, units[u + 1].word) != 0;
    LexiconMatch m;
    std::size_t last_unit = 0;
    if ((ends_here || goes_on) && match_units(tokens, units, u, node, m, last_unit)) {
      // A match must end at the end of a token: "Japan" must not match inside "Japan-based"
      // unless the rest of the token is another word ("Taiwan-Japan" has two).
      out.push_back(m);
      // (the units up to the match's last are its own; only parts of its last token may follow)
      next = last_unit + 1;
      while (next < units.size() && units[next].token <= m.last_token) ++next;
    }
  }
}

const StateInfo* ActorLexicon::state(std::string_view iso3) const {
  auto it = std::lower_bound(m_states.begin(), m_states.end(), iso3,
                             [](const StateInfo& s, std::string_view c) { return s.iso3 < c; });
  if (it == m_states.end() || it->iso3 != iso3) return nullptr;
  return &*it;
}

std::string ActorLexicon::country_from_code(std::string_view code) const {
  if (code.size() < 3) return {};
  auto it = m_country_codes.find(std::string(code.substr(0, 3)));
  return it == m_country_codes.end() ? std::string{} : it->second;
}

std::vector<const LeaderTerm*> ActorLexicon::terms_of(std::string_view person_id) const {
  std::vector<const LeaderTerm*> out;
  for (const LeaderTerm& t : terms(person_id)) out.push_back(&t);
  return out;
}

std::span<const LeaderTerm> ActorLexicon::terms(std::string_view person_id) const {
  auto first = std::lower_bound(m_terms.begin(), m_terms.end(), person_id,
                                [](const LeaderTerm& t, std::string_view id) { return t.person_id < id; });
  auto last = first;
  while (last != m_terms.end() && last->person_id == person_id) ++last;
  return {first, last};
}

std::span<const LeaderTerm> ActorLexicon::terms(const ActorEntry& entry) const {
  // An entry of another lexicon (or a copy) is looked up by its id.
  const auto at = reinterpret_cast<std::uintptr_t>(&entry);
  const auto begin = reinterpret_cast<std::uintptr_t>(m_entries.data());
  if (at < begin || at >= begin + m_entry_terms.size() * sizeof(ActorEntry)) return terms(entry.id);
  const auto [first, last] = m_entry_terms[(at - begin) / sizeof(ActorEntry)];
  return std::span<const LeaderTerm>(m_terms).subspan(first, last - first);
}

const LeaderTerm* ActorLexicon::term_on(std::string_view person_id, const Date& date) const {
  return term_among(terms(person_id), date);
}

const LeaderTerm* ActorLexicon::term_among(std::span<const LeaderTerm> terms, const Date& date) {
  const LeaderTerm* best = nullptr;
  for (const LeaderTerm& t : terms) {
    if (!t.covers(date)) continue;
    // When terms overlap, the higher office: head of state or government, then foreign
    // minister, then anything else ("Director of ... Office").
    if (!best || office_rank(t.office) < office_rank(best->office)) best = &t;
  }
  return best;
}

const LeaderTerm* ActorLexicon::holder(std::string_view country, std::string_view office,
                                       const Date& date) const {
  // The office's length first: it turns most terms away without comparing bytes.
  auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  };
  // The terms under the country's key only (m_terms_by_country), in m_terms' order: the first
  // that fits is the one a scan of every term would find.
  const std::uint64_t key = country_key(country);
  auto it = std::lower_bound(m_terms_by_country.begin(), m_terms_by_country.end(),
                             std::pair<std::uint64_t, std::uint32_t>{key, 0});
  for (; it != m_terms_by_country.end() && it->first == key; ++it) {
    const LeaderTerm& t = m_terms[it->second];
    if (t.office.size() == office.size() && same(t.country, country) && same(t.office, office) &&
        t.covers(date))
      return &t;
  }
  return nullptr;
}

std::string ActorLexicon::leader_code(std::string_view person_id,
                                      const std::optional<Date>& date) const {
  const auto terms = terms_of(person_id);
  if (terms.empty()) return {};
  const std::string& country = terms.back()->country;
  if (!date) return country + "GOV";
  return term_on(person_id, *date) ? country + "GOV" : country + "ELI";
}

// ---- Builder ----------------------------------------------------------------------------------

std::shared_ptr<const ActorLexicon> ActorLexicon::builtin() {
  static const std::shared_ptr<const ActorLexicon> kBuiltin = [] {
    Builder builder;
    auto ok = builder.add_builtin();
    // The embedded tables are tested; a failure here is a bug in data/actors/.
    if (!ok) throw std::runtime_error("built-in actor dictionaries: " + ok.error().to_string());
    return std::move(builder).compile();
  }();
  return kBuiltin;
}

expected<std::shared_ptr<const ActorLexicon>, Error> ActorLexicon::with_files(
    std::span<const std::string> paths) {
  if (paths.empty()) return builtin();
  Builder builder;
  if (auto ok = builder.add_builtin(); !ok) return unexpected(ok.error());
  for (const std::string& path : paths)
    if (auto ok = builder.add_file(path); !ok) return unexpected(ok.error());
  return std::move(builder).compile();
}

}  // namespace diplograph::lexicon
