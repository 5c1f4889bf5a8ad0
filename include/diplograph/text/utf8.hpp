// UTF-8 validation, decoding, and the typographic folding and lower-casing the tokenizer uses.
// The lexicon can call the same fold_typography/to_lower to normalise its dictionary entries so
// they compare equal to Token::text and Token::lower.
//
//   find_invalid_utf8("Japan\xff")          -> 5
//   fold_typography("Japan\u2019s \u201cpartner\u201d")  -> "Japan's \"partner\""
//   to_lower("C\u00d4TE D'IVOIRE")          -> "c\u00f4te d'ivoire"
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace diplograph::text {

// The byte offset of the first invalid UTF-8 sequence (overlong, surrogate, truncated, > U+10FFFF),
// or nullopt if `bytes` is valid UTF-8. NUL bytes are valid UTF-8; callers that reject binary
// data check for them separately.
std::optional<std::size_t> find_invalid_utf8(std::string_view bytes);

// One decoded code point and the number of bytes it took.
struct DecodedChar {
  char32_t code = 0;
  std::size_t length = 1;
};

// Decodes the code point starting at text[pos] (pos < text.size()). An invalid or truncated
// sequence decodes as U+FFFD with length 1, so any byte string can be walked safely.
DecodedChar decode_utf8(std::string_view text, std::size_t pos);

// Appends the UTF-8 encoding of `code` to `out`.
void append_utf8(std::string& out, char32_t code);

// True for the characters the tokenizer treats as white space: ASCII blanks and line ends,
// U+00A0 (no-break space), U+2000..U+200B, U+202F, U+205F, U+3000, U+FEFF, line/paragraph
// separators and invisible direction marks.
bool is_space(char32_t code);

// The ASCII replacement of a typographic character, or an empty view if it has none:
// curly and angle quotes -> ' or ", en/em dashes, minus and Unicode hyphens -> -, U+2026 -> "...",
// Unicode spaces -> " ".
std::string_view ascii_fold(char32_t code);

// `text` with every character that has an ascii_fold replaced by it; soft hyphens (U+00AD) are
// dropped. Everything else is copied unchanged.
std::string fold_typography(std::string_view text);

// Lower-cases ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals; other characters are
// copied unchanged. Never changes the number of code points.
std::string to_lower(std::string_view text);

}  // namespace diplograph::text
