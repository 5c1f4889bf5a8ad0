#include "diplograph/text/splitter.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_set>

#include "diplograph/text/utf8.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Line breaks the ASCII control character at `pos` counts as (a form feed is a paragraph break).
unsigned ascii_newlines(std::string_view text, std::size_t pos) {
  const char b = text[pos];
  if (b == '\n' || b == '\v') return 1;
  if (b == '\f') return 2;
  // "\r\n" counts once (at the \n); a lone \r is an old Mac line end.
  if (b == '\r') return (pos + 1 < text.size() && text[pos + 1] == '\n') ? 0 : 1;
  return 0;
}

constexpr std::array<CharClass, 128> kAsciiClass = [] {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    CharClass cls = CharClass::punct;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      cls = CharClass::letter;
    else if (c >= '0' && c <= '9')
      cls = CharClass::digit;
    else if (c <= 0x20 || c == 0x7F)
      cls = CharClass::space;  // blanks, line ends and control characters
    t[static_cast<std::size_t>(c)] = cls;
  }
  return t;
}();

[[gnu::noinline]] Char multibyte_char_at(std::string_view text, std::size_t pos) {
  const DecodedChar d = decode_utf8(text, pos);
  Char ch;
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

// The character at `pos`: ASCII by table, inline; the rest decoded out of line.
[[gnu::always_inline]] inline Char char_at(std::string_view text, std::size_t pos) {
  const auto b = static_cast<unsigned char>(text[pos]);
  if (b >= 0x80) return multibyte_char_at(text, pos);
  Char ch;
  ch.code = b;
  ch.cls = kAsciiClass[b];
  if (b < ' ') ch.newlines = static_cast<std::uint8_t>(ascii_newlines(text, pos));
  return ch;
}

bool is_word_char(const Char& c) { return c.cls == CharClass::letter || c.cls == CharClass::digit; }

// Hyphens that join the parts of a name: ASCII '-', U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN.
bool is_joining_hyphen(const Char& c) { return c.code == '-' || c.code == 0x2010 || c.code == 0x2011; }
bool is_apostrophe(const Char& c) { return c.code == '\'' || c.code == 0x2019; }

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

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

constexpr std::string_view kTitleAbbreviations[] = {
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Gen", "Lt", "Col", "Maj",
    "Capt", "Cmdr", "Cdr", "Adm", "Brig", "Sgt", "Cpl", "Pvt", "Sen", "Sens", "Rep", "Reps",
    "Gov", "Pres", "Amb", "Rev", "Hon", "Fr", "St", "Ste", "Mt", "Ft", "Supt", "Insp", "Det",
    "Atty", "Sec", "Gens", "vs", "v", "cf", "Fig", "Figs", "Vol", "Vols", "Art", "Nos", "p",
    "pp", "approx", "ca", "Nr", "incl", "excl", "esp", "viz", "Dem", "Para", "Ch"};

constexpr std::string_view kSuffixAbbreviations[] = {
    "Co", "Corp", "Inc", "Ltd", "Bros", "Jr", "Sr", "Dept", "Univ", "Assn", "Intl", "Govt",
    "etc", "al", "Esq", "Ave", "Blvd", "Rd", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs",
    "Fri", "Sat", "Sun", "Pte", "Pty", "Sdn", "Bhd"};

// A word of at most eight bytes as one integer, its first byte lowest. Word bytes are never
// zero, so two such words are equal exactly when their integers are.
constexpr std::uint64_t pack_word(std::string_view word) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < word.size(); ++i)
    key |= std::uint64_t{static_cast<unsigned char>(word[i])} << (8 * i);
  return key;
}

struct ListedAbbreviation {
  std::uint64_t key;  // pack_word of the abbreviation
  Abbrev kind;
};

// Both lists, sorted by key for a binary search (cheaper than hashing the word twice).
constexpr auto kListedAbbreviations = [] {
  constexpr std::size_t kCount = std::size(kTitleAbbreviations) + std::size(kSuffixAbbreviations);
  std::array<ListedAbbreviation, kCount> table{};
  std::size_t i = 0;
  for (const std::string_view word : kTitleAbbreviations)
    table[i++] = {pack_word(word), Abbrev::title};
  for (const std::string_view word : kSuffixAbbreviations)
    table[i++] = {pack_word(word), Abbrev::suffix};
  std::sort(table.begin(), table.end(),
            [](const ListedAbbreviation& a, const ListedAbbreviation& b) { return a.key < b.key; });
  return table;
}();

// The length of the longest listed abbreviation.
constexpr std::size_t kLongestAbbreviation = [] {
  std::size_t longest = 0;
  for (const std::string_view word : kTitleAbbreviations) longest = std::max(longest, word.size());
  for (const std::string_view word : kSuffixAbbreviations) longest = std::max(longest, word.size());
  return longest;
}();
static_assert(kLongestAbbreviation <= 8, "pack_word holds eight bytes");
static_assert(std::adjacent_find(kListedAbbreviations.begin(), kListedAbbreviations.end(),
                                 [](const ListedAbbreviation& a, const ListedAbbreviation& b) {
                                   return a.key == b.key;
                                 }) == kListedAbbreviations.end(),
              "an abbreviation is listed twice");

// Abbrev::title or Abbrev::suffix for a listed abbreviation (without its full stop), else none.
Abbrev listed_abbreviation(std::string_view word) {
  // most words before a full stop: too long to be listed
  if (word.size() > kLongestAbbreviation) return Abbrev::none;
  const std::uint64_t key = pack_word(word);
  const auto* it = std::lower_bound(
      kListedAbbreviations.begin(), kListedAbbreviations.end(), key,
      [](const ListedAbbreviation& entry, std::uint64_t k) { return entry.key < k; });
  return it != kListedAbbreviations.end() && it->key == key ? it->kind : Abbrev::none;
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
//
// The tokenizer cuts a paragraph into Pieces: a token's span, kind and the facts the sentence
// rules need, with its text as a view (into the document, or a literal for folded punctuation).
// Only when the sentences are known does each Piece become a Token, built once in the
// sentence's own vector: no token is moved and no string is copied twice.

// What an ASCII byte is, by table, for the scanning loops; bytes >= 0x80 are kMultiByte and
// go through char_at.
enum ByteBits : std::uint8_t {
  kLetterByte = 1,
  kDigitByte = 2,
  kSpaceByte = 4,  // ASCII blanks, line ends and control characters
  kMultiByte = 8,
  kWordEnd = 16,   // always ends a word: white space, and punctuation other than - ' . , :
};

constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t bits = 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      bits = kLetterByte;
    else if (c >= '0' && c <= '9')
      bits = kDigitByte;
    else if (c >= 0x80)
      bits = kMultiByte;
    else if (c <= 0x20 || c == 0x7F)
      bits = kSpaceByte | kWordEnd;
    else if (c != '-' && c != '\'' && c != '.' && c != ',' && c != ':')
      bits = kWordEnd;
    t[static_cast<std::size_t>(c)] = bits;
  }
  return t;
}();

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_ascii_alnum(char c) {
  return (kByteClass[static_cast<unsigned char>(c)] & (kLetterByte | kDigitByte)) != 0;
}

#if defined(__SSE2__)
// Which of the sixteen bytes at `s` are ASCII letters or digits, one bit each (bit 0 for s[0]).
[[gnu::always_inline]] inline std::uint32_t ascii_alnum_bits(const char* s) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
  // A letter is (x | 0x20) - 'a' <= 25 and a digit x - '0' <= 9, unsigned: subtracting the
  // bound with unsigned saturation leaves zero exactly for them, and the smaller of the two
  // differences is zero exactly for letters and digits.
  const __m128i letter_excess =
      _mm_subs_epu8(_mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a')),
                    _mm_set1_epi8(25));
  const __m128i digit_excess = _mm_subs_epu8(_mm_sub_epi8(x, _mm_set1_epi8('0')), _mm_set1_epi8(9));
  const __m128i alnum =
      _mm_cmpeq_epi8(_mm_min_epu8(letter_excess, digit_excess), _mm_setzero_si128());
  return static_cast<std::uint32_t>(_mm_movemask_epi8(alnum));
}
#endif

// The end of the run of ASCII letters and digits that starts at `pos`. Where SSE2 is there
// (every x86-64), sixteen bytes are classified at once; elsewhere eight are read unchecked.
[[gnu::noinline]] std::size_t ascii_alnum_end(std::string_view text, std::size_t pos) {
  const std::size_t n = text.size();
#if defined(__SSE2__)
  while (pos + 16 <= n) {
    const std::uint32_t alnum = ascii_alnum_bits(text.data() + pos);
    // ~alnum has bits above the sixteenth set: never zero.
    if (alnum != 0xFFFFU) return pos + static_cast<std::uint32_t>(__builtin_ctz(~alnum));
    pos += 16;
  }
#else
  // Eight bytes are tested without a bound check each (most words end within the first eight).
  while (pos + 8 <= n) {
    const char* s = text.data() + pos;
    for (std::size_t k = 0; k < 8; ++k)
      if (!is_ascii_alnum(s[k])) return pos + k;
    pos += 8;
  }
#endif
  while (pos < n && is_ascii_alnum(text[pos])) ++pos;
  return pos;
}

// The usual token: at most kPlainMax bytes of the document with kPlainRead bytes readable from
// its start. Its strings are then written whole as two fixed overlapping words (bytes 0-7 and
// 7-14), whatever the length: the bytes past the end are the document's next ones, which the
// strings' terminators cut off. No branch on the length, and the text is read once for both
// strings (see fill_plain).
constexpr std::size_t kPlainMax = 15;  // what a std::string holds without allocating
constexpr std::size_t kPlainRead = 15;

// What a punctuation token is to the sentence rules, by table for one ASCII character.
enum PunctBits : std::uint8_t {
  kTerminalPunct = 1,  // . ! ? and runs of full stops
  kQuotePunct = 2,     // " '
  kCloserPunct = 4,    // " ' ) ] }
  kOpenerPunct = 8,    // " ' ( [ {
};

constexpr std::array<std::uint8_t, 256> kPunctClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (const char c : {'.', '!', '?'}) t[static_cast<unsigned char>(c)] = kTerminalPunct;
  for (const char c : {'"', '\''})
    t[static_cast<unsigned char>(c)] = kQuotePunct | kCloserPunct | kOpenerPunct;
  for (const char c : {')', ']', '}'}) t[static_cast<unsigned char>(c)] = kCloserPunct;
  for (const char c : {'(', '[', '{'}) t[static_cast<unsigned char>(c)] = kOpenerPunct;
  return t;
}();

// The PunctBits of a punctuation token's (folded) text. A longer text that starts with a full
// stop is a run of them ("..", "...", "....") or U+2026 folded, all terminal; any other longer
// text is a non-ASCII character's own bytes.
std::uint8_t punct_bits(std::string_view text) {
  if (text.size() == 1) return kPunctClass[static_cast<unsigned char>(text[0])];
  return !text.empty() && text[0] == '.' ? kTerminalPunct : 0;
}

// Whether the bytes [start, end) of a document of n bytes can be a plain piece's text:
// end - start <= kPlainMax and start + kPlainRead <= n, in one unsigned comparison (end <= n).
constexpr bool is_plain(std::size_t start, std::size_t end, std::size_t n) {
  static_assert(kPlainMax == kPlainRead);
  return start + kPlainRead - end <= n - end;
}
static_assert(is_plain(0, 15, 15) && !is_plain(0, 16, 16) && !is_plain(1, 2, 15));

struct Piece {
  Span span;
  std::string_view text;    // Token::text, unless `folded` says where it is
  std::int32_t folded = -1;  // index into Paragraph::folded, for words with non-ASCII letters
  TokenKind kind = TokenKind::word;
  bool space_before = false;
  std::uint8_t newlines = 0;  // line breaks in the white space before the token (capped)
  Abbrev abbrev = Abbrev::none;
  bool terminal = false;  // . ! ? ... and friends
  bool closer = false;    // " ' ) ] } : may follow a full stop inside the sentence
  bool opener = false;    // " ' ( [ { : may precede the first word of a sentence
  bool quote = false;     // " or '
  bool sentence_start = false;  // a sentence starts at this token (set by the boundary rules)
  // `text` is the document's own bytes at span.start, at most kPlainMax of them with kPlainRead
  // readable, and ASCII unless the piece is punctuation: the token builder may then read past
  // its end and lower-case by a bit (see fill_plain).
  bool plain = false;
};

// A line of a paragraph, for the headline rule.
struct Line {
  std::size_t first = 0;      // index of its first piece
  bool has_terminal = false;  // a piece of the line is terminal
};

// The pieces of a paragraph: a vector whose slots past size() hold pieces already (a Piece is
// trivially copyable and destructible), so that the tokenizer's word loop can write a piece
// whole through a pointer of its own, without value-initialising it first, and set the size
// when it leaves the loop.
class PieceList {
 public:
  [[nodiscard]] Piece* data() { return m_data.get(); }
  [[nodiscard]] const Piece* data() const { return m_data.get(); }
  [[nodiscard]] std::size_t size() const { return m_size; }
  [[nodiscard]] std::size_t capacity() const { return m_capacity; }
  [[nodiscard]] Piece& operator[](std::size_t i) { return m_data[i]; }
  [[nodiscard]] const Piece& operator[](std::size_t i) const { return m_data[i]; }
  [[nodiscard]] Piece& back() { return m_data[m_size - 1]; }
  [[nodiscard]] const Piece* begin() const { return data(); }
  [[nodiscard]] const Piece* end() const { return data() + m_size; }

  void clear() { m_size = 0; }
  // A new piece with every field at its default.
  Piece& emplace_back() {
    if (m_size == m_capacity) grow();
    Piece& piece = m_data[m_size++];
    piece = Piece{};
    return piece;
  }
  // Room for at least one more slot past size(); the loop that writes slots directly calls it
  // when its pointer reaches data() + capacity().
  [[gnu::noinline]] void grow() {
    const std::size_t capacity = std::max<std::size_t>(256, 2 * m_capacity);
    auto fresh = std::make_unique<Piece[]>(capacity);
    std::copy(data(), data() + m_size, fresh.get());
    m_data = std::move(fresh);
    m_capacity = capacity;
  }
  // The loop that writes slots directly has filled [0, size).
  void set_size(std::size_t size) { m_size = size; }

 private:
  std::unique_ptr<Piece[]> m_data;
  std::size_t m_size = 0;
  std::size_t m_capacity = 0;
};
static_assert(std::is_trivially_copyable_v<Piece> && std::is_trivially_destructible_v<Piece>);

struct Paragraph {
  PieceList pieces;
  std::vector<std::string> folded;  // the typography-folded text of non-ASCII words
  // Kept by the tokenizer as it goes, so that the sentence rules visit only the pieces they
  // are about instead of every piece again:
  std::vector<Line> lines;
  std::vector<std::size_t> stops;  // pieces that are terminal or an abbreviation, in order
  // Filled by the sentence rules: the pieces with sentence_start set, in no particular order.
  std::vector<std::size_t> starts;

  [[nodiscard]] std::string_view text(const Piece& piece) const {
    return piece.folded < 0 ? piece.text
                            : std::string_view(folded[static_cast<std::size_t>(piece.folded)]);
  }
  void clear() {
    pieces.clear();
    folded.clear();
    lines.clear();
    stops.clear();
    starts.clear();
  }
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : m_text(text) {}

  // Replaces `paragraph` with the tokens up to the next paragraph break (a blank line) or the
  // end of the text; returns false when nothing is left. A paragraph break always ends a
  // sentence and no rule looks across one, so splitting paragraph by paragraph gives the same
  // sentences as splitting the whole text at once, with the working set in cache.
  [[gnu::noinline]] bool next_paragraph(Paragraph& paragraph) {
    paragraph.clear();
    PieceList& pieces = paragraph.pieces;
    // Local copies: the compiler cannot keep members in registers across the stores into pieces.
    const std::string_view text = m_text;
    const std::size_t n = text.size();
    std::size_t pos = m_pos;
    // The white space before the first token was read by the call that found the break.
    bool space = m_carried_newlines > 0;
    unsigned newlines = m_carried_newlines;
    m_carried_newlines = 0;
    std::size_t index = 0;  // pieces.size(), counted (the division by a Piece's size is not free)
    // A token after this many line breaks opens the next paragraph: never the first token.
    unsigned break_newlines = ~0U;
    while (pos < n) {
      const auto b = static_cast<unsigned char>(text[pos]);
      const std::uint8_t bits = kByteClass[b];
      if (bits & kSpaceByte) {  // the common case, fast
        space = true;
        if (b < ' ') newlines += ascii_newlines(text, pos);
        ++pos;
        continue;
      }
      if (bits & (kLetterByte | kDigitByte)) {
        // The usual word: ASCII letters and digits up to white space or punctuation that no
        // word rule looks at (not - ' . : and not a comma between digits). Anything else is
        // finished by scan_word, which goes on from where this scan stops.
        if (newlines >= break_newlines) {
          m_carried_newlines = 2;  // the token opens the next paragraph
          break;
        }
        // Words separated by single spaces, the bulk of prose, are read by this inner loop
        // without going back through the dispatch above.
        std::uint8_t word_bits = bits;
        // The loop writes its pieces through `out`, and sets the list's size when it leaves.
        Piece* out = pieces.data() + index;
        Piece* limit = pieces.data() + pieces.capacity();
        enum class Step : std::uint8_t { next_word, finished, scanned };
        // One word, after the given white space. Called for the first word with what the
        // dispatch read, and then (not `first`, so not the paragraph's first piece) with a
        // single space and no line break, which the compiler then knows: the words after the
        // first cost less.
        const auto word = [&](bool first, bool space_before, unsigned newlines_before)
                              __attribute__((always_inline)) -> Step {
          // The word's end, the class of the byte there (0 at the end of the text) and
          // whether the word is plain (see is_plain). Most words end within the sixteen bytes
          // after their first, with more bytes readable than a plain piece needs: one test,
          // inline, and the word is plain unless it has all sixteen.
          std::size_t p = pos + 1;
          std::uint8_t next = 0;
          bool plain = false;
#if defined(__SSE2__)
          std::uint32_t alnum = 0;
          if (p + 16 <= n && (alnum = ascii_alnum_bits(text.data() + p)) != 0xFFFFU) [[likely]] {
            const auto run = static_cast<std::uint32_t>(__builtin_ctz(~alnum));
            static_assert(kPlainMax == 15 && kPlainRead <= 17);
            p += run;
            plain = run < 15;
            next = kByteClass[static_cast<unsigned char>(text[p])];
          } else
#endif
          {
            p = ascii_alnum_end(text, p);
            plain = is_plain(pos, p, n);
            next = p < n ? kByteClass[static_cast<unsigned char>(text[p])] : 0;
          }
          // A word if it has a letter; only one that starts with a digit needs a second look.
          const auto has_letter = [&] {
            if (word_bits & kLetterByte) [[likely]]
              return true;
            bool letters = false;
            for (std::size_t q = pos + 1; !letters && q < p; ++q)
              letters = !is_ascii_digit(text[q]);
            return letters;
          };
          if (p == n || (next & kWordEnd) ||
              (text[p] == ',' && !(is_ascii_digit(text[p - 1]) && p + 1 < n &&
                                   is_ascii_digit(text[p + 1]))) ||
              ((text[p] == '.' || text[p] == '\'') && plain_word_ends(pos, p, has_letter()))) {
            if (out == limit) {
              pieces.set_size(index);
              pieces.grow();
              out = pieces.data() + index;
              limit = pieces.data() + pieces.capacity();
            }
            *out = Piece{.span = {pos, p},
                         .text = std::string_view(text.data() + pos, p - pos),
                         .folded = -1,
                         .kind = has_letter() ? TokenKind::word : TokenKind::number,
                         .space_before = space_before,
                         .newlines = static_cast<std::uint8_t>(std::min(newlines_before, 2U)),
                         .plain = plain};
            assert(plain == is_plain(pos, p, n));
            ++out;
            // What note() does for a piece that is neither terminal nor an abbreviation.
            if (first && (index == 0 || newlines_before > 0))
              paragraph.lines.push_back({index, false});
            ++index;
            // The usual single space after a word, read here rather than by another turn of
            // the loop (a blank: it counts no line break). Only when a byte follows it, which
            // lets the loop skip its end test.
            const bool blank = p + 1 < n && text[p] == ' ';
            pos = p + (blank ? 1 : 0);
            if (blank) {
              word_bits = kByteClass[static_cast<unsigned char>(text[pos])];
              if (word_bits & (kLetterByte | kDigitByte)) return Step::next_word;
            }
            space = blank;
            newlines = 0;
            pieces.set_size(index);
            return Step::finished;
          }
          pieces.set_size(index);
          Piece& piece = pieces.emplace_back();
          piece.space_before = space_before;
          piece.newlines = static_cast<std::uint8_t>(std::min(newlines_before, 2U));
          piece.span = {pos, scan_word(pos, p, has_letter(), piece, paragraph)};
          return Step::scanned;
        };
        Step step = word(true, space, newlines);
        while (step == Step::next_word) step = word(false, true, 0);
        const bool finished = step == Step::finished;
        break_newlines = 2;
        if (finished) continue;
      } else if (!(bits & kMultiByte) && b != '\'' && b != '-') {
        // ASCII punctuation but the apostrophe (a possessive) and the hyphen (a typed dash):
        // what scan_punct would find, found here. Full stops run together ("...").
        if (newlines >= break_newlines) {
          m_carried_newlines = 2;  // the token opens the next paragraph
          break;
        }
        std::size_t end = pos + 1;
        if (b == '.')
          while (end < n && text[end] == '.') ++end;
        const std::uint8_t punct = kPunctClass[b];
        Piece& piece = pieces.emplace_back();
        piece.span = {pos, end};
        piece.text = std::string_view(text.data() + pos, end - pos);
        piece.kind = TokenKind::punct;
        piece.space_before = space;
        piece.newlines = static_cast<std::uint8_t>(std::min(newlines, 2U));
        piece.terminal = (punct & kTerminalPunct) != 0;
        piece.closer = (punct & kCloserPunct) != 0;
        piece.opener = (punct & kOpenerPunct) != 0;
        piece.quote = (punct & kQuotePunct) != 0;
        piece.plain = is_plain(pos, end, n);
        if (piece.terminal) {
          note(paragraph, index);
        } else if (index == 0 || newlines > 0) {
          // What note() does for a piece that is neither terminal nor an abbreviation.
          paragraph.lines.push_back({index, false});
        }
        pos = end;
        space = false;
        newlines = 0;
        ++index;
        break_newlines = 2;
        continue;
      } else {
        Char ch;
        if (bits & kMultiByte) {
          ch = multibyte_char_at(text, pos);
          if (ch.cls == CharClass::space) {
            space = true;
            newlines += ch.newlines;
            pos += ch.length;
            continue;
          }
        } else {
          ch.code = b;
          ch.cls = CharClass::punct;
        }
        if (newlines >= break_newlines) {
          m_carried_newlines = 2;  // the token opens the next paragraph
          break;
        }
        Piece& piece = pieces.emplace_back();
        piece.space_before = space;
        piece.newlines = static_cast<std::uint8_t>(std::min(newlines, 2U));
        const std::size_t end = ch.cls == CharClass::punct
                                    ? scan_punct(pos, ch, piece)
                                    : scan_word(pos, pos, false, piece, paragraph);
        piece.span = {pos, end};
      }
      pos = pieces.back().span.end;
      space = false;
      newlines = 0;
      note(paragraph, index);
      ++index;
      break_newlines = 2;
    }
    m_pos = pos;
    return index != 0;
  }

 private:
  // Records the piece just scanned in the paragraph's lines and stops. "1." at the start of a
  // line numbers a list item: its full stop ends nothing (and is no stop).
  [[gnu::noinline]] static void note(Paragraph& paragraph, std::size_t i) {
    PieceList& pieces = paragraph.pieces;
    Piece& piece = pieces[i];
    if (i == 0 || piece.newlines > 0) paragraph.lines.push_back({i, false});
    if (piece.terminal && i > 0 && !piece.space_before && piece.text == ".") {
      const Piece& number = pieces[i - 1];
      if (number.kind == TokenKind::number && paragraph.text(number).size() <= 3 &&
          (i - 1 == 0 || number.newlines > 0))
        piece.terminal = false;
    }
    if (piece.terminal) paragraph.lines.back().has_terminal = true;
    if (piece.terminal || piece.abbrev != Abbrev::none) paragraph.stops.push_back(i);
  }

  // Whether scan_word, given the ASCII letters and digits [start, p) (with a letter among them
  // if `letters`) and the full stop or ASCII apostrophe at p, would end the word at p with no
  // abbreviation: "said.", "2024.", "Japan's", "1990's". Anything it is not sure of (initials,
  // numbers like "3.5", listed abbreviations, "O'Brien", a non-ASCII byte) is left to scan_word.
  [[gnu::noinline]] bool plain_word_ends(std::size_t start, std::size_t p, bool letters) const {
    const std::size_t n = m_text.size();
    const char after = p + 1 < n ? m_text[p + 1] : '\0';
    if (m_text[p] == '.') {
      if (is_ascii_digit(after) && is_ascii_digit(m_text[p - 1])) return false;  // "3.5"
      if (!letters) return true;                // a number has no abbreviation
      if (p - start < 2) return false;          // an initial, or "U.S."
      if (after == '.') return true;            // an ellipsis follows: no abbreviation
      const std::string_view word = m_text.substr(start, p - start);
      if (word == "No" || word == "no" || word == "Nos") return false;
      return listed_abbreviation(word) == Abbrev::none;
    }
    // An apostrophe: a possessive 's ends the word, a letter after it joins ("O'Brien").
    if (static_cast<unsigned char>(after) >= 0x80) return false;  // perhaps a letter
    if (!letters || !(is_ascii_upper(after) || is_ascii_lower(after))) return true;
    if (after != 's' && after != 'S') return false;
    if (p + 2 >= n) return true;
    const auto third = static_cast<unsigned char>(m_text[p + 2]);
    return third < 0x80 && !is_ascii_alnum(static_cast<char>(third));
  }

  Char at(std::size_t pos) const {
    return pos < m_text.size() ? char_at(m_text, pos) : Char{};
  }
  char byte(std::size_t pos) const { return pos < m_text.size() ? m_text[pos] : '\0'; }

  bool plain(std::size_t start, std::size_t size) const {
    return is_plain(start, start + size, m_text.size());
  }

  // An ASCII word's text is its bytes; others are folded (curly apostrophes, Unicode hyphens).
  void set_text(Piece& piece, Paragraph& paragraph, std::size_t start, std::size_t end,
                bool ascii) const {
    const std::string_view raw = m_text.substr(start, end - start);
    if (ascii) {
      piece.text = raw;
      piece.plain = plain(start, end - start);
    } else {
      piece.folded = static_cast<std::int32_t>(paragraph.folded.size());
      paragraph.folded.push_back(fold_typography(raw));
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

  // The word at `start`, whose bytes up to `resume` are ASCII letters and digits (with a letter
  // among them if `letters`): the fast path of next_paragraph has read them already.
  [[gnu::noinline]] std::size_t scan_word(std::size_t start, std::size_t resume, bool letters,
                                          Piece& piece, Paragraph& paragraph) {
    bool ascii = true;
    if (const std::size_t dotted = scan_dotted(start, ascii); dotted != 0) {
      set_text(piece, paragraph, start, dotted, ascii);
      piece.kind = TokenKind::word;
      const std::string_view text = paragraph.text(piece);
      const std::string lower = to_lower(text);  // dotted words are rare: no fast path needed
      if (lower == "e.g." || lower == "i.e.")
        piece.abbrev = Abbrev::title;
      else if (std::all_of(text.begin(), text.end(),
                           [](char c) { return c == '.' || is_ascii_upper(c); }))
        piece.abbrev = Abbrev::acronym;
      else
        piece.abbrev = Abbrev::suffix;
      return dotted;
    }
    std::size_t p = resume;
    // kLetterByte once a letter (of any script) is in the word
    unsigned seen = letters ? kLetterByte : 0;
    ascii = true;
    const std::size_t size = m_text.size();
    while (p < size) {
      const auto b = static_cast<unsigned char>(m_text[p]);
      std::uint8_t bits = kByteClass[b];
      if (bits & (kLetterByte | kDigitByte)) {  // the common case, fast: ASCII letters, digits
        do {
          seen |= bits;
          ++p;
        } while (p < size &&
                 ((bits = kByteClass[static_cast<unsigned char>(m_text[p])]) &
                  (kLetterByte | kDigitByte)));
        continue;
      }
      if (bits & kWordEnd) break;  // white space and most punctuation, fast
      if (b == '.' || b == ',' || b == ':') {
        // Inside a number: "3.5", "1,000", "10:30" (p > start: the word has a first character).
        if (is_ascii_digit(byte(p + 1)) && is_ascii_digit(m_text[p - 1])) {
          ++p;
          continue;
        }
        break;
      }
      // A hyphen, an apostrophe or a non-ASCII character.
      const Char c = at(p);
      if (is_word_char(c)) {
        if (c.cls == CharClass::letter) seen |= kLetterByte;
        ascii = ascii && c.ascii;
        p += c.length;
        continue;
      }
      const Char next = at(p + c.length);
      if (is_joining_hyphen(c) && is_word_char(next)) {
        ascii = ascii && c.ascii;
        p += c.length;
        continue;
      }
      if (is_apostrophe(c) && next.cls == CharClass::letter && (seen & kLetterByte) != 0) {
        // A possessive 's is its own token; other inner apostrophes (O'Brien, don't) stay.
        if ((next.code == 's' || next.code == 'S') && !is_word_char(at(p + c.length + 1)))
          break;
        ascii = ascii && c.ascii;
        p += c.length;
        continue;
      }
      break;
    }
    const bool numeric = (seen & kLetterByte) == 0;
    piece.kind = numeric ? TokenKind::number : TokenKind::word;
    // An abbreviation keeps its full stop (but not the first dot of an ellipsis).
    if (!numeric && byte(p) == '.' && byte(p + 1) != '.') {
      const std::string_view word = m_text.substr(start, p - start);
      Abbrev abbrev = Abbrev::none;
      if (word.size() == 1 && is_ascii_upper(word[0])) {
        abbrev = Abbrev::initial;
      } else if (word == "No" || word == "no" || word == "Nos") {
        // "No. 5" is an abbreviation, "The answer was no." is not.
        std::size_t q = p + 1;
        while (q < m_text.size() && (m_text[q] == ' ' || m_text[q] == '\t')) ++q;
        if (q < m_text.size() && (m_text[q] >= '0' && m_text[q] <= '9') && word != "no")
          abbrev = Abbrev::title;
      } else {
        abbrev = listed_abbreviation(word);
      }
      if (abbrev != Abbrev::none) {
        piece.abbrev = abbrev;
        ++p;
      }
    }
    set_text(piece, paragraph, start, p, ascii);
    return p;
  }

  [[gnu::noinline]] std::size_t scan_punct(std::size_t start, const Char& ch,
                                           Piece& piece) const {
    piece.kind = TokenKind::punct;
    std::size_t end = start + ch.length;
    if (is_apostrophe(ch) && (byte(end) == 's' || byte(end) == 'S') &&
        (follows_word(start) || (start > 1 && m_text[start - 1] == '.' &&
                                 follows_word(start - 1))) &&  // "the U.S.'s"
        !is_word_char(at(end + 1))) {
      // The possessive: "Taiwan's", "Japan’s" -> ... | 's
      piece.kind = TokenKind::word;
      piece.text = byte(end) == 's' ? "'s" : "'S";
      return end + 1;
    }
    if (ch.code == '.' || ch.code == '-') {
      // "..", "..." (an ellipsis) and "--" (a typed dash) are single tokens.
      while (end < m_text.size() && m_text[end] == static_cast<char>(ch.code)) ++end;
    }
    if (ch.ascii) {
      piece.text = ch.code == '-' && end - start > 1 ? std::string_view("-")
                                                     : m_text.substr(start, end - start);
    } else {
      const std::string_view folded = ascii_fold(ch.code);
      piece.text = folded.empty() ? m_text.substr(start, end - start) : folded;
    }
    piece.plain = piece.text.data() == m_text.data() + start && plain(start, piece.text.size());
    const std::uint8_t bits = punct_bits(piece.text);
    piece.terminal = (bits & kTerminalPunct) != 0 ||
                     (!ch.ascii && (ch.code == 0x203C || ch.code == 0x2047 || ch.code == 0x2048 ||
                                    ch.code == 0x2049 || ch.code == 0x3002 || ch.code == 0xFF01 ||
                                    ch.code == 0xFF1F || ch.code == 0xFF0E));
    piece.quote = (bits & kQuotePunct) != 0;
    piece.closer = (bits & kCloserPunct) != 0;
    piece.opener = (bits & kOpenerPunct) != 0;
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
  unsigned m_carried_newlines = 0;  // line breaks before the token that opens the next paragraph
};

// ---------------------------------------------------------------------------------------------
// Tokens

// ASCII lower-casing by table; bytes >= 0x80 map to themselves.
constexpr std::array<char, 256> kAsciiLower = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<std::size_t>(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return t;
}();

// Lower-cases the ASCII capitals of a word of bytes, all at once: a byte's high bit in `at_least_a`
// says it is >= 'A', in `above_z` that it is > 'Z'. Only meaningful when no byte is >= 0x80
// (the caller checks): then no addition carries into the next byte.
template <typename Word>
constexpr Word lower_ascii_word(Word x) {
  constexpr Word kOnes = static_cast<Word>(~Word{0}) / 0xFF;
  const Word at_least_a = x + kOnes * (0x80 - 'A');
  const Word above_z = x + kOnes * (0x80 - 'Z' - 1);
  return x | ((at_least_a & ~above_z & (kOnes * 0x80)) >> 2);
}
static_assert(lower_ascii_word<std::uint32_t>(0x5A41405BU) == 0x7A61405BU);  // "[@AZ" -> "[@az"

// Writes `from` (at most 16 bytes; lower-cased when Lower) to `to`; returns non-zero if a byte
// is non-ASCII. Token texts are short: their bytes are moved as two overlapping words, with no
// call and no loop.
// Copies n bytes (sizeof(Word) <= n <= 2 * sizeof(Word)) as two overlapping words, lower-cased
// when Lower; returns non-zero if a byte is non-ASCII.
template <typename Word, bool Lower>
[[gnu::always_inline]] inline unsigned copy_two_words(char* to, const char* s, std::size_t n) {
  Word head = 0;
  Word tail = 0;
  std::memcpy(&head, s, sizeof(Word));
  std::memcpy(&tail, s + n - sizeof(Word), sizeof(Word));
  const Word high = (head | tail) & static_cast<Word>(0x8080808080808080ULL);
  if constexpr (Lower) {
    head = lower_ascii_word(head);
    tail = lower_ascii_word(tail);
  }
  std::memcpy(to, &head, sizeof(Word));
  std::memcpy(to + n - sizeof(Word), &tail, sizeof(Word));
  return high != 0 ? 1U : 0U;
}

template <bool Lower>
[[gnu::always_inline]] inline unsigned copy_short(char* to, std::string_view from) {
  const char* s = from.data();
  const std::size_t n = from.size();
  if (n >= 8) return copy_two_words<std::uint64_t, Lower>(to, s, n);
  if (n >= 4) return copy_two_words<std::uint32_t, Lower>(to, s, n);
  if (n == 0) return 0;
  // 1 to 3 bytes: the first, middle and last cover them all.
  const auto first = static_cast<unsigned char>(s[0]);
  const auto middle = static_cast<unsigned char>(s[n / 2]);
  const auto last = static_cast<unsigned char>(s[n - 1]);
  to[0] = Lower ? kAsciiLower[first] : static_cast<char>(first);
  to[n / 2] = Lower ? kAsciiLower[middle] : static_cast<char>(middle);
  to[n - 1] = Lower ? kAsciiLower[last] : static_cast<char>(last);
  return (first | middle | last) & 0x80U;
}

// The rare cases, out of line so that the token loop stays small: a text of more than 16 bytes,
// and the lower case of a non-ASCII one.
[[gnu::noinline]] void fill_long(std::string& out, std::string_view from) { out.assign(from); }
[[gnu::noinline]] void fill_lower_long(std::string& out, std::string_view from) {
  out = to_lower(from);
}

// `out` (empty) becomes a copy of `from`, lower-cased when Lower (to_lower's result). Written in
// place: this is the cheapest way libstdc++ offers to fill a string. (The lambda uses
// from.size(), not its size argument: GCC 12's libstdc++ passes the grown capacity there when
// the string has to allocate.)
template <bool Lower>
[[gnu::always_inline]] inline void fill(std::string& out, std::string_view from) {
  if (from.size() > 16) {
    if (Lower)
      fill_lower_long(out, from);
    else
      fill_long(out, from);
    return;
  }
  unsigned high = 0;
  out.resize_and_overwrite(from.size(), [from, &high](char* p, std::size_t) {
    high = copy_short<Lower>(p, from);
    return from.size();
  });
  if (Lower && high != 0) fill_lower_long(out, from);
}

// Every byte of a plain word or number is an ASCII letter or digit or one of - ' . , : (see
// Tokenizer::scan_word). All of these but the capitals already have the 0x20 bit set, so
// setting it in every byte lower-cases the word.
constexpr std::uint64_t kCaseBits = 0x2020202020202020ULL;

[[gnu::always_inline]] inline std::uint64_t load_word(const char* s) {
  std::uint64_t word = 0;
  std::memcpy(&word, s, sizeof word);
  return word;
}
[[gnu::always_inline]] inline void store_word(char* to, std::uint64_t word) {
  std::memcpy(to, &word, sizeof word);
}

// The bits fill_plain sets in every byte of a token of each kind: punctuation is its own lower
// case. By table, not by a branch on the kind.
constexpr std::array<std::uint64_t, 3> kCaseBitsOfKind = [] {
  std::array<std::uint64_t, 3> t{};
  t[static_cast<std::size_t>(TokenKind::word)] = kCaseBits;
  t[static_cast<std::size_t>(TokenKind::number)] = kCaseBits;
  t[static_cast<std::size_t>(TokenKind::punct)] = 0;
  return t;
}();

// Fills the strings of a plain token from its first 15 bytes, `head` (bytes 0-7) and `tail`
// (bytes 7-14), keeping n of them; lower-cased unless `kind` is punctuation.
[[gnu::always_inline]] inline void fill_plain(Token& token, std::uint64_t head, std::uint64_t tail,
                                              std::size_t n, TokenKind kind) {
  const std::uint64_t case_bits = kCaseBitsOfKind[static_cast<std::size_t>(kind)];
  const std::uint64_t lower_head = head | case_bits;
  const std::uint64_t lower_tail = tail | case_bits;
  // resize_and_overwrite(kPlainMax) lets the writer fill all 15 bytes and then keep n of them.
  // The calls are nested so that both strings' room is asked for before any byte is written: a
  // byte written through a char* may alias anything, so after it the compiler would load the
  // second string's pointer and capacity again and test them, for every token.
  token.text.resize_and_overwrite(kPlainMax, [&](char* text, std::size_t) {
    token.lower.resize_and_overwrite(kPlainMax, [&](char* low, std::size_t) {
      store_word(text, head);
      store_word(text + 7, tail);
      store_word(low, lower_head);
      store_word(low + 7, lower_tail);
      return n;
    });
    return n;
  });
  assert(token.lower == (kind != TokenKind::punct ? to_lower(token.text) : token.text));
}

// The strings of any other token; out of line, so that the token loop keeps its registers.
[[gnu::noinline]] void fill_other(Token& token, Paragraph& paragraph, const Piece& piece) {
  if (piece.folded >= 0)
    token.text = std::move(paragraph.folded[static_cast<std::size_t>(piece.folded)]);
  else
    fill<false>(token.text, piece.text);
  if (piece.kind == TokenKind::punct)
    fill<false>(token.lower, token.text);
  else
    fill<true>(token.lower, token.text);
}

// Makes the Token of a piece: emplace_back(TokenMaker(...)) constructs the Token from the prvalue
// the conversion returns, so `token` below is the vector's element itself (copy elision),
// initialised field by field rather than value-initialised (which zero-fills it all first).
// A folded text is moved out of the paragraph.
class TokenMaker {
 public:
  TokenMaker(Paragraph& paragraph, const Piece& piece) : m_para(paragraph), m_piece(piece) {}

  // Implicit on purpose: emplace_back converts.
  operator Token() const {  // NOLINT(google-explicit-constructor)
    // Everything is read before the Token is written: no store into it can then be taken to
    // change what is read, and its empty strings' stores that the filling overwrites are dropped.
    const Piece& piece = m_piece;
    const bool plain = piece.plain;
    const std::size_t size = piece.text.size();
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    if (plain) {
      head = load_word(piece.text.data());
      tail = load_word(piece.text.data() + 7);
    }
    Token token{.span = piece.span, .text = {}, .lower = {}, .kind = piece.kind,
                .space_before = piece.space_before};
    if (plain)
      fill_plain(token, head, tail, size, piece.kind);
    else
      fill_other(token, m_para, piece);
    return token;
  }

 private:
  Paragraph& m_para;
  const Piece& m_piece;
};

// An iterator over pieces whose elements are their TokenMakers, so that a sentence's token vector
// is built by its range constructor: that sizes it once and constructs each Token in place with
// no capacity test per token. It is multi-pass, as the forward tag says, though its elements are
// values: the constructor needs only to count the pieces and convert each one.
class TokenMakerIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Token;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = TokenMaker;

  TokenMakerIterator(Paragraph& paragraph, const Piece* piece)
      : m_para(&paragraph), m_piece(piece) {}

  TokenMaker operator*() const { return {*m_para, *m_piece}; }
  TokenMakerIterator& operator++() {
    ++m_piece;
    return *this;
  }
  difference_type operator-(const TokenMakerIterator& other) const {
    return m_piece - other.m_piece;
  }
  bool operator==(const TokenMakerIterator& other) const { return m_piece == other.m_piece; }

 private:
  Paragraph* m_para;
  const Piece* m_piece;
};

// Appends to `sentences` the sentence of pieces [first, end) of `paragraph`. Flattened: the
// token loop is the hot spot of the stage, and everything it calls is small.
[[gnu::flatten]] void add_sentence(std::vector<Sentence>& sentences, Paragraph& paragraph,
                                   std::size_t first, std::size_t end) {
  const Piece* const from = paragraph.pieces.data() + first;
  const Piece* const to = paragraph.pieces.data() + end;
  sentences.push_back({.span = {from->span.start, to[-1].span.end},
                       .tokens = std::vector<Token>(TokenMakerIterator(paragraph, from),
                                                    TokenMakerIterator(paragraph, to))});
}

// ---------------------------------------------------------------------------------------------
// Sentence boundaries

bool starts_lower(const Piece& piece, std::string_view text) {
  return piece.kind == TokenKind::word && !text.empty() && is_ascii_lower(text[0]);
}
bool starts_upper_or_digit(const Piece& piece, std::string_view text) {
  if (text.empty()) return false;
  if (piece.kind == TokenKind::number) return true;
  if (piece.kind != TokenKind::word) return false;
  if (is_ascii_upper(text[0])) return true;
  // A non-ASCII capital: lower-casing changes it.
  return static_cast<unsigned char>(text[0]) >= 0x80 &&
         std::string_view(to_lower(text)).substr(0, 2) != text.substr(0, 2);
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

// Marks Piece::sentence_start where the rules above end a sentence.
class Boundaries {
 public:
  explicit Boundaries(Paragraph& paragraph) : m_para(paragraph), m_tok(paragraph.pieces) {}

  void run() {
    mark_terminals();
    mark_line_breaks();  // needs the terminal breaks: it asks where sentences start
  }

 private:
  std::string_view text(std::size_t i) const { return m_para.text(m_tok[i]); }

  void mark_start(std::size_t i) {
    if (m_tok[i].sentence_start) return;
    m_tok[i].sentence_start = true;
    m_para.starts.push_back(i);
  }

  // A line that starts a sentence and has no sentence punctuation is a headline (or a byline, a
  // list item): the line break ends it. Lines inside a sentence that runs on from an earlier
  // line are wrapped prose and never end at the break.
  void mark_line_breaks() {
    bool line_has_terminal = false;
    bool line_starts_sentence = true;
    for (const Line& line : m_para.lines) {
      const std::size_t i = line.first;
      Piece& piece = m_tok[i];
      const unsigned nl = piece.newlines;
      if (i > 0 && nl >= 2) {
        mark_start(i);
      } else if (i > 0 && nl == 1 && line_starts_sentence && !line_has_terminal &&
                 headline_ends_before(i)) {
        mark_start(i);
      }
      line_has_terminal = line.has_terminal;
      line_starts_sentence = i == 0 || piece.sentence_start;
    }
  }

  bool headline_ends_before(std::size_t i) const {
    if (starts_lower(m_tok[i], text(i))) return false;
    const Piece& last = m_tok[i - 1];
    const std::string_view last_text = text(i - 1);
    if (last.abbrev == Abbrev::title) return false;
    if (last.kind == TokenKind::punct) {
      static constexpr std::array<std::string_view, 10> kJoining = {",", ";", ":", "-", "(",
                                                                    "[", "&", "/", "+", "{"};
      if (std::find(kJoining.begin(), kJoining.end(), last_text) != kJoining.end()) return false;
      return !continuation_words().contains(last_text);  // punctuation is its own lower case
    }
    return !continuation_words().contains(to_lower(last_text));
  }

  void mark_terminals() {
    const std::size_t n = m_tok.size();
    std::size_t done = 0;  // stops before this are inside a run already handled
    for (const std::size_t i : m_para.stops) {
      if (i < done) continue;
      std::size_t k = i + 1;
      while (k < n && !m_tok[k].space_before && (m_tok[k].terminal || m_tok[k].closer)) ++k;
      if (k < n && ends_after(i, k)) mark_start(k);
      done = k;
    }
  }

  // Does the sentence end between the stop (or abbreviation) at `stop` and token `next`?
  bool ends_after(std::size_t stop, std::size_t next) const {
    const Piece& nx = m_tok[next];
    if (!nx.space_before) return false;
    if (nx.newlines >= 2) return true;
    if (nx.kind == TokenKind::punct) {
      static constexpr std::array<std::string_view, 7> kNoStart = {",", ";", ":", ")",
                                                                   "]", "}", "%"};
      if (std::find(kNoStart.begin(), kNoStart.end(), text(next)) != kNoStart.end())
        return false;
    }
    // The first word, past opening quotes and brackets.
    std::size_t w = next;
    bool quoted = false;
    while (w + 1 < m_tok.size() && w < next + 3 && m_tok[w].opener) {
      quoted = quoted || m_tok[w].quote;
      ++w;
    }
    const Piece& word = m_tok[w];
    const std::string_view word_text = text(w);
    if (starts_lower(word, word_text)) return false;
    const Abbrev abbrev = m_tok[stop].abbrev;
    if (abbrev == Abbrev::none) return true;
    if (abbrev == Abbrev::title) return false;
    if (nx.newlines >= 1) return true;
    if (word.kind == TokenKind::word && sentence_openers().contains(word_text)) return true;
    if (quoted && starts_upper_or_digit(word, word_text)) return true;
    if (abbrev == Abbrev::acronym && w == next && word.kind == TokenKind::word &&
        starts_upper_or_digit(word, word_text) && !all_caps(word_text)) {
      // "... ties with the U.S. Japan also ..." ends; "the U.S. Trade Representative" does not.
      const std::string_view head = word_text.substr(0, word_text.find('-'));
      const std::string_view bare = head.ends_with('.') ? head.substr(0, head.size() - 1) : head;
      return !acronym_modifiees().contains(bare);
    }
    // "... chose plan B. Talks ..." -- an initial after a lower-case word is a letter, not a name.
    if (abbrev == Abbrev::initial && stop > 0 && starts_lower(m_tok[stop - 1], text(stop - 1)) &&
        starts_upper_or_digit(word, word_text))
      return true;
    return false;
  }

  Paragraph& m_para;
  PieceList& m_tok;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  Paragraph paragraph;
  Tokenizer tokenizer(text);
  while (tokenizer.next_paragraph(paragraph)) {
    tokens.reserve(tokens.size() + paragraph.pieces.size());
    for (const Piece& piece : paragraph.pieces)
      tokens.emplace_back(TokenMaker(paragraph, piece));
  }
  return tokens;
}

std::vector<Sentence> split_sentences(std::string_view text) {
  std::vector<Sentence> sentences;
  // News prose has a sentence every 140 bytes or so: reserving for that saves most regrowth.
  sentences.reserve(text.size() / 128 + 1);
  // Kept from call to call (one per thread): its vectors are allocated once, not per document.
  thread_local Paragraph paragraph;
  Tokenizer tokenizer(text);
  while (tokenizer.next_paragraph(paragraph)) {
    Boundaries(paragraph).run();
    // The sentences run from start to start (from the list, not by visiting every piece),
    // cut every kMaxSentenceTokens tokens.
    std::vector<std::size_t>& starts = paragraph.starts;
    std::sort(starts.begin(), starts.end());
    starts.push_back(paragraph.pieces.size());
    std::size_t first = 0;
    for (const std::size_t start : starts) {
      for (; start - first > kMaxSentenceTokens; first += kMaxSentenceTokens)
        add_sentence(sentences, paragraph, first, first + kMaxSentenceTokens);
      add_sentence(sentences, paragraph, first, start);
      first = start;
    }
  }
  // A huge paragraph (a text with no blank lines) is not worth keeping memory for.
  constexpr std::size_t kMaxKeptPieces = std::size_t{1} << 16;
  if (paragraph.pieces.capacity() > kMaxKeptPieces) paragraph = Paragraph{};
  return sentences;
}

void split_document(Document& document) { document.sentences = split_sentences(document.text); }

}  // namespace diplograph::text
