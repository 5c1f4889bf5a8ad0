#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>

#include "diplograph/lexicon/cameo_codebook.hpp"
#include "diplograph/lexicon/embedded.hpp"
#include "diplograph/lexicon/event_lexicon.hpp"

namespace diplograph::lexicon {
namespace {

// The words a pattern passes over between its words: "gave a warm welcome on Thursday to".
constexpr std::string_view kTimeWords[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                           "today", "yesterday", "tonight", "here"};
// ... and the word before one of them that goes with it ("on Thursday", "last Friday").
constexpr std::string_view kTimeLeads[] = {"on", "last", "late", "early"};

constexpr std::uint8_t kDefaultGap = 6;

std::vector<std::string_view> split_space(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

bool valid_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  const int root = (code[0] - '0') * 10 + (code[1] - '0');
  return root >= 1 && root <= 20;
}

// The same words recur across patterns ("on", "call", "talk"): each is inflected once (a sixth of
// the matcher's start-up went to inflecting them again).
// The forms are kept in the map's nodes, which never move, so callers may hold views of them.
template <typename Map>
const std::vector<std::string>& inflections_of(Map& known, std::string_view word) {
  auto it = known.find(word);
  if (it == known.end()) it = known.emplace(std::string(word), inflections(word)).first;
  return it->second;
}

}  // namespace

expected<void, Error> EventPatternSet::add(std::string_view text, std::string_view file) {
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    auto fail = [&](std::string message) {
      return unexpected(Error{std::string(file), line_no, 0, std::move(message)});
    };
    // "(urge|call on) +" stands for "urge +" and "call on +": groups are expanded first, each
    // resulting line parsed as written
    std::vector<std::string> expanded;
    if (auto ok = expand_groups(line, expanded); !ok) return fail(ok.error());
    for (const auto& one : expanded)
      if (auto ok = add_line(one, file, line_no); !ok) return ok;
  }
  return {};
}

expected<void, Error> EventPatternSet::add_line(std::string_view line, std::string_view file, std::size_t line_no) {
  {
    auto fields = split_space(line);
    if (fields.empty()) return {};
    auto fail = [&](std::string message) {
      return unexpected(Error{std::string(file), line_no, 0, std::move(message)});
    };
    EventPattern pattern;
    pattern.file = file;
    pattern.line = line_no;
    pattern.code = fields[0];
    if (!valid_code(pattern.code)) return fail("expected a CAMEO code (2-4 digits, root 01-20) first");
    std::vector<Element> elements;
    std::string written;
    for (std::size_t i = 1; i < fields.size(); ++i) {
      std::string_view f = fields[i];
      if (f.front() == '@') {
        if (f == "@sym") pattern.symmetric = true;
        else if (f == "@pair") pattern.pair = true;
        else if (f == "@governs") pattern.governs = true;
        else if (f == "@noun") pattern.noun = true;
        else return fail("unknown flag '" + std::string(f) + "' (known: @sym @pair @governs @noun)");
        continue;
      }
      if (!written.empty()) written += ' ';
      written += f;
      Element e;
      if (f == "+" || f == "<") {
        e.kind = f == "+" ? Element::Kind::target : Element::Kind::source;
        if ((f == "+" ? pattern.has_target_slot : pattern.has_source_slot))
          return fail("a pattern has at most one '" + std::string(f) + "' slot");
        (f == "+" ? pattern.has_target_slot : pattern.has_source_slot) = true;
      } else if (f.front() == '*') {
        e.kind = Element::Kind::gap;
        e.max_gap = kDefaultGap;
        if (f.size() > 1) {
          const int n = std::atoi(std::string(f.substr(1)).c_str());
          if (n < 1 || n > 12) return fail("a gap '*N' takes N in 1..12");
          e.max_gap = static_cast<std::uint8_t>(n);
        }
      } else {
        if (f.back() == '?') {
          e.optional = true;
          f.remove_suffix(1);
        }
        // The forms are gathered, sorted and made unique as views (of `line` and of the
        // inflections kept in m_inflected), then copied once.
        std::vector<std::string_view> forms;
        std::size_t start = 0;
        std::size_t alternatives = 0;
        bool capitals = false;
        while (start <= f.size()) {
          const auto bar = f.find('|', start);
          std::string_view alt = f.substr(start, bar == std::string_view::npos ? bar : bar - start);
          if (alt.empty()) return fail("empty word in '" + std::string(fields[i]) + "'");
          ++alternatives;
          capitals = capitals || std::any_of(alt.begin(), alt.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
          if (alt.front() == '=') {
            if (elements.empty()) pattern.literal_head = true;
            forms.push_back(alt.substr(1));
          } else {
            const auto& inflected = inflections_of(m_inflected, alt);
            forms.insert(forms.end(), inflected.begin(), inflected.end());
          }
          if (bar == std::string_view::npos) break;
          start = bar + 1;
        }
        // A form has a capital only if its word has one (inflections() adds none), so the forms
        // are searched for the one to name only then.
        if (capitals)
          for (const auto form : forms)
            for (char c : form)
              if (c >= 'A' && c <= 'Z') return fail("pattern words are lower case: '" + std::string(form) + "'");
        // One word's forms are sorted and unique already (inflections() returns them so).
        if (alternatives > 1) {
          std::sort(forms.begin(), forms.end());
          forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
        }
        e.forms.assign(forms.begin(), forms.end());
      }
      elements.push_back(std::move(e));
    }
    if (elements.empty()) return fail("a pattern needs at least one word");
    if (elements.front().kind != Element::Kind::word || elements.front().optional)
      return fail("a pattern must start with a required word");
    if (elements.back().kind == Element::Kind::gap) return fail("a pattern cannot end with a gap");
    pattern.text = std::move(written);
    m_patterns.push_back(std::move(pattern));
    m_elements.push_back(std::move(elements));
  }
  return {};
}

expected<void, std::string> EventPatternSet::expand_groups(std::string_view line, std::vector<std::string>& out) {
  const auto open = line.find('(');
  const auto close = line.find(')');
  if (open == std::string_view::npos) {
    if (close != std::string_view::npos) return unexpected(std::string("')' without '('"));
    out.emplace_back(line);
    return {};
  }
  if (close == std::string_view::npos || close < open) return unexpected(std::string("'(' without ')'"));
  const std::string_view inside = line.substr(open + 1, close - open - 1);
  if (inside.find('(') != std::string_view::npos) return unexpected(std::string("groups do not nest"));
  std::size_t start = 0;
  while (true) {
    const auto bar = inside.find('|', start);
    const std::string_view alternative = inside.substr(start, bar == std::string_view::npos ? bar : bar - start);
    if (split_space(alternative).empty()) return unexpected(std::string("an empty alternative in a (...) group"));
    std::string one(line.substr(0, open));
    one += ' ';
    one += alternative;
    one += ' ';
    one += line.substr(close + 1);
    if (auto ok = expand_groups(one, out); !ok) return ok;
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return {};
}

namespace {

constexpr unsigned kOwnBits = 32;  // bloom bits 0..31: one frequent closed-class word each
constexpr std::uint64_t kFrequentWordBits = (std::uint64_t{1} << kOwnBits) - 1;  // in word 0 of a Bloom

// The bloom bit of every vocabulary word. A pattern is walked only when a sentence's bloom (the
// bits of its words after the pattern's first) holds a bit of each word the pattern requires, so
// the bits are chosen, not hashed, to make that test nearly exact:
//  - the forms of a word share one bit: a verb's five forms on five bits would let any sentence
//    with a word on one of those bits pass;
//  - the closed-class words most patterns require ("to", "with", "on", "of") get a bit each:
//    they are in most sentences, and any word sharing their bit would look present;
//  - the words no pattern requires after its first (first words, optional words, time words)
//    share a bit of their own, which no test asks for.
// The test stays a necessary condition whatever the choice: a required word present in the
// sentence always sets a bit of its mask.

std::vector<std::uint8_t> bloom_bits(const std::vector<std::vector<EventPatternSet::Element>>& patterns,
                                     std::size_t vocabulary_size) {
  using Element = EventPatternSet::Element;
  constexpr unsigned kIdleBit = 255;  // the words no test asks for
  constexpr std::uint32_t kMinUses = 4;
  const auto required = [](const std::vector<Element>& elements, std::size_t i) {
    return i > 0 && elements[i].kind == Element::Kind::word && !elements[i].optional;
  };
  // a single-form word required by several patterns is a closed-class word ("to") or a literal
  std::vector<std::uint32_t> uses(vocabulary_size, 0);
  for (const auto& elements : patterns)
    for (std::size_t i = 0; i < elements.size(); ++i)
      if (required(elements, i) && elements[i].ids.size() == 1) ++uses[elements[i].ids.front()];
  std::vector<std::uint32_t> frequent;
  for (std::uint32_t id = 0; id < vocabulary_size; ++id)
    if (uses[id] >= kMinUses) frequent.push_back(id);
  std::stable_sort(frequent.begin(), frequent.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return uses[a] > uses[b]; });
  if (frequent.size() > kOwnBits) frequent.resize(kOwnBits);
  constexpr int kNone = -1;
  std::vector<int> bit(vocabulary_size, kNone);
  for (std::size_t k = 0; k < frequent.size(); ++k) bit[frequent[k]] = static_cast<int>(k);
  // the other required words, a new bit (round robin) for each word whose forms have none yet
  unsigned next = kOwnBits;
  for (const auto& elements : patterns)
    for (std::size_t i = 0; i < elements.size(); ++i) {
      if (!required(elements, i)) continue;
      int shared = kNone;  // a bit the word's forms already have, other than a frequent word's
      for (const auto id : elements[i].ids)
        if (bit[id] >= static_cast<int>(kOwnBits)) {
          shared = bit[id];
          break;
        }
      for (const auto id : elements[i].ids) {
        if (bit[id] != kNone) continue;
        if (shared == kNone) {
          shared = static_cast<int>(next);
          next = next + 1 == kIdleBit ? kOwnBits : next + 1;
        }
        bit[id] = shared;
      }
    }
  std::vector<std::uint8_t> out(vocabulary_size);
  for (std::size_t id = 0; id < vocabulary_size; ++id)
    out[id] = static_cast<std::uint8_t>(bit[id] == kNone ? kIdleBit : static_cast<unsigned>(bit[id]));
  return out;
}

}  // namespace

std::shared_ptr<const EventMatcher> EventPatternSet::compile() && {
  auto matcher = std::shared_ptr<EventMatcher>(new EventMatcher());
  matcher->m_patterns = std::move(m_patterns);
  matcher->m_elements = std::move(m_elements);
  auto& vocabulary = matcher->m_vocabulary;
  for (auto& elements : matcher->m_elements)
    for (auto& e : elements) {
      e.ids.clear();
      for (const auto& form : e.forms) e.ids.push_back(vocabulary.intern(form));
      std::sort(e.ids.begin(), e.ids.end());
    }
  // the time words join the vocabulary (after the patterns' words) so that match_prepared() finds
  // them among the ids it is given, without a look-up of its own
  for (const auto w : kTimeWords) vocabulary.intern(w);
  for (const auto w : kTimeLeads) vocabulary.intern(w);
  auto& words = matcher->m_words;
  words.assign(vocabulary.size(), {});
  for (const auto w : kTimeWords) words[vocabulary.find(w)].flags |= EventMatcher::kTimeWord;
  for (const auto w : kTimeLeads) words[vocabulary.find(w)].flags |= EventMatcher::kTimeLead;
  for (const auto& elements : matcher->m_elements)
    for (const auto id : elements.front().ids) words[id].flags |= EventMatcher::kFirstWord;
  const auto bit_of = bloom_bits(matcher->m_elements, vocabulary.size());
  for (std::size_t id = 0; id < words.size(); ++id) words[id].bloom_bit = bit_of[id];
  // patterns by the id of their first word, in pattern order
  std::vector<std::uint32_t> count(vocabulary.size() + 1, 0);
  for (const auto& elements : matcher->m_elements)
    for (const auto id : elements.front().ids) ++count[id + 1];
  for (std::size_t i = 1; i < count.size(); ++i) count[i] += count[i - 1];
  matcher->m_first_begin = count;
  // the elements flattened into steps, and each word's ids into one array
  matcher->m_step_begin.push_back(0);
  for (const auto& elements : matcher->m_elements) {
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const auto& e = elements[i];
      EventMatcher::Step step;
      step.kind = e.kind;
      step.optional = e.optional;
      step.max_gap = e.max_gap;
      step.spans = i + 1 < elements.size() && elements[i + 1].kind == Element::Kind::word;
      step.ids_begin = static_cast<std::uint32_t>(matcher->m_step_ids.size());
      step.ids_count = static_cast<std::uint32_t>(e.ids.size());
      for (const auto id : e.ids) {
        step.mask |= 1ull << (id & 63);
        matcher->m_step_ids.push_back(id);
      }
      matcher->m_steps.push_back(step);
    }
    matcher->m_step_begin.push_back(static_cast<std::uint32_t>(matcher->m_steps.size()));
  }
  // The words every match needs besides the first, as masks over a sentence's bloom: those of
  // one bit together (the bloom must hold them all), the others one by one (it must hold a bit
  // of each).
  struct Needs {
    EventMatcher::Bloom all{};
    std::uint32_t required_begin = 0;
    std::uint32_t required_end = 0;
    std::uint32_t key_word = 0;  // First::key_word
  };
  std::vector<Needs> needs;
  for (const auto& elements : matcher->m_elements) {
    Needs need;
    need.required_begin = static_cast<std::uint32_t>(matcher->m_required.size());
    for (std::size_t i = 1; i < elements.size(); ++i) {
      const auto& e = elements[i];
      if (e.kind != Element::Kind::word || e.optional) continue;
      EventMatcher::Bloom mask{};
      for (const auto id : e.ids) {
        const unsigned bit = words[id].bloom_bit;
        mask[bit >> 6] |= 1ull << (bit & 63);
      }
      int bits = 0;
      for (const auto m : mask) bits += std::popcount(m);
      if (bits == 1) {
        for (std::size_t k = 0; k < mask.size(); ++k) need.all[k] |= mask[k];
      } else {
        matcher->m_required.push_back(mask);
      }
    }
    need.required_end = static_cast<std::uint32_t>(matcher->m_required.size());
    // the frequent words' bits are in most sentences' blooms: the key word is the one with most
    // other bits
    const auto rare_bits = [&](std::size_t w) {
      return std::popcount(w == 0 ? need.all[0] & ~kFrequentWordBits : need.all[w]);
    };
    for (std::uint32_t w = 1; w < need.all.size(); ++w)
      if (rare_bits(w) > rare_bits(need.key_word)) need.key_word = w;
    needs.push_back(need);
  }
  matcher->m_first.resize(count.back());
  for (std::uint32_t p = 0; p < matcher->m_elements.size(); ++p)
    for (const auto id : matcher->m_elements[p].front().ids) {
      auto& first = matcher->m_first[count[id]++];
      first.pattern = p;
      first.steps_begin = matcher->m_step_begin[p] + 1;
      first.steps_end = matcher->m_step_begin[p + 1];
      first.all = needs[p].all;
      first.key_word = static_cast<std::uint16_t>(needs[p].key_word);  // (0 to 3)
      first.key_mask = first.all[first.key_word];
      first.only_key = true;
      for (std::uint32_t w = 0; w < first.all.size(); ++w)
        if (w != first.key_word && first.all[w] != 0) first.only_key = false;
      first.required_begin = needs[p].required_begin;
      first.required_end = needs[p].required_end;
    }
  return matcher;
}

std::shared_ptr<const EventMatcher> EventMatcher::builtin() {
  static const std::shared_ptr<const EventMatcher> matcher = [] {
    EventPatternSet set;
    for (const auto& file : embedded_files()) {
      if (!file.path.starts_with("cameo/") || !file.path.ends_with(".txt")) continue;
      if (!set.add(file.contents, std::string("data/") + std::string(file.path))) std::abort();
    }
    return std::move(set).compile();
  }();
  return matcher;
}

namespace {

constexpr std::uint8_t kSlotSpan = 6;  // tokens an actor in a slot followed by words may take

// A sentence's per-token flags as the matcher reads them.
constexpr std::uint8_t kTransparent = EventMatcher::Scratch::kTransparent;  // a time word a pattern may pass over
constexpr std::uint8_t kStopsGap = 2;     // punctuation a gap stays inside of

// The flags of a one-character punctuation token, by its character: what stops_gap() says, and
// kTransparent for a quotation mark (as time_words() marks it).
constexpr std::array<std::uint8_t, 256> kPunctFlags = [] {
  std::array<std::uint8_t, 256> t{};
  for (const char c : {',', ';', ':', '.', '?', '!', '(', ')'}) t[static_cast<unsigned char>(c)] = kStopsGap;
  t['"'] = kTransparent;
  return t;
}();

// Tokens a gap may not run across: a gap stays inside its clause.
bool stops_gap(const Token& token) {
  if (token.kind != TokenKind::punct) return false;
  const std::string_view t = token.text;
  return t == "," || t == ";" || t == ":" || t == "." || t == "?" || t == "!" || t == "(" || t == ")";
}

std::vector<bool> time_words(std::span<const Token> tokens) {
  static const WordTable kAlways = [] {
    WordTable t;
    for (const std::string_view w : kTimeWords) t.intern(w);
    return t;
  }();
  std::vector<bool> out(tokens.size(), false);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    // a quotation mark inside a phrase: 'said it "strongly condemns" the attack'
    if (tokens[i].text == "\"") out[i] = true;
    if (kAlways.find(tokens[i].lower) != WordTable::npos) {
      out[i] = true;
      if (i > 0 && std::find(std::begin(kTimeLeads), std::end(kTimeLeads), tokens[i - 1].lower) != std::end(kTimeLeads))
        out[i - 1] = true;
      // "late on Sunday", "early on Friday"
      if (i > 1 && tokens[i - 1].lower == "on" && (tokens[i - 2].lower == "late" || tokens[i - 2].lower == "early"))
        out[i - 2] = true;
    }
  }
  return out;
}

}  // namespace

// One match attempt of one pattern: what the backtracking reads, in one place.
struct EventMatcher::Walk {
  const Step* steps;        // the pattern's first step
  const Step* end;          // one past its last
  const std::uint32_t* step_ids;
  const std::uint32_t* ids; // the sentence's vocabulary ids
  const std::uint8_t* flags;
  std::uint32_t size;       // tokens in the sentence
  PatternMatch* out;

  // Most words have a handful of forms (a verb's inflections): a scan beats a binary search,
  // and the mask turns most tokens away before either. Forced inline (with skip_to_word): left
  // to itself GCC sometimes calls them out of line, ~5% more instructions in match_prepared().
  [[gnu::always_inline]] bool has_id(const Step& e, std::uint32_t id) const {
    if (!((e.mask >> (id & 63)) & 1)) return false;
    const std::uint32_t* begin = step_ids + e.ids_begin;
    const std::uint32_t* stop = begin + e.ids_count;
    if (e.ids_count > 16) return std::binary_search(begin, stop, id);
    for (const std::uint32_t* f = begin; f != stop; ++f)
      if (*f == id) return true;
    return false;
  }

  // A gap (or a slot) of 0..most tokens before the word step `w`, fewest first. Only the
  // tokens the word can start at are tried: its own forms, or a time word it passes over;
  // at any other token from(w, ...) would fail at once.
  [[gnu::always_inline]] bool skip_to_word(const Step* w, std::uint32_t token, std::uint32_t most, std::int64_t last_word) const {
    for (std::uint32_t skip = 0; skip <= most; ++skip) {
      const std::uint32_t u = token + skip;
      if (skip > 0 && (u - 1 >= size || (flags[u - 1] & kStopsGap))) break;
      if (u >= size) {
        // from(w, u) would try the word's optional skip, and a required word is not optional;
        // a slot's next word may be optional, so ask
        if (w->optional && from(w, u, last_word)) return true;
        continue;
      }
      if (((ids[u] != WordTable::npos && has_id(*w, ids[u])) || (flags[u] & kTransparent) || w->optional) &&
          from(w, u, last_word))
        return true;
    }
    return false;
  }

  // from(e, ...), with the pattern's end (what most often follows its last slot or word)
  // answered here rather than by a call.
  [[gnu::always_inline]] bool then(const Step* e, std::uint32_t token, std::int64_t last_word) const {
    if (e == end) {
      out->last = static_cast<std::uint32_t>(last_word);
      return true;
    }
    return from(e, token, last_word);
  }

  // Backtracking over the steps; gaps try the fewest tokens first.
  bool from(const Step* e, std::uint32_t token, std::int64_t last_word) const {
    if (e == end) {
      out->last = static_cast<std::uint32_t>(last_word);
      return true;
    }
    using Kind = EventPatternSet::Element::Kind;
    switch (e->kind) {
      case Kind::target:
      case Kind::source: {
        (e->kind == Kind::target ? out->target_slot : out->source_slot) = static_cast<std::int32_t>(token);
        // A slot with words after it holds the actor's own tokens: "accuse + of" on "accused
        // Japan's government of".
        if (!e->spans) return then(e + 1, token, last_word);
        return skip_to_word(e + 1, token, kSlotSpan, last_word);
      }
      case Kind::gap: {
        // a pattern never ends with a gap, and a gap is followed by a word or a slot
        if (e[1].kind == Kind::word) return skip_to_word(e + 1, token, e->max_gap, last_word);
        for (std::uint32_t skip = 0; skip <= e->max_gap; ++skip) {
          if (skip > 0) {
            const std::uint32_t t = token + skip - 1;
            if (t >= size || (flags[t] & kStopsGap)) break;
          }
          if (then(e + 1, token + skip, last_word)) return true;
        }
        return false;
      }
      case Kind::word: {
        // Time words between a pattern's words are passed over: "gave a warm welcome on Thursday to".
        for (std::uint32_t t = token; t < size; ++t) {
          if (ids[t] != WordTable::npos && has_id(*e, ids[t])) {
            if (then(e + 1, t + 1, t)) return true;
            break;
          }
          if (e == steps || !(flags[t] & kTransparent)) break;
        }
        return e->optional && then(e + 1, token, last_word);
      }
    }
    return false;
  }
};

std::vector<bool> EventMatcher::transparent_tokens(std::span<const Token> tokens) { return time_words(tokens); }

bool EventMatcher::match_at(std::size_t index, std::span<const Token> tokens, std::uint32_t first,
                            PatternMatch& out, const std::vector<bool>* transparent) const {
  std::vector<std::uint32_t> ids(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) ids[i] = m_vocabulary.find(tokens[i].lower);
  return match_ids(index, tokens, ids.data(), first, out, transparent);
}

bool EventMatcher::match_ids(std::size_t index, std::span<const Token> tokens, const std::uint32_t* ids,
                             std::uint32_t first, PatternMatch& out, const std::vector<bool>* transparent) const {
  std::vector<std::uint8_t> flags(tokens.size(), 0);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (stops_gap(tokens[i])) flags[i] |= kStopsGap;
    if (transparent && i < transparent->size() && (*transparent)[i]) flags[i] |= kTransparent;
  }
  out = PatternMatch{};
  out.pattern = static_cast<std::uint32_t>(index);
  out.first = first;
  const Walk walk{m_steps.data() + m_step_begin[index], m_steps.data() + m_step_begin[index + 1], m_step_ids.data(),
                  ids, flags.data(), static_cast<std::uint32_t>(tokens.size()), &out};
  return walk.from(walk.steps, first, first);
}

std::vector<PatternMatch> EventMatcher::match(std::span<const Token> tokens) const {
  Scratch scratch;
  return match(tokens, scratch);
}

std::vector<PatternMatch> EventMatcher::match(std::span<const Token> tokens, Scratch& scratch) const {
  scratch.ids.resize(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) scratch.ids[i] = m_vocabulary.find(tokens[i].lower);
  return match_prepared(tokens, scratch);
}

std::vector<PatternMatch> EventMatcher::match_prepared(std::span<const Token> tokens, Scratch& scratch) const {
  std::vector<PatternMatch> out;
  match_prepared(tokens, scratch, out);
  return out;
}

void EventMatcher::match_prepared(std::span<const Token> tokens, Scratch& scratch, std::vector<PatternMatch>& out) const {
  out.clear();
  const std::uint32_t* ids = scratch.ids.data();
  const WordInfo* words = m_words.data();
  const auto n = static_cast<std::uint32_t>(tokens.size());
  // Is there a token some pattern can start at (every pattern starts with a word)?
  std::uint32_t start = 0;
  for (; start < n; ++start) {
    const std::uint32_t id = ids[start];
    if (id != WordTable::npos && (words[id].flags & kFirstWord) && tokens[start].kind == TokenKind::word) break;
  }
  if (start == n) return;
  // One pass from the end: the same marks as time_words(tokens), read off the ids; the gap
  // stops; and at each token a pattern can start at, the bloom of the words after it (a
  // pattern's required words come after its first, so the sentence's later words must hold them).
  auto& flags = scratch.flags;
  flags.assign(n, 0);
  // room for every token, so that recording a start is a plain store
  auto& starts = scratch.starts;
  if (starts.size() < n) starts.resize(n);
  std::size_t start_count = 0;
  Bloom after{};
  for (std::uint32_t i = n; i-- > 0;) {
    const Token& token = tokens[i];
    if (token.kind == TokenKind::punct && token.text.size() == 1) {
      const std::uint8_t marks = kPunctFlags[static_cast<unsigned char>(token.text[0])];
      flags[i] |= marks;  // (a quotation mark is transparent, as time_words() marks it)
    }
    const std::uint32_t id = ids[i];
    if (id == WordTable::npos) continue;
    const WordInfo word = words[id];
    if (word.flags & kTimeWord) {
      flags[i] |= kTransparent;
      if (i > 0 && ids[i - 1] != WordTable::npos && (words[ids[i - 1]].flags & kTimeLead)) {
        flags[i - 1] |= kTransparent;
      }
      // "late on Sunday", "early on Friday"
      if (i > 1 && tokens[i - 1].lower == "on" && (tokens[i - 2].lower == "late" || tokens[i - 2].lower == "early")) {
        flags[i - 2] |= kTransparent;
      }
    }
    if ((word.flags & kFirstWord) && token.kind == TokenKind::word) starts[start_count++] = {i, after};
    after[word.bloom_bit >> 6] |= 1ull << (word.bloom_bit & 63);
  }
  const First* firsts = m_first.data();
  const Bloom* required = m_required.data();
  Walk walk{nullptr, nullptr, m_step_ids.data(), ids, flags.data(), n, nullptr};
  // Candidates come by token, and for a token in pattern order, so the matches are found
  // already sorted by (first, pattern).
  for (std::size_t s = start_count; s-- > 0;) {
    const std::uint32_t i = starts[s].token;
    const Bloom& bloom = starts[s].bloom;
    const std::uint32_t id = ids[i];
    const std::uint32_t kend = m_first_begin[id + 1];
    for (std::uint32_t k = m_first_begin[id]; k < kend; ++k) {
      const First& f = firsts[k];
      // a pattern with a word the rest of the sentence lacks cannot match
      if ((f.key_mask & ~bloom[f.key_word]) != 0) continue;
      const Bloom& all = f.all;
      if (!f.only_key &&
          ((all[0] & ~bloom[0]) | (all[1] & ~bloom[1]) | (all[2] & ~bloom[2]) | (all[3] & ~bloom[3])) != 0)
        continue;
      bool possible = true;
      for (std::uint32_t r = f.required_begin; r < f.required_end && possible; ++r) {
        const Bloom& any = required[r];
        possible = ((any[0] & bloom[0]) | (any[1] & bloom[1]) | (any[2] & bloom[2]) | (any[3] & bloom[3])) != 0;
      }
      if (!possible) continue;
      PatternMatch m;
      m.pattern = f.pattern;
      m.first = i;
      // the first word is the token's own: the walk starts after it
      walk.steps = m_steps.data() + f.steps_begin - 1;
      walk.end = m_steps.data() + f.steps_end;
      walk.out = &m;
      if (walk.then(walk.steps + 1, i + 1, i)) out.push_back(m);
    }
  }
}

}  // namespace diplograph::lexicon
