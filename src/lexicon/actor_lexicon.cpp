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
  bool dash = false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(std::tolower(u));
    } else if (c != '\'') {
      dash = true;
    }
  }
  return out;
}

void ActorLexicon::units_of(std::span<const Token> tokens, std::vector<Unit>& out) const {
  const Trie& trie = *m_trie;
  out.clear();
  for (std::uint32_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens[t];
    const std::string_view lower = token.lower;
    const std::string_view text = token.text;
    const bool same = lower.size() == text.size();
    // Most tokens: one word, the whole token. A dictionary word holds no '-', '.' or '\''
    // (phrase_words cuts there), so a token found whole needs no scan for them.
    if (lower.empty()) continue;
    if (const std::uint32_t whole = trie.word_id(lower); whole != Trie::kNoWord || !has_cut(lower)) {
      out.push_back({lower, same ? text : std::string_view{}, t, whole});
      continue;
    }
    std::size_t i = 0;
    bool any = false;
    while (i < lower.size()) {
      while (i < lower.size() && kCut[static_cast<unsigned char>(lower[i])]) ++i;
      std::size_t j = i;
      while (j < lower.size() && !kCut[static_cast<unsigned char>(lower[j])]) ++j;
      if (j > i) {
        const std::string_view word = lower.substr(i, j - i);
        out.push_back({word, same ? text.substr(i, j - i) : std::string_view{}, t,
                       trie.word_id(word)});
        any = true;
      }
      i = j;
    }
    (void)any;  // a token of only '-', '.' or '\'' gives no word: "U . S ." still reads "u s"
  }
}

bool ActorLexicon::case_ok(const Phrase& phrase, std::span<const Unit> units,
                           std::size_t start) const {
  for (std::size_t k = 0; k < phrase.rules.size(); ++k) {
    const Unit& u = units[start + k];
    if (u.text.empty()) continue;  // no reliable surface: accept
    switch (phrase.rules[k]) {
      case CaseRule::any:
        break;
      case CaseRule::capitalised:
        // ASCII capitals (std::isupper in the "C" locale), without a call per word
        if (u.text[0] < 'A' || u.text[0] > 'Z') return false;
        break;
      case CaseRule::exact:
        if (u.text != phrase.surface[k]) return false;
        break;
    }
  }
  return true;
}

std::optional<LexiconMatch> ActorLexicon::match_units(std::span<const Unit> units,
                                                      std::size_t start) const {
  const Trie& trie = *m_trie;
  std::uint32_t node = 0;
  std::optional<LexiconMatch> best;
  for (std::size_t k = start; k < units.size(); ++k) {
    const std::uint32_t word = units[k].word;
    if (word == Trie::kNoWord) break;
    const std::uint32_t next = trie.child(node, word);
    if (next == 0) break;
    node = next;
    // Phrases ending here, longest first by construction of the loop; keep the last that fits.
    const std::uint32_t* p = trie.phrase_list.data() + trie.phrase_begin[node];
    const std::uint32_t* end = trie.phrase_list.data() + trie.phrase_begin[node + 1];
    for (; p != end; ++p) {
      const Phrase& phrase = m_phrases[*p];
      if (trie.phrase_cased[*p] && !case_ok(phrase, units, start)) continue;
      best = LexiconMatch{units[start].token, units[k].token, phrase.entries};
      break;
    }
  }
  return best;
}

std::optional<LexiconMatch> ActorLexicon::match_at(std::span<const Token> tokens,
                                                   std::size_t start) const {
  std::vector<Unit> units;
  units_of(tokens, units);
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (units[u].token < start) continue;
    if (units[u].token > start) break;
    // Only the first word of a token may start a match.
    if (u > 0 && units[u - 1].token == units[u].token) continue;
    return match_units(units, u);
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
  thread_local std::vector<Unit> units;
  units_of(tokens, units);
  std::size_t u = 0;
  while (u < units.size()) {
    // Only the first word of a token may start a match, and only a dictionary word.
    const bool token_start = u == 0 || units[u - 1].token != units[u].token;
    // A word that begins no phrase (",", "of") starts no match: tested here, without a call.
    if (token_start && units[u].word != Trie::kNoWord && m_trie->root_children[units[u].word] != 0) {
      if (auto m = match_units(units, u)) {
        // A match must end at the end of a token: "Japan" must not match inside "Japan-based"
        // unless the rest of the token is another word ("Taiwan-Japan" has two).
        out.push_back(*m);
        while (u < units.size() && units[u].token <= m->last_token) ++u;
        continue;
      }
    }
    ++u;
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
  for (const LeaderTerm& t : m_terms)
    if (t.country == country && t.office == office && t.covers(date)) return &t;
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
