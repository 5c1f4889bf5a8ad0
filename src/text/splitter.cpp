#include "diplograph/text/splitter.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <unordered_set>

#include "diplograph/text/utf8.hpp"

namespace diplograph::text {

namespace {

// ---------------------------------------------------------------------------------------------
// Characters

constexpr int kMaxInitialismLetters = 8;

enum class CharClass : std::uint8_t { space, letter, digit, punct };

struct Char {
  CharClass cls = CharClass::space;
  std::uint8_t length = 1;
  std::uint8_t newlines = 0;  // line breaks this white-space character counts as (2 = paragraph)
  bool ascii = true;
  char32_t code = 0;
};

bool in(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

bool is_unicode_punct(char32_t c) {
  if (c < 0x100) {
    if (c == 0xAA || c == 0xB5 || c == 0xBA || c == 0xAD) return false;  // letters, soft hyphen
    return in(c, 0xA1, 0xBF) || c == 0xD7 || c == 0xF7;
  }
  return in(c, 0x2010, 0x2027) || in(c, 0x2030, 0x205E) || in(c, 0x20A0, 0x20CF) ||
         in(c, 0x2100, 0x2BFF) || in(c, 0x2E00, 0x2E7F) || in(c, 0x3001, 0x3003) ||
         in(c, 0x3008, 0x3011) || in(c, 0x3014, 0x301F) || in(c, 0xE000, 0xF8FF) ||
         in(c, 0xFE50, 0xFE6B) || in(c, 0xFF01, 0xFF0F) || in(c, 0xFF1A, 0xFF20) ||
         in(c, 0xFF3B, 0xFF40) || in(c, 0xFF5B, 0xFF65) || in(c, 0x1F000, 0x1FAFF);
}

Char char_at(std::string_view text, std::size_t pos) {
  const auto b = static_cast<unsigned char>(text[pos]);
  Char ch;
  ch.code = b;
  if (b < 0x80) {
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
      ch.cls = CharClass::letter;
    } else if (b >= '0' && b <= '9') {
      ch.cls = CharClass::digit;
    } else if (b == '\n' || b == '\v') {
      ch.newlines = 1;
    } else if (b == '\f') {
      ch.newlines = 2;
    } else if (b == '\r') {
      // "\r\n" counts once (at the \n); a lone \r is an old Mac line end.
      ch.newlines = (pos + 1 < text.size() && text[pos + 1] == '\n') ? 0 : 1;
    } else if (b <= 0x20 || b == 0x7F) {
      // blanks and control characters
    } else {
      ch.cls = CharClass::punct;
    }
    return ch;
  }
  const DecodedChar d = decode_utf8(text, pos);
  ch.code = d.code;
  ch.length = static_cast<std::uint8_t>(d.length);
  ch.ascii = false;
  if (is_space(d.code)) {
    ch.cls = CharClass::space;
    if (d.code == 0x85 || d.code == 0x2028) ch.newlines = 1;
    if (d.code == 0x2029) ch.newlines = 2;
  } else if (is_unicode_punct(d.code)) {
    ch.cls = CharClass::punct;
  } else {
    ch.cls = CharClass::letter;  // letters of every script, marks, and undecodable bytes
  }
  return ch;
}

bool is_word_char(const Char& c) { return c.cls == CharClass::letter || c.cls == CharClass::digit; }

// Hyphens that join the parts of a name: ASCII '-', U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN.
bool is_joining_hyphen(const Char& c) { return c.code == '-' || c.code == 0x2010 || c.code == 0x2011; }
bool is_apostrophe(const Char& c) { return c.code == '\'' || c.code == 0x2019; }

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

// ASCII letters by byte, for the tokenizer's inner loop.
constexpr std::array<bool, 256> kAsciiLetter = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
  return t;
}();
bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

// ---------------------------------------------------------------------------------------------
// Abbreviations and sentence openers

enum class Abbrev : std::uint8_t {
  none,
  title,    // precedes what it qualifies, never ends a sentence: Mr. Gen. No. vs. e.g.
  suffix,   // may end a sentence: Co. Inc. Jr. etc. U.S. a.m. Jan.
  initial,  // a single capital and a full stop: W. in George W. Bush
  acronym,  // dotted capitals naming a place or body: U.S. U.K. U.N. E.U. D.C.
};

using WordSet = std::unordered_set<std::string_view>;

const WordSet& title_abbreviations() {
  static const WordSet kSet = {
      "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Gen", "Lt", "Col", "Maj",
      "Capt", "Cmdr", "Cdr", "Adm", "Brig", "Sgt", "Cpl", "Pvt", "Sen", "Sens", "Rep", "Reps",
      "Gov", "Pres", "Amb", "Rev", "Hon", "Fr", "St", "Ste", "Mt", "Ft", "Supt", "Insp", "Det",
      "Atty", "Sec", "Gens", "vs", "v", "cf", "Fig", "Figs", "Vol", "Vols", "Art", "Nos", "p",
      "pp", "approx", "ca", "Nr", "incl", "excl", "esp", "viz", "Dem", "Para", "Ch"};
  return kSet;
}

const WordSet& suffix_abbreviations() {
  static const WordSet kSet = {
      "Co", "Corp", "Inc", "Ltd", "Bros", "Jr", "Sr", "Dept", "Univ", "Assn", "Intl", "Govt",
      "etc", "al", "Esq", "Ave", "Blvd", "Rd", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
      "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs",
      "Fri", "Sat", "Sun", "Pte", "Pty", "Sdn", "Bhd"};
  return kSet;
}

// Capitalised words that usually open a sentence; after an abbreviation such as "U.S." or
// "Inc." they mark a boundary, where a name ("U.S. President") does not.
const WordSet& sentence_openers() {
  static const WordSet kSet = {
      "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
      "I", "You", "His", "Her", "Their", "Our", "My", "Your", "In", "On", "At", "By", "For",
      "From", "With", "Without", "After", "Before", "During", "Since", "Until", "As", "While",
      "When", "Where", "If", "Although", "Though", "Because", "But", "And", "Or", "So", "Yet",
      "However", "Meanwhile", "Moreover", "Also", "Still", "Then", "Now", "Today", "Yesterday",
      "Tomorrow", "Earlier", "Later", "There", "Here", "Some", "Many", "Most", "Both", "Each",
      "Every", "All", "Another", "According", "Despite", "Under", "Over", "Last", "Next",
      "Such", "What", "Who", "Why", "How", "Which", "Nor", "Neither", "Instead", "Thus",
      "Therefore", "Nevertheless", "Overall", "Separately", "Asked", "Speaking", "Following",
      "Analysts", "Officials", "Not", "No"};
  return kSet;
}

// Capitalised words that follow "U.S.", "U.N.", "E.U." inside a name ("U.S. President",
// "U.N. Security Council"); any other capitalised word after such an acronym starts a sentence.
const WordSet& acronym_modifiees() {
  static const WordSet kSet = {
      "President", "Vice", "Secretary", "Ambassador", "Embassy", "Consulate", "Envoy", "Special",
      "Forces", "Force", "Navy", "Army", "Air", "Marine", "Marines", "Military", "Coast", "Space",
      "Cyber", "Fleet", "Command", "Central", "Southern", "Northern", "European", "Africa",
      "Pacific", "Indo", "Strategic", "Defense", "Defence", "State", "Department", "Treasury",
      "Treasuries", "Congress", "Senate", "House", "Senator", "Representative", "Sen", "Rep",
      "Gen", "Adm", "Trade", "Commerce", "Security", "Council", "General", "Assembly",
      "Commission", "Commissioner", "High", "Human", "Mission", "Peacekeeping", "Peacekeepers",
      "Justice", "Attorney", "Federal", "National", "Government", "Administration", "Supreme",
      "Court", "District", "Circuit", "Judge", "Director", "Chief", "Deputy", "Foreign",
      "Minister", "Ministers", "Parliament", "Member", "Members", "Sanctions", "Dollar",
      "Intelligence", "Customs", "Border", "Immigration", "Citizenship", "Capitol", "Postal",
      "Secret", "Chamber", "Agency", "Agriculture", "Energy", "Homeland", "Labor", "Health",
      "Office", "Permanent", "Charter", "Refugee", "Refugees", "Relief", "Development",
      "Environmental", "Children", "Women", "Food", "World", "Interior", "Transportation",
      "Census", "Bureau", "Democrats", "Democratic", "Republicans", "Republican", "Pentagon",
      "Mayor", "Police", "Open", "Steel", "Virgin", "Economy", "Election", "Elections",
      "Climate", "Nuclear", "Atomic", "Population", "Industrial", "Consumer"};
  return kSet;
}

// Lower-case words a wrapped line of prose ends with but a headline does not.
const WordSet& continuation_words() {
  static const WordSet kSet = {"the", "a",    "an",  "of",  "to",   "and",  "or",  "in",
                               "on",  "at",   "for", "with", "by",  "from", "that", "as",
                               "but", "is",   "are", "was", "were", "its",  "their", "his",
                               "her", "into", "than", "which", "who", "said", "will", "has"};
  return kSet;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

struct TokenInfo {
  std::uint8_t newlines = 0;  // line breaks in the white space before the token (capped)
  Abbrev abbrev = Abbrev::none;
  bool terminal = false;  // . ! ? ... and friends
  bool closer = false;    // " ' ) ] } : may follow a full stop inside the sentence
  bool opener = false;    // " ' ( [ { : may precede the first word of a sentence
  bool quote = false;     // " or '
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : m_text(text) {}

  // Replaces `tokens` and `info` with the tokens up to the next paragraph break (a blank line)
  // or the end of the text; returns false when nothing is left. A paragraph break always ends a
  // sentence and no rule looks across one, so splitting paragraph by paragraph gives the same
  // sentences as splitting the whole text at once, with the working set in cache.
  bool next_paragraph(std::vector<Token>& tokens, std::vector<TokenInfo>& info) {
    tokens.clear();
    info.clear();
    if (m_has_pending) {
      tokens.push_back(std::move(m_pending));
      info.push_back(m_pending_info);
      m_has_pending = false;
    }
    const std::size_t n = m_text.size();
    bool space = false;
    unsigned newlines = 0;
    while (m_pos < n) {
      if (m_text[m_pos] == ' ') {  // the common case, fast
        space = true;
        ++m_pos;
        continue;
      }
      const Char ch = char_at(m_text, m_pos);
      if (ch.cls == CharClass::space) {
        space = true;
        newlines += ch.newlines;
        m_pos += ch.length;
        continue;
      }
      // Built in place: tokens are the bulk of the work, one move fewer counts.
      Token& token = tokens.emplace_back();
      TokenInfo& ti = info.emplace_back();
      token.space_before = space;
      ti.newlines = static_cast<std::uint8_t>(std::min(newlines, 2U));
      const std::size_t end = ch.cls == CharClass::punct ? scan_punct(m_pos, ch, token, ti)
                                                         : scan_word(m_pos, token, ti);
      token.span = {m_pos, end};
      m_pos = end;
      if (ti.newlines >= 2 && tokens.size() > 1) {
        m_pending = std::move(token);
        m_pending_info = ti;
        m_has_pending = true;
        tokens.pop_back();
        info.pop_back();
        return true;
      }
      space = false;
      newlines = 0;
    }
    return !tokens.empty();
  }

 private:
  Char at(std::size_t pos) const {
    return pos < m_text.size() ? char_at(m_text, pos) : Char{};
  }
  char byte(std::size_t pos) const { return pos < m_text.size() ? m_text[pos] : '\0'; }

  void set_text(Token& token, std::size_t start, std::size_t end, bool ascii) {
    const std::string_view raw = m_text.substr(start, end - start);
    if (ascii) {
      token.text.assign(raw.data(), raw.size());
      token.lower.assign(raw.data(), raw.size());
      for (char& c : token.lower)
        if (is_ascii_upper(c)) c = static_cast<char>(c + 32);
    } else {
      token.text = fold_typography(raw);
      token.lower = to_lower(token.text);
    }
  }

  // "U.S.", "e.g.", "a.m.": two or more single letters each followed by a full stop, not followed
  // by another letter or digit. Returns the end, or 0.
  std::size_t scan_dotted(std::size_t start, bool& ascii) const {
    ascii = true;
    // the usual word: an ASCII letter not followed by a full stop
    if (static_cast<unsigned char>(m_text[start]) < 0x80 && byte(start + 1) != '.') return 0;
    std::size_t q = start;
    int count = 0;
    ascii = true;
    while (q < m_text.size()) {
      const Char c = at(q);
      if (c.cls != CharClass::letter || byte(q + c.length) != '.') break;
      ascii = ascii && c.ascii;
      // Initialisms are short; the cap also keeps "a.a.a.a..." from being rescanned from every
      // letter (quadratic time).
      if (++count > kMaxInitialismLetters) return 0;
      q += c.length + 1;
    }
    if (count < 2 || is_word_char(at(q))) return 0;
    if (q < m_text.size() && m_text[q] == '.') return 0;  // "U.S.." is an initial run + ellipsis
    return q;
  }

  std::size_t scan_word(std::size_t start, Token& token, TokenInfo& ti) {
    bool ascii = true;
    if (const std::size_t dotted = scan_dotted(start, ascii); dotted != 0) {
      set_text(token, start, dotted, ascii);
      token.kind = TokenKind::word;
      if (std::string_view(token.lower) == "e.g." || std::string_view(token.lower) == "i.e.")
        ti.abbrev = Abbrev::title;
      else if (std::all_of(token.text.begin(), token.text.end(),
                           [](char c) { return c == '.' || is_ascii_upper(c); }))
        ti.abbrev = Abbrev::acronym;
      else
        ti.abbrev = Abbrev::suffix;
      return dotted;
    }
    std::size_t p = start;
    bool letters = false;
    std::size_t chars = 0;
    ascii = true;
    const std::size_t size = m_text.size();
    while (p < size) {
      const auto b = static_cast<unsigned char>(m_text[p]);
      if (kAsciiLetter[b]) {  // the common case, fast: a run of ASCII letters
        const std::size_t run = p;
        do ++p;
        while (p < size && kAsciiLetter[static_cast<unsigned char>(m_text[p])]);
        letters = true;
        chars += p - run;
        continue;
      }
      if (b == ' ' || b == '\n') break;  // the usual ends of a word, fast
      const Char c = at(p);
      if (is_word_char(c)) {
        letters = letters || c.cls == CharClass::letter;
        ascii = ascii && c.ascii;
        ++chars;
        p += c.length;
        continue;
      }
      if (p == start) break;
      const Char next = at(p + c.length);
      if (is_joining_hyphen(c) && is_word_char(next)) {
        ascii = ascii && c.ascii;
        ++chars;
        p += c.length;
        continue;
      }
      if (is_apostrophe(c) && next.cls == CharClass::letter && letters) {
        // A possessive 's is its own token; other inner apostrophes (O'Brien, don't) stay.
        if ((next.code == 's' || next.code == 'S') && !is_word_char(at(p + c.length + 1)))
          break;
        ascii = ascii && c.ascii;
        ++chars;
        p += c.length;
        continue;
      }
      if ((c.code == '.' || c.code == ',' || c.code == ':') && next.cls == CharClass::digit) {
        const Char prev = char_at(m_text, p - 1);
        if (prev.cls == CharClass::digit) {
          ++chars;
          p += 1;
          continue;
        }
      }
      break;
    }
    const bool numeric = !letters;
    token.kind = numeric ? TokenKind::number : TokenKind::word;
    // An abbreviation keeps its full stop (but not the first dot of an ellipsis).
    if (!numeric && byte(p) == '.' && byte(p + 1) != '.') {
      const std::string_view word = m_text.substr(start, p - start);
      Abbrev abbrev = Abbrev::none;
      if (chars == 1 && word.size() == 1 && is_ascii_upper(word[0])) {
        abbrev = Abbrev::initial;
      } else if (word == "No" || word == "no" || word == "Nos") {
        // "No. 5" is an abbreviation, "The answer was no." is not.
        std::size_t q = p + 1;
        while (q < m_text.size() && (m_text[q] == ' ' || m_text[q] == '\t')) ++q;
        if (q < m_text.size() && (m_text[q] >= '0' && m_text[q] <= '9') && word != "no")
          abbrev = Abbrev::title;
      } else if (title_abbreviations().contains(word)) {
        abbrev = Abbrev::title;
      } else if (suffix_abbreviations().contains(word)) {
        abbrev = Abbrev::suffix;
      }
      if (abbrev != Abbrev::none) {
        ti.abbrev = abbrev;
        ++p;
      }
    }
    set_text(token, start, p, ascii);
    return p;
  }

  std::size_t scan_punct(std::size_t start, const Char& ch, Token& token, TokenInfo& ti) {
    token.kind = TokenKind::punct;
    std::size_t end = start + ch.length;
    if (is_apostrophe(ch) && (byte(end) == 's' || byte(end) == 'S') &&
        (follows_word(start) || (start > 1 && m_text[start - 1] == '.' &&
                                 follows_word(start - 1))) &&  // "the U.S.'s"
        !is_word_char(at(end + 1))) {
      // The possessive: "Taiwan's", "Japan’s" -> ... | 's
      token.kind = TokenKind::word;
      // (std::string temporaries: GCC 12 warns wrongly on assigning literals, bug 105329.)
      token.text = std::string(byte(end) == 's' ? "'s" : "'S");
      token.lower = std::string("'s");
      return end + 1;
    }
    if (ch.code == '.' || ch.code == '-') {
      // "..", "..." (an ellipsis) and "--" (a typed dash) are single tokens.
      while (end < m_text.size() && m_text[end] == static_cast<char>(ch.code)) ++end;
    }
    if (ch.ascii) {
      if (ch.code == '-' && end - start > 1)
        token.text = std::string(1, '-');
      else
        token.text = std::string(m_text.substr(start, end - start));
      token.lower = token.text;
    } else {
      const std::string_view folded = ascii_fold(ch.code);
      token.text = folded.empty() ? std::string(m_text.substr(start, end - start))
                                  : std::string(folded);
      token.lower = token.text;
    }
    const std::string_view t = token.text;
    ti.terminal = t == "." || t == "!" || t == "?" || t == ".." || t == "..." ||
                  ch.code == 0x203C || ch.code == 0x2047 || ch.code == 0x2048 ||
                  ch.code == 0x2049 || ch.code == 0x3002 || ch.code == 0xFF01 ||
                  ch.code == 0xFF1F || ch.code == 0xFF0E;
    if (end - start > 3 && ch.code == '.') ti.terminal = true;
    ti.quote = t == "\"" || t == "'";
    ti.closer = ti.quote || t == ")" || t == "]" || t == "}";
    ti.opener = ti.quote || t == "(" || t == "[" || t == "{";
    return end;
  }

  // Whether the character before `pos` is a letter or digit.
  bool follows_word(std::size_t pos) const {
    if (pos == 0) return false;
    std::size_t p = pos - 1;
    while (p > 0 && (static_cast<unsigned char>(m_text[p]) & 0xC0U) == 0x80U && pos - p < 4) --p;
    return is_word_char(char_at(m_text, p));
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  bool m_has_pending = false;  // m_pending opens the next paragraph
  Token m_pending;
  TokenInfo m_pending_info;
};

// ---------------------------------------------------------------------------------------------
// Sentence boundaries

bool starts_lower(const Token& t) {
  return t.kind == TokenKind::word && !t.text.empty() && is_ascii_lower(t.text[0]);
}
bool starts_upper_or_digit(const Token& t) {
  if (t.text.empty()) return false;
  if (t.kind == TokenKind::number) return true;
  if (t.kind != TokenKind::word) return false;
  if (is_ascii_upper(t.text[0])) return true;
  // A non-ASCII capital: lower-casing changes it.
  return static_cast<unsigned char>(t.text[0]) >= 0x80 && t.lower.compare(0, 2, t.text, 0, 2) != 0;
}

// "NATO", "TSMC": words in capitals, which after "U.S." are more often names than openers.
bool all_caps(std::string_view word) {
  std::size_t upper = 0;
  for (char c : word) {
    if (is_ascii_lower(c)) return false;
    if (is_ascii_upper(c)) ++upper;
  }
  return upper >= 2;
}

class Boundaries {
 public:
  Boundaries(const std::vector<Token>& tokens, std::vector<TokenInfo>& info)
      : m_tok(tokens), m_info(info), m_break(tokens.size(), 0) {}

  std::vector<char> run() {
    mark_list_numbers();
    mark_terminals();
    mark_line_breaks();  // needs the terminal breaks: it asks where sentences start
    return std::move(m_break);
  }

 private:
  // "1." at the start of a line numbers a list item; its full stop ends nothing.
  void mark_list_numbers() {
    for (std::size_t i = 1; i < m_tok.size(); ++i) {
      if (std::string_view(m_tok[i].text) != "." || m_tok[i].space_before) continue;
      const Token& number = m_tok[i - 1];
      if (number.kind != TokenKind::number || number.text.size() > 3) continue;
      if (i - 1 == 0 || m_info[i - 1].newlines > 0) m_info[i].terminal = false;
    }
  }

  // A line that starts a sentence and has no sentence punctuation is a headline (or a byline, a
  // list item): the line break ends it. Lines inside a sentence that runs on from an earlier
  // line are wrapped prose and never end at the break.
  void mark_line_breaks() {
    bool line_has_terminal = false;
    bool line_starts_sentence = true;
    for (std::size_t i = 0; i < m_tok.size(); ++i) {
      const unsigned nl = m_info[i].newlines;
      if (i > 0 && nl >= 2) {
        m_break[i] = 1;
      } else if (i > 0 && nl == 1 && line_starts_sentence && !line_has_terminal &&
                 headline_ends_before(i)) {
        m_break[i] = 1;
      }
      if (i == 0 || nl > 0) {
        line_has_terminal = false;
        line_starts_sentence = i == 0 || m_break[i];
      }
      if (m_info[i].terminal) line_has_terminal = true;
    }
  }

  bool headline_ends_before(std::size_t i) const {
    if (starts_lower(m_tok[i])) return false;
    const Token& last = m_tok[i - 1];
    if (m_info[i - 1].abbrev == Abbrev::title) return false;
    if (last.kind == TokenKind::punct) {
      static constexpr std::array<std::string_view, 10> kJoining = {",", ";", ":", "-", "(",
                                                                    "[", "&", "/", "+", "{"};
      if (std::find(kJoining.begin(), kJoining.end(), last.text) != kJoining.end()) return false;
    }
    return !continuation_words().contains(last.lower);
  }

  void mark_terminals() {
    const std::size_t n = m_tok.size();
    std::size_t i = 0;
    while (i < n) {
      const TokenInfo& ti = m_info[i];
      if (!ti.terminal && ti.abbrev == Abbrev::none) {
        ++i;
        continue;
      }
      std::size_t k = i + 1;
      while (k < n && !m_tok[k].space_before && (m_info[k].terminal || m_info[k].closer)) ++k;
      if (k < n && ends_after(i, k)) m_break[k] = 1;
      i = k;
    }
  }

  // Does the sentence end between the stop (or abbreviation) at `stop` and token `next`?
  bool ends_after(std::size_t stop, std::size_t next) const {
    const Token& nx = m_tok[next];
    if (!nx.space_before) return false;
    if (m_info[next].newlines >= 2) return true;
    if (nx.kind == TokenKind::punct) {
      static constexpr std::array<std::string_view, 7> kNoStart = {",", ";", ":", ")",
                                                                   "]", "}", "%"};
      if (std::find(kNoStart.begin(), kNoStart.end(), nx.text) != kNoStart.end()) return false;
    }
    // The first word, past opening quotes and brackets.
    std::size_t w = next;
    bool quoted = false;
    while (w + 1 < m_tok.size() && w < next + 3 && m_info[w].opener) {
      quoted = quoted || m_info[w].quote;
      ++w;
    }
    const Token& word = m_tok[w];
    if (starts_lower(word)) return false;
    const Abbrev abbrev = m_info[stop].abbrev;
    if (abbrev == Abbrev::none) return true;
    if (abbrev == Abbrev::title) return false;
    if (m_info[next].newlines >= 1) return true;
    if (word.kind == TokenKind::word && sentence_openers().contains(word.text)) return true;
    if (quoted && starts_upper_or_digit(word)) return true;
    if (abbrev == Abbrev::acronym && w == next && word.kind == TokenKind::word &&
        starts_upper_or_digit(word) && !all_caps(word.text)) {
      // "... ties with the U.S. Japan also ..." ends; "the U.S. Trade Representative" does not.
      const std::string_view head = std::string_view(word.text).substr(0, word.text.find('-'));
      const std::string_view bare = head.ends_with('.') ? head.substr(0, head.size() - 1) : head;
      return !acronym_modifiees().contains(bare);
    }
    // "... chose plan B. Talks ..." -- an initial after a lower-case word is a letter, not a name.
    if (abbrev == Abbrev::initial && stop > 0 && starts_lower(m_tok[stop - 1]) &&
        starts_upper_or_digit(word))
      return true;
    return false;
  }

  const std::vector<Token>& m_tok;
  std::vector<TokenInfo>& m_info;
  std::vector<char> m_break;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::vector<Token> paragraph;
  std::vector<TokenInfo> info;
  Tokenizer tokenizer(text);
  while (tokenizer.next_paragraph(paragraph, info))
    std::move(paragraph.begin(), paragraph.end(), std::back_inserter(tokens));
  return tokens;
}

std::vector<Sentence> split_sentences(std::string_view text) {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<TokenInfo> info;
  Tokenizer tokenizer(text);
  while (tokenizer.next_paragraph(tokens, info)) {
    const std::vector<char> breaks = Boundaries(tokens, info).run();
    std::size_t first = 0;
    const auto flush = [&](std::size_t end) {
      Sentence& s = sentences.emplace_back();
      s.span = {tokens[first].span.start, tokens[end - 1].span.end};
      s.tokens.reserve(end - first);
      std::move(tokens.begin() + static_cast<std::ptrdiff_t>(first),
                tokens.begin() + static_cast<std::ptrdiff_t>(end), std::back_inserter(s.tokens));
      first = end;
    };
    for (std::size_t i = 1; i < tokens.size(); ++i)
      if (breaks[i] || i - first >= kMaxSentenceTokens) flush(i);
    flush(tokens.size());
  }
  return sentences;
}

void split_document(Document& document) { document.sentences = split_sentences(document.text); }

}  // namespace diplograph::text
