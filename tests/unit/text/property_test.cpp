// Properties that hold for any input, checked on thousands of random texts made of the pieces
// that trouble tokenizers (abbreviations, curly quotes, dashes, odd spaces, invalid bytes):
// nothing but white space is ever dropped, spans are ordered and in range, sentence spans
// match their tokens, and the splitter agrees with the plain tokenizer.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "diplograph/text/reader.hpp"
#include "diplograph/text/splitter.hpp"
#include "diplograph/text/utf8.hpp"

namespace diplograph::text {
namespace {

constexpr std::array<const char*, 44> kPieces = {
    "Japan", "U.S.", "Mr.", "Co.", ".", "...", "\u2026", " ", " ", " ", "\n", "\n\n", "\u00a0",
    "\u2019s", "'s", "'", "\"", "\u201c", "\u201d", "-", "\u2013", "3.5", "1,000", "(", ")", "?",
    "!", "\xff", "\xc3", "Ching-te", "e.g.", "\r\n", "a", "B.", ",", "1.", "\u2028", "\u2029",
    "\f", "C\u00f4te", "The", "he", "\t", "\xe2\x80"};

std::string random_text(std::mt19937& rng) {
  std::uniform_int_distribution<std::size_t> length(0, 40);
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
  std::string text;
  for (std::size_t n = length(rng); n > 0; --n) text += kPieces[piece(rng)];
  return text;
}

// White space as the tokenizer sees it: Unicode spaces and ASCII control characters.
bool only_white_space(std::string_view gap) {
  for (std::size_t i = 0; i < gap.size();) {
    const DecodedChar d = decode_utf8(gap, i);
    const bool control = d.code < 0x20 || d.code == 0x7F;
    if (!is_space(d.code) && !control) return false;
    i += d.length;
  }
  return true;
}

TEST(TextProperties, RandomTextsKeepEveryInvariant) {
  std::mt19937 rng(20240820);
  for (int round = 0; round < 3000; ++round) {
    const std::string text = random_text(rng);
    const std::vector<Token> tokens = tokenize(text);
    const std::vector<Sentence> sentences = split_sentences(text);
    SCOPED_TRACE(::testing::PrintToString(text));

    std::size_t previous_end = 0;
    for (const Token& t : tokens) {
      ASSERT_LT(t.span.start, t.span.end);
      ASSERT_LE(t.span.end, text.size());
      ASSERT_GE(t.span.start, previous_end);
      const std::string_view gap(text.data() + previous_end, t.span.start - previous_end);
      EXPECT_TRUE(only_white_space(gap)) << "bytes lost before token " << t.text;
      EXPECT_EQ(t.space_before, !gap.empty());
      EXPECT_EQ(t.lower, to_lower(t.text));
      EXPECT_FALSE(t.text.empty());
      previous_end = t.span.end;
    }
    EXPECT_TRUE(only_white_space(std::string_view(text).substr(previous_end)));

    std::size_t k = 0;
    for (const Sentence& s : sentences) {
      ASSERT_FALSE(s.tokens.empty());
      ASSERT_LE(s.tokens.size(), kMaxSentenceTokens);
      EXPECT_EQ(s.span.start, s.tokens.front().span.start);
      EXPECT_EQ(s.span.end, s.tokens.back().span.end);
      for (const Token& t : s.tokens) {
        ASSERT_LT(k, tokens.size());
        EXPECT_EQ(t.span, tokens[k].span);
        EXPECT_EQ(t.text, tokens[k].text);
        ++k;
      }
    }
    EXPECT_EQ(k, tokens.size());
  }
}

TEST(TextProperties, ReaderNeverLosesAnInput) {
  // Every input gives at least one document or one error, never neither, and never a crash.
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes = random_text(rng);
    if (round % 3 == 0) bytes = "{\"id\":\"x\",\"text\":\"" + bytes + "\"}\n" + bytes;
    const char* name = round % 2 == 0 ? "r.txt" : "r.jsonl";
    std::size_t documents = 0, errors = 0;
    parse_documents(
        bytes, name, InputFormat::automatic, {}, [&](Document&& d) {
          ++documents;
          EXPECT_FALSE(d.id.empty());
          EXPECT_EQ(find_invalid_utf8(d.text), std::nullopt);
        },
        [&](Error&& e) {
          ++errors;
          EXPECT_FALSE(e.message.empty());
        });
    EXPECT_GT(documents + errors, 0U) << ::testing::PrintToString(bytes);
  }
}

}  // namespace
}  // namespace diplograph::text
